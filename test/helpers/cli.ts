import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Harness } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/tacit.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real `tacit` command. A non-zero exit throws (with the output in
 * the message) unless `allowFailure` is set, in which case the code is returned.
 */
export function runTacit(
  args: string[],
  options: { env?: Record<string, string>; input?: string; allowFailure?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        if (code !== 0 && !options.allowFailure) {
          reject(new Error(`tacit ${args.join(' ')} exited ${code}: ${stderr}`));
        } else {
          resolve({ code, stdout, stderr });
        }
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** The environment that points a `tacit` process at a harness's database, Redis, home and Maildir. */
export function harnessEnv(h: Harness): Record<string, string> {
  return {
    DATABASE_URL: h.databaseUrl,
    REDIS_URL: h.runtime.redisUrl,
    TACIT_HOME: h.config.home,
    TACIT_SECRET: h.config.secret ?? '',
    QUEUE_PREFIX: h.config.queuePrefix,
    OUTBOUND: `maildir:${h.maildir}`,
  };
}

/** Runs the real `tacit` command against a harness's database, Redis and Maildir. */
export function tacit(
  h: Harness,
  args: string[],
  options: { env?: Record<string, string>; input?: string; allowFailure?: boolean } = {},
): Promise<CliResult> {
  return runTacit(args, {
    ...options,
    env: { ...harnessEnv(h), ...options.env },
  });
}
