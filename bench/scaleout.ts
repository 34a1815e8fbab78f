import { secondsSince, sleep, smtpSource, startSink } from './lib/peers.ts';
import { openConsultation, openScratch, seedConsultation } from './lib/scratch.ts';
import { startTacit, type TacitProcess } from './lib/tacitProcess.ts';

/**
 * Scale-out: the same work with one Tacit process (ingest and workers) and
 * with two (one ingest only, one workers only, as `tacit start --only`
 * splits them): ingest of `messages` until every one is routed, then a
 * fan-out to `members` until the sink has every copy.
 */
export async function benchScaleOut(adminUrl: string, redisUrl: string, messages: number, members: number) {
  const one = await runOnce(adminUrl, redisUrl, messages, members, ['all']);
  const two = await runOnce(adminUrl, redisUrl, messages, members, ['ingest', 'workers']);
  return {
    messages,
    members,
    'ingest→routed 1 process s': one.ingest,
    'ingest→routed 2 processes s': two.ingest,
    'ingest ratio': +(one.ingest / two.ingest).toFixed(2),
    'fan-out 1 process s': one.fanout,
    'fan-out 2 processes s': two.fanout,
    'fan-out ratio': +(one.fanout / two.fanout).toFixed(2),
    'peak RSS MiB (each process)': `${one.rss.join(', ')} | ${two.rss.join(', ')}`,
  };
}

async function runOnce(adminUrl: string, redisUrl: string, messages: number, members: number, parts: ('all' | 'ingest' | 'workers')[]) {
  const sink = await startSink();
  // SMTP_MAX_MESSAGES_PER_IP: one client address sends the whole load.
  const scratch = await openScratch(adminUrl, redisUrl, {
    OUTBOUND: `smtp://127.0.0.1:${sink.port}?starttls=off`,
    OUTBOUND_POOL_SIZE: '10',
    SMTP_MAX_MESSAGES_PER_IP: '1000000',
  });
  const { sql } = scratch.ctx;
  const processes: TacitProcess[] = [];
  try {
    const { consultationId } = await seedConsultation(sql, members);
    for (const part of parts) processes.push(await startTacit(scratch.env, part));
    const smtpPort = processes.find((p) => p.smtpPort)!.smtpPort;
    let started = process.hrtime.bigint();
    await smtpSource(smtpPort, messages, 20, 2000, 'request@tacit.localhost', true);
    for (;;) {
      const [row] = await sql`select count(*) filter (where state <> 'received')::int as done from inbound_deliveries`;
      if (row.done >= messages) break;
      await sleep(50);
    }
    const ingest = secondsSince(started);
    const before = sink.count();
    started = process.hrtime.bigint();
    await openConsultation(scratch.ctx, consultationId);
    await sink.waitFor(before + members);
    const fanout = secondsSince(started);
    return { ingest: +ingest.toFixed(2), fanout: +fanout.toFixed(2), rss: processes.map((p) => p.peakRssMiB()) };
  } finally {
    for (const p of processes) await p.stop();
    await scratch.drop();
    sink.stop();
  }
}
