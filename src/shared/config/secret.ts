import fs from 'node:fs';
import path from 'node:path';
import { secretFile } from '../services/privateFiles.ts';
import type { Config } from './config.ts';

/**
 * The server secret behind every token. When TACIT_SECRET is not set, one is
 * generated once into TACIT_HOME/secret so tokens survive restarts.
 */
export function resolveSecret(config: Config): string {
  if (config.secret) return config.secret;
  fs.mkdirSync(config.home, { recursive: true, mode: 0o700 });
  return secretFile(path.join(config.home, 'secret'), 32);
}
