import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { runTacit } from '../helpers/cli.ts';
import { ensurePrivatePostgres } from '../../src/shared/services/localServices.ts';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

/** The final code of one SMTP transaction, sent with swaks (a client that reports 4xx as it is). */
async function swaksCode(port: number, from: string): Promise<string> {
  const result = await run('swaks', [
    '--server', `127.0.0.1:${port}`, '--to', 'request@tacit.localhost', '--from', from, '--body', 'help', '--hide-informational',
  ]).catch((err: { stdout: string }) => err);
  const codes = [...result.stdout.matchAll(/<[-*]+ +(\d{3}) /g)].map((m) => m[1]);
  return codes[codes.length - 2] ?? codes[codes.length - 1] ?? 'none'; // the last is QUIT's 221
}

describe('Postgres stopped mid-run', () => {
  let home: string;
  let pg: { databaseUrl: string; stop(): Promise<void> };
  let h: Harness;
  beforeAll(async () => {
    // Under var/test like the suite's own services: initdb runs as the postgres user, who must reach it.
    fs.mkdirSync(path.join(ROOT, 'var/test'), { recursive: true });
    home = fs.mkdtempSync(path.join(ROOT, 'var/test/pgdown-'));
    fs.chmodSync(home, 0o755);
    pg = await ensurePrivatePostgres(home, { fast: true } as never);
    h = await createHarness({ databaseUrl: pg.databaseUrl, env: { RECONCILE_EVERY_MS: '1000', RECONCILE_GRACE_MS: '0' } });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await pg?.stop();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it('answers 451 while it is down, never 250, and recovers fully when it is back', async () => {
    expect(await swaksCode(h.server.smtpPort, 'before@example.org')).toBe('250');
    await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: before@example.org')));

    await pg.stop();
    expect(await swaksCode(h.server.smtpPort, 'during@example.org')).toBe('451');

    pg = await ensurePrivatePostgres(home, { fast: true } as never);
    await waitFor(async () => (await swaksCode(h.server.smtpPort, 'after@example.org')) === '250', 30_000, 'a 250 after recovery');
    await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: after@example.org')), 30_000);
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from inbound_messages where envelope_from = 'during@example.org'`;
    expect(n).toBe(0);
  }, 120_000);

  it('a promise rejected with nobody listening is logged and the process keeps running (and ends it without the guard)', async () => {
    await pg.stop();
    try {
      const script = path.join(ROOT, 'test/fixtures/reject-while-database-down.ts');
      const node = (env: Record<string, string>) =>
        run(process.execPath, ['--import', 'tsx', script, pg.databaseUrl], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'info', ...env } }).then(
          (r) => ({ code: 0, ...r }),
          (err: { code: number; stdout: string; stderr: string }) => err,
        );
      const guarded = await node({});
      expect(guarded.code).toBe(0);
      expect(guarded.stdout).toContain('still running');
      expect(guarded.stderr).toContain('unhandled promise rejection');
      const unguarded = await node({ WITHOUT_GUARD: '1' });
      expect(unguarded.code).not.toBe(0);
      expect(unguarded.stdout).not.toContain('still running');
    } finally {
      pg = await ensurePrivatePostgres(home, { fast: true } as never);
    }
  }, 60_000);
});

describe('a Redis that evicts keys', () => {
  let redis: ChildProcess | undefined;
  afterAll(() => {
    redis?.kill('SIGTERM');
  });

  it('is refused at start with a clear message', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], { stdio: 'ignore' });
    await waitFor(async () => {
      const ok = await new Promise<boolean>((resolve) => {
        const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
        c.on('error', () => resolve(false));
      });
      return ok;
    });
    const h = await createHarness({ smtp: false, workers: false });
    try {
      const result = await runTacit(['start'], {
        allowFailure: true,
        env: { DATABASE_URL: h.databaseUrl, REDIS_URL: `redis://127.0.0.1:${port}`, TACIT_HOME: h.config.home, TACIT_SECRET: 'test-secret-test-secret', SMTP_PORT: '0' },
      });
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/maxmemory-policy allkeys-lru.*noeviction/s);
    } finally {
      await h.close();
    }
  }, 60_000);
});
