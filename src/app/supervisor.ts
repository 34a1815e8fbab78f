import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import type { Config } from '../shared/config/config.ts';
import { assertNoEviction } from '../shared/queue/redisPolicy.ts';
import { openDatabase } from './database.ts';

/** The two halves of a Tacit that `tacit start` runs as processes of their own. */
export type ProcessPart = 'ingest' | 'workers';
const PARTS: ProcessPart[] = ['ingest', 'workers'];

/** The banner lines a child prints that the supervisor's own banner repeats, in this order. */
const BANNER_LINES = ['  SMTP ingest', '  web', '  outbound mail', '  database', '  redis'];
const READY = 'Press Ctrl-C to stop.';

/** A child that ran this long before dying is restarted at once again; quicker deaths wait longer, up to 30 s. */
const HEALTHY_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

interface Child {
  part: ProcessPart;
  process: ChildProcess;
  startedAt: number;
  banner: Promise<string>;
}

/**
 * `tacit start` on a machine with more than one core: the SMTP ingest and the
 * workers run as two processes, as Postfix splits smtpd from its queue
 * manager, so that routing and sending never take the CPU the ingest needs to
 * answer `250` (one process did both on one core: half the ingest rate). This
 * process starts the private Postgres and Redis when no URLs are set, applies
 * the migrations once, hands both children the URLs, restarts a child that
 * dies, and stops both on SIGINT/SIGTERM. Everything is durable in Postgres,
 * so a restarted child takes over where the dead one stopped.
 */
export async function runSupervised(config: Config, say: (line: string) => void): Promise<void> {
  const database = await openDatabase(config);
  try {
    // Refused here with its clear message, before two children each refuse it.
    await assertNoEviction(database.redisUrl);
  } catch (err) {
    await database.close();
    throw err;
  }
  // The children only need the URLs; the pool would sit idle here.
  const env = { ...process.env, DATABASE_URL: database.databaseUrl, REDIS_URL: database.redisUrl };
  let stopping = false;
  const backoff = new Map<ProcessPart, number>();
  const children = new Map<ProcessPart, Child>();

  const start = (part: ProcessPart): Child => {
    // The same node flags and entry script as this process: a build runs the build, tsx runs tsx.
    const proc = spawn(process.execPath, [...process.execArgv, process.argv[1]!, 'start', '--only', part], {
      env,
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    const banner = new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        if (out.includes(READY)) resolve(out);
      });
      proc.once('exit', (code) => reject(Object.assign(new Error(`the ${part} process exited (${code}) before it was up`), { exitCode: code ?? 1 })));
    });
    banner.catch(() => {}); // a restart's banner is never awaited
    // Routing and sending can wait a moment; a client on the line waits for its 250. Under a burst the
    // ingest keeps its CPU and the workers catch up when it is idle (measured: README, "Ingest").
    if (part === 'workers' && config.workersNiceness > 0 && proc.pid) {
      try {
        os.setPriority(proc.pid, Math.min(19, os.getPriority() + config.workersNiceness));
      } catch (err) {
        say(`could not lower the workers process's priority: ${(err as Error).message}`);
      }
    }
    const child: Child = { part, process: proc, startedAt: Date.now(), banner };
    proc.once('exit', (code, signal) => {
      if (stopping) return;
      const ranFor = Date.now() - child.startedAt;
      const wait = ranFor > HEALTHY_MS ? 0 : Math.min(MAX_BACKOFF_MS, Math.max(1000, (backoff.get(part) ?? 500) * 2));
      backoff.set(part, wait);
      say(`the ${part} process (pid ${proc.pid}) ended (${signal ?? `exit ${code}`}); starting it again in ${wait / 1000} s`);
      setTimeout(() => {
        if (stopping) return;
        const again = start(part);
        children.set(part, again);
        say(`the ${part} process is running again (pid ${again.process.pid})`);
      }, wait).unref();
    });
    return child;
  };

  const stopAll = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping (finishing running jobs)…`);
    await Promise.all(
      [...children.values()].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.process.exitCode !== null || c.process.signalCode !== null) return resolve();
            c.process.once('exit', () => resolve());
            c.process.kill('SIGTERM');
          }),
      ),
    );
    await database.close();
    say('stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stopAll('SIGINT'));
  process.on('SIGTERM', () => void stopAll('SIGTERM'));

  for (const part of PARTS) children.set(part, start(part));
  let banners: string[];
  try {
    banners = await Promise.all(PARTS.map((part) => children.get(part)!.banner));
  } catch (err) {
    // The child said why on stderr (shared with this process); end with its status.
    stopping = true;
    for (const c of children.values()) c.process.kill('SIGTERM');
    await database.close();
    process.stderr.write(`tacit: ${(err as Error).message}\n`);
    process.exit((err as { exitCode?: number }).exitCode || 1);
  }
  const lines = banners.join('\n').split('\n');
  say(`Tacit is running for ${config.domain}`);
  say(`  running       ${PARTS.map((p) => `${p} (pid ${children.get(p)!.process.pid})`).join(' and ')}, one process each`);
  if (config.workersNiceness > 0) say(`  priority      the workers ${config.workersNiceness} lower than the ingest (WORKERS_NICENESS)`);
  for (const prefix of BANNER_LINES) {
    const line = lines.find((l) => l.startsWith(prefix));
    if (line) say(line);
  }
  say(READY);
}

/**
 * In a child of the supervisor: when the supervisor is gone (killed, even with
 * SIGKILL), its IPC channel closes, and this process ends at once rather than
 * run on unsupervised, holding the port a new `tacit start` wants.
 */
export function endWithSupervisor(log: { error(obj: object, msg: string): void }): void {
  if (!process.send) return;
  process.once('disconnect', () => {
    log.error({ pid: process.pid }, 'the supervising tacit start is gone; ending');
    process.exit(1);
  });
}
