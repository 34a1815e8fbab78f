import fs from 'node:fs';
import { UsageError } from './usageError.ts';

/** A command's input: the named file, or standard input for `-` or none. */
export async function readInput(file: string | undefined): Promise<Buffer> {
  if (file && file !== '-') {
    if (!fs.existsSync(file)) throw new UsageError(`no such file: ${file}`);
    return fs.readFileSync(file);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
