import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { replyAddress } from '../src/domains/consultations/replies/replyAddress.ts';
import { secondsSince, sleep, startSink } from './lib/peers.ts';
import { openConsultation, openScratch, seedConsultation } from './lib/scratch.ts';
import { startTacit } from './lib/tacitProcess.ts';
import { statementsOf } from './repliesStatements.ts';
import { postgresCpuSeconds, processCpuSeconds as cpuSeconds } from './lib/cpuTime.ts';

const CORPUS = path.resolve('../shared/corpus/vote-replies');


/** The corpus replies (mixed clients), each turned into member `i`'s reply: their From, their reply address, a fresh Message-ID. */
function replyMessages(corpus: string[], addresses: { email: string; to: string }[]) {
  return addresses.map(({ email, to }, i) => {
    const raw = corpus[i % corpus.length]!;
    const split = raw.search(/\r?\n\r?\n/);
    const head = raw
      .slice(0, split)
      .replace(/^From: .*(\r?\n[ \t].*)*/m, `From: ${email}`)
      .replace(/^Message-ID: .*/im, `Message-ID: <bench-${i}@example.org>`);
    return { envelope: { from: email, to }, raw: (head + raw.slice(split)).replaceAll('reply+TOKEN@tacit.localhost', to) };
  });
}

async function sendAll(port: number, messages: { envelope: { from: string; to: string }; raw: string }[], connections = 20): Promise<number> {
  const transport = nodemailer.createTransport({ pool: true, maxConnections: connections, host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  const started = process.hrtime.bigint();
  let next = 0;
  const lane = async () => {
    while (next < messages.length) await transport.sendMail(messages[next++]!);
  };
  await Promise.all(Array.from({ length: connections * 4 }, lane));
  transport.close();
  return secondsSince(started);
}

/**
 * Replies: `count` replies from the vote-replies corpus (132 real client
 * formats), from ingest to recorded stance, against the ingest of the same
 * messages with routing off (a process running only the SMTP ingest).
 */
export async function benchReplies(adminUrl: string, redisUrl: string, count: number) {
  const corpus = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.eml')).sort().map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));
  const sink = await startSink();
  const scratch = await openScratch(adminUrl, redisUrl, { OUTBOUND: `smtp://127.0.0.1:${sink.port}?starttls=off`, OUTBOUND_POOL_SIZE: '10' });
  const { sql, config } = scratch.ctx;
  try {
    const { consultationId: id } = await seedConsultation(sql, count);
    await openConsultation(scratch.ctx, id, { send: false });
    const voters = await sql`select member_id, email from consultation_electorate where consultation_id = ${id} order by member_id`;
    const messages = replyMessages(corpus, voters.map((v) => ({ email: v.email as string, to: replyAddress(scratch.ctx, id, v.member_id as number) })));
    void config;

    const ingestOnly = await startTacit(scratch.env, 'ingest');
    // CPU seconds (user + system) of the Tacit process and of Postgres: less at the mercy of the machine's load than wall time.
    const pgData = path.resolve('var/bench/postgres');
    const ingestCpu0 = cpuSeconds(ingestOnly.pid);
    const ingestPg0 = postgresCpuSeconds(pgData);
    const ingestSeconds = await sendAll(ingestOnly.smtpPort, messages);
    const ingestCpu = cpuSeconds(ingestOnly.pid) - ingestCpu0;
    const ingestPg = postgresCpuSeconds(pgData) - ingestPg0;
    await ingestOnly.stop();
    // Unrouted jobs of the first run would name rows that are gone; new rows get new ids.
    await scratch.ctx.queues.route.obliterate({ force: true });
    await sql`delete from inbound_deliveries`;
    await sql`delete from inbound_messages`;

    const tacit = await startTacit(scratch.env);
    const statements = process.env.BENCH_PG_STATS ? await statementsOf(adminUrl, new URL(scratch.env.DATABASE_URL!).pathname.slice(1)) : null;
    const started = process.hrtime.bigint();
    const routedCpu0 = cpuSeconds(tacit.pid);
    const routedPg0 = postgresCpuSeconds(pgData);
    await sendAll(tacit.smtpPort, messages);
    for (;;) {
      const [row] = await sql`select count(*) filter (where state = 'received')::int as waiting, count(*)::int as n from inbound_deliveries`;
      if (row.n >= count && row.waiting === 0) break;
      await sleep(100);
    }
    const routedSeconds = secondsSince(started);
    const routedCpu = cpuSeconds(tacit.pid) - routedCpu0;
    const routedPg = postgresCpuSeconds(pgData) - routedPg0;
    const perReply = await statements?.report(count);
    const [recorded] = await sql`select count(*)::int as n, count(*) filter (where readable)::int as readable from consultation_replies where consultation_id = ${id}`;
    const outcomes = await sql`
      select regexp_replace(coalesce(outcome, state), '[0-9]+', 'N', 'g') as o, count(*)::int as n
      from inbound_deliveries group by 1 order by 2 desc limit 4`;
    const rss = tacit.peakRssMiB();
    await tacit.stop();
    return {
      replies: count,
      'ingest only s': +ingestSeconds.toFixed(2),
      'ingest → stance s': +routedSeconds.toFixed(2),
      'vs ingest only': +(ingestSeconds / routedSeconds).toFixed(2),
      // CPU of the Tacit process over the same spans: the receipts it sends meanwhile included.
      'ingest only CPU s': +ingestCpu.toFixed(2),
      'ingest → stance CPU s': +routedCpu.toFixed(2),
      // Postgres over the same spans (the bench's polling for the routed count included in the second).
      'ingest only PG CPU s': +ingestPg.toFixed(2),
      'ingest → stance PG CPU s': +routedPg.toFixed(2),
      'CPU ms a reply (Tacit + PG)': +((1000 * (routedCpu + routedPg)) / count).toFixed(1),
      recorded: recorded.n,
      readable: recorded.readable,
      outcomes: outcomes.map((r) => `${r.n} ${r.o}`).join('; '),
      'tacit peak RSS MiB': rss,
      ...(perReply ? { 'statements a reply': +(perReply.calls / count).toFixed(1) } : {}),
    };
  } finally {
    await scratch.drop();
    sink.stop();
  }
}
