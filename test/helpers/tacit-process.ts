import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { harnessEnv } from './cli.ts';
import type { Harness } from './harness.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** A running `tacit start`, with what it printed up to "Press Ctrl-C to stop." (where it listens). */
export type TacitProcess = ChildProcess & { banner: string };

/** Runs a real `tacit start` (with `args`, and `env` on top) on a harness's database, Redis and Maildir; resolves once it is up. */
export function startTacitProcess(h: Harness, port: number, args: string[] = [], env: Record<string, string> = {}): Promise<TacitProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(ROOT, 'bin/tacit.js'), 'start', ...args], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'error',
        ...harnessEnv(h),
        SMTP_PORT: String(port),
        RECONCILE_EVERY_MS: '1000',
        RECONCILE_GRACE_MS: '1000',
        // A stalled process's claimed outbox rows go to another after this (a killed one's at once).
        OUTBOUND_LEASE_MS: '5000',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let up = false;
    proc.stdout!.on('data', (d) => {
      out += d.toString();
      if (up || !out.includes('Press Ctrl-C')) return;
      up = true;
      resolve(Object.assign(proc, { banner: out }));
    });
    proc.once('exit', (code) => reject(new Error(`tacit start exited ${code} before it was up: ${out}`)));
  });
}
