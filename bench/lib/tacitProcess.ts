import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/** A Tacit server in a child process of its own, so its memory and CPU are its own. */
export interface TacitProcess {
  pid: number;
  smtpPort: number;
  /** Peak resident memory so far (VmHWM), in MiB. */
  peakRssMiB(): number;
  stop(): Promise<void>;
  /** SIGKILL: nothing finishes. */
  kill(): Promise<void>;
}

export function peakRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * Starts bench/lib/tacitServer.mjs with `env` on top of the process's own.
 * BENCH_NODE_ARGS adds node flags (e.g. --cpu-prof --cpu-prof-dir=var/bench/prof).
 */
export async function startTacit(env: Record<string, string>, only: 'all' | 'ingest' | 'workers' = 'all'): Promise<TacitProcess> {
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...extra, 'bench/lib/tacitServer.mjs'], {
    env: { ...process.env, LOG_LEVEL: 'warn', SMTP_PORT: '0', ...env, BENCH_ONLY: only },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const smtpPort = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the Tacit process exited (${code}) before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid!,
    smtpPort,
    peakRssMiB: () => peakRssMiB(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
