import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maildirTransport } from '../../src/pipeline/outbound/send/maildir.ts';
import { ensureLocalServices, type LocalServices } from '../../src/shared/services/localServices.ts';

/**
 * The private Postgres and Redis of one-machine mode ask for a password kept
 * in TACIT_HOME, and TACIT_HOME and the Maildir are for their owner only.
 * A fresh TACIT_HOME, as `npm start` makes it.
 */
let home: string;
let services: LocalServices;
const otherUsers = (file: string) => fs.statSync(file).mode & 0o007;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-secrets-'));
  fs.chmodSync(home, 0o755); // as a careless umask would leave it
  services = await ensureLocalServices(home, { fast: true });
}, 120_000);
afterAll(async () => {
  await services?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

async function postgresError(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function redisPing(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return await redis.ping();
  } catch (err) {
    return (err as Error).message;
  } finally {
    redis.disconnect();
  }
}

/** PING over a bare socket, as any local process could send it. */
function rawPing(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('the private services ask for the password in TACIT_HOME', () => {
  it('Postgres refuses a connection without the password or with a wrong one, and accepts the URL it hands out', async () => {
    const url = new URL(services.databaseUrl);
    expect(url.password).toMatch(/^[0-9a-f]{48}$/);
    expect(fs.readFileSync(path.join(home, 'services.password'), 'utf8').trim()).toBe(url.password);
    expect(await postgresError(services.databaseUrl)).toBeNull();
    const noPassword = new URL(services.databaseUrl);
    noPassword.password = '';
    expect(await postgresError(noPassword.toString())).toMatch(/password/i);
    const wrong = new URL(services.databaseUrl);
    wrong.password = 'guess';
    expect(await postgresError(wrong.toString())).toMatch(/password authentication failed/);
    const hba = fs.readFileSync(path.join(home, 'postgres', 'pg_hba.conf'), 'utf8');
    expect(hba).not.toMatch(/^[^#\n]*\btrust\b/m);
  });

  it('Redis answers NOAUTH without the password, and the password is not on its command line', async () => {
    expect(await redisPing(services.redisUrl)).toBe('PONG');
    expect(await rawPing(Number(new URL(services.redisUrl).port))).toMatch(/^-NOAUTH/);
    const pid = fs.readFileSync(path.join(home, 'run', 'redis.pid'), 'utf8').trim();
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    expect(cmdline).not.toContain(new URL(services.redisUrl).password);
  });

  it('a second process (a CLI command beside `tacit start`) reuses the running services with the same password', async () => {
    const again = await ensureLocalServices(home, { fast: true });
    expect(again.databaseUrl).toBe(services.databaseUrl);
    expect(again.redisUrl).toBe(services.redisUrl);
    expect(await postgresError(again.databaseUrl)).toBeNull();
    await again.stop(); // it started nothing, so it stops nothing
    expect(await redisPing(services.redisUrl)).toBe('PONG');
  });
});

describe('TACIT_HOME and the Maildir are for their owner only', () => {
  it('gives other users no access to TACIT_HOME, the password, the ports file or the logs', () => {
    expect(otherUsers(home)).toBe(0);
    expect(fs.statSync(home).mode & 0o060).toBe(0); // at most traversal by the postgres group
    for (const file of ['services.password', 'services.json', 'postgres.log', 'redis.log', 'redis/redis.conf']) {
      expect(fs.statSync(path.join(home, file)).mode & 0o077, file).toBe(0);
    }
  });

  it('writes Maildir folders 0700 and messages 0600', async () => {
    const dir = path.join(home, 'outbox');
    const transport = maildirTransport(dir);
    await transport.send({ envelope: { from: 'bounces@d', to: 'ana@example.org' }, raw: Buffer.from('From: tacit@d\r\nTo: ana@example.org\r\nSubject: hi\r\n\r\nhello\r\n') });
    for (const sub of ['', 'tmp', 'new', 'cur']) expect(fs.statSync(path.join(dir, sub)).mode & 0o777).toBe(0o700);
    const [file] = fs.readdirSync(path.join(dir, 'new'));
    expect(fs.statSync(path.join(dir, 'new', file!)).mode & 0o777).toBe(0o600);
  });
});
