import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Harness } from './harness.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/tacit.js');

/** Runs the real `tacit` command against a harness's database and Redis. */
export async function tacit(h: Harness, args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const env = {
    ...process.env,
    DATABASE_URL: h.databaseUrl,
    REDIS_URL: h.runtime.redisUrl,
    TACIT_HOME: h.config.home,
    TACIT_SECRET: h.config.secret ?? '',
    QUEUE_PREFIX: h.config.queuePrefix,
    OUTBOUND: `maildir:${h.maildir}`,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const child = run('node', [BIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  if (options.input !== undefined) {
    child.child.stdin?.end(options.input);
  }
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
