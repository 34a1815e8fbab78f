import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/shared/config/config.ts';
import { openRuntime, type Runtime } from '../../src/app/runtime.ts';
import { startServer, type RunningServer } from '../../src/app/server.ts';
import type { Context } from '../../src/shared/context.ts';
import { TEMPLATE_DATABASE, withDatabase } from '../globalSetup.ts';
import { QUEUE_NAMES } from '../../src/shared/queue/queues.ts';
import { withTimeout } from '../../src/shared/withTimeout.ts';
import type { DNSResolver } from 'mailauth';
import { TestDns } from './dns.ts';

/**
 * A whole Tacit for one test file: its own database (cloned from the migrated
 * template), its own queue prefix in the shared Redis, its own Maildir, and
 * an SMTP ingest on a free loopback port.
 */
export interface Harness {
  runtime: Runtime;
  ctx: Context;
  config: Config;
  server: RunningServer;
  maildir: string;
  databaseUrl: string;
  domain: string;
  /** Sends a message over SMTP with nodemailer's client; resolves to the server's final answer. */
  send(message: Mail.Options): Promise<{ response: string }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  smtp?: boolean;
  workers?: boolean;
  env?: Record<string, string>;
  /** Use this database as it is, instead of a clone of the template. */
  databaseUrl?: string;
  /** DNS answers for sender authentication; by default an empty zone (no network). */
  resolver?: DNSResolver;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const adminUrl = inject('adminDatabaseUrl');
  const redisUrl = inject('redisUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  if (!options.databaseUrl) {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DATABASE}`);
    await admin.end();
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-test-'));
  const maildir = path.join(home, 'outbox');
  const databaseUrl = options.databaseUrl ?? withDatabase(adminUrl, name);
  const config = loadConfig({
    TACIT_HOME: home,
    SMTP_PORT: '0',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    OUTBOUND: `maildir:${maildir}`,
    TACIT_SECRET: 'test-secret-test-secret',
    QUEUE_PREFIX: `tacit-${name}`,
    RECONCILE_EVERY_MS: '600000',
    ...options.env,
  });
  const runtime = await openRuntime(config);
  // DNS_SERVERS given: the test answers DNS from a server of its own on loopback, as in production.
  runtime.ctx.resolver = options.resolver ?? (options.env?.DNS_SERVERS ? undefined : new TestDns().resolver);
  const server = await startServer(runtime, { smtp: options.smtp, workers: options.workers });
  const port = server.smtpPort;
  return {
    runtime,
    ctx: runtime.ctx,
    config,
    server,
    maildir,
    databaseUrl,
    domain: config.domain,
    async send(message) {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      try {
        return await transport.sendMail(message);
      } finally {
        transport.close();
      }
    },
    async close() {
      await server.stop();
      await withTimeout(Promise.all(Object.values(QUEUE_NAMES).map((q) => runtime.ctx.queues[q].obliterate({ force: true }))).catch(() => {}), 3_000);
      await runtime.close();
      if (!options.databaseUrl) {
        const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The messages in a Maildir's new/ folder, oldest first. */
export function readMaildir(dir: string): { file: string; raw: string }[] {
  const folder = path.join(dir, 'new');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .sort()
    .map((file) => ({ file, raw: fs.readFileSync(path.join(folder, file), 'utf8') }));
}

/** Waits until the Maildir holds at least `count` messages, and returns them all. */
export function waitForMail(dir: string, count = 1, timeoutMs = 15_000) {
  return waitFor(() => {
    const mails = readMaildir(dir);
    return mails.length >= count ? mails : undefined;
  }, timeoutMs, `${count} mail(s) in ${dir}`);
}
