import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../src/config/config.ts';
import { openRuntime } from '../src/app/runtime.ts';
import { startServer } from '../src/app/server.ts';
import { QUEUE_NAMES } from '../src/queue/queues.ts';

const run = promisify(execFile);

/**
 * Ingest throughput, as a ratio to Postfix's smtp-sink measured in the same
 * run with the same client (smtp-source): the machine is shared and noisy, so
 * only the ratio means anything.
 */
export interface IngestResult {
  connections: 'one per message' | 'reused';
  messages: number;
  sessions: number;
  sizeBytes: number;
  sinkPerSecond: number;
  tacitAcceptPerSecond: number;
  tacitRoutedPerSecond: number;
  acceptRatio: number;
  routedRatio: number;
  ingestRssMiB: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number) {
  for (let i = 0; i < 100; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => (c.end(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

/** smtp-source with -d keeps each session's connection for many messages, as a relay does. */
async function timeSmtpSource(port: number, messages: number, sessions: number, size: number, to: string, reuse: boolean): Promise<number> {
  const started = process.hrtime.bigint();
  const args = ['-m', String(messages), '-s', String(sessions), '-l', String(size), '-f', 'bench@example.org', '-t', to];
  await run('smtp-source', [...(reuse ? ['-d'] : []), ...args, `127.0.0.1:${port}`]);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function benchIngest(messages = 2000, sessions = 10, size = 2048, reuse = true): Promise<IngestResult> {
  // Baseline: smtp-source → smtp-sink.
  const sinkPort = await freePort();
  const sinkDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-bench-sink-'));
  const sink = spawn('smtp-sink', ['-u', 'nobody', `127.0.0.1:${sinkPort}`, '256'], { stdio: 'ignore' });
  await waitForPort(sinkPort);
  const sinkSeconds = await timeSmtpSource(sinkPort, messages, sessions, size, 'request@tacit.localhost', reuse);
  sink.kill();
  fs.rmSync(sinkDir, { recursive: true, force: true });

  // Tacit: the same client against the ingest (durable commit before 250), with the workers routing.
  const home = path.resolve('var/bench');
  const config = loadConfig({ ...process.env, TACIT_HOME: home, SMTP_PORT: '0', OUTBOUND: `maildir:${home}/outbox`, LOG_LEVEL: 'warn' });
  const runtime = await openRuntime(config);
  const { sql } = runtime.ctx;
  await sql`truncate inbound_deliveries, inbound_messages, outbox, reply_budget restart identity cascade`;
  await Promise.all(Object.values(QUEUE_NAMES).map((q) => runtime.ctx.queues[q].obliterate({ force: true })));
  const server = await startServer(runtime, { reconciler: false });
  const started = process.hrtime.bigint();
  const acceptSeconds = await timeSmtpSource(server.smtpPort, messages, sessions, size, 'request@tacit.localhost', reuse);
  for (;;) {
    const [row] = await sql`select count(*)::int as n from inbound_deliveries where state <> 'received'`;
    if (row.n >= messages) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const routedSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [stored] = await sql`select count(*)::int as n from inbound_messages`;
  if (stored.n !== messages) throw new Error(`expected ${messages} stored messages, found ${stored.n}`);
  const rss = process.memoryUsage().rss;
  await server.stop();
  await runtime.close();

  const sinkPerSecond = messages / sinkSeconds;
  const tacitAcceptPerSecond = messages / acceptSeconds;
  const tacitRoutedPerSecond = messages / routedSeconds;
  return {
    connections: reuse ? 'reused' : 'one per message',
    messages,
    sessions,
    sizeBytes: size,
    sinkPerSecond: Math.round(sinkPerSecond),
    tacitAcceptPerSecond: Math.round(tacitAcceptPerSecond),
    tacitRoutedPerSecond: Math.round(tacitRoutedPerSecond),
    acceptRatio: Number((tacitAcceptPerSecond / sinkPerSecond).toFixed(3)),
    routedRatio: Number((tacitRoutedPerSecond / sinkPerSecond).toFixed(3)),
    ingestRssMiB: Math.round(rss / 1024 / 1024),
  };
}
