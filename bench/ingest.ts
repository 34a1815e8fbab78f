import os from 'node:os';
import { startPostfix, smtpSource, startSink } from './lib/peers.ts';
import { openScratch } from './lib/scratch.ts';
import { startTacit } from './lib/tacitProcess.ts';

/**
 * Ingest: the same smtp-source load (one connection per message as the issue
 * measured it, or connections reused as relays do) into Postfix's smtpd with its durable queue (then
 * discarded), into smtp-sink (the loopback limit), and into Tacit, whose 250
 * comes only after the commit, so smtp-source's end is the last commit.
 * Tacit runs as `tacit start` runs it on this machine: the ingest in one
 * process and the workers (routing every message as it comes) in another,
 * 10 nice(1) steps lower;
 * BENCH_INGEST_PARTS=all runs both in one process, as `--only all` does.
 */
export async function benchIngest(adminUrl: string, redisUrl: string, messages: number, reuse: boolean, sessions = 20, size = 2000) {
  const to = 'request@tacit.localhost';
  const sink = await startSink();
  const sinkSeconds = await smtpSource(sink.port, messages, sessions, size, to, reuse);
  sink.stop();

  const postfix = await startPostfix('var/bench-postfix/ingest');
  const postfixSeconds = await smtpSource(postfix.port, messages, sessions, size, to, reuse);
  await postfix.stop();

  const scratch = await openScratch(adminUrl, redisUrl);
  // One client address sends everything here: the per-address limits (6,000 a minute) would refuse the load.
  const env = { ...scratch.env, SMTP_MAX_MESSAGES_PER_IP: '1000000', SMTP_MAX_CLIENTS_PER_IP: '1000' };
  const oneProcess = process.env.BENCH_INGEST_PARTS === 'all';
  const tacit = await startTacit(env, oneProcess ? 'all' : 'ingest');
  const workers = oneProcess ? undefined : await startTacit(env, 'workers');
  // As the supervisor of `tacit start` does (WORKERS_NICENESS, default 10).
  if (workers) os.setPriority(workers.pid, Math.min(19, os.getPriority() + Number(process.env.WORKERS_NICENESS ?? 10)));
  const tacitSeconds = await smtpSource(tacit.smtpPort, messages, sessions, size, to, reuse);
  const [stored] = await scratch.ctx.sql`select count(*)::int as n from inbound_messages`;
  const rss = tacit.peakRssMiB();
  const workersRss = workers?.peakRssMiB();
  await tacit.stop();
  await workers?.stop();
  await scratch.drop();
  return {
    connections: reuse ? 'reused (-d)' : 'one per message',
    processes: oneProcess ? 'one (--only all)' : 'ingest + workers',
    messages,
    sessions,
    size,
    'smtp-sink msg/s': Math.round(messages / sinkSeconds),
    'postfix msg/s': Math.round(messages / postfixSeconds),
    'tacit msg/s': Math.round(messages / tacitSeconds),
    'vs postfix': +(postfixSeconds / tacitSeconds).toFixed(2),
    'vs smtp-sink': +(sinkSeconds / tacitSeconds).toFixed(3),
    lost: messages - (stored.n as number),
    'tacit peak RSS MiB': workersRss === undefined ? rss : `${rss} + ${workersRss}`,
  };
}
