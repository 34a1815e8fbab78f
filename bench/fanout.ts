import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildRaw, composeOutboxRow, type OutboxRow } from '../src/pipeline/outbound/compose/compose.ts';
import { runDigest } from '../src/domains/digests/runDigest.ts';
import { postgresCpuSeconds, processCpuSeconds } from './lib/cpuTime.ts';
import { secondsSince, smtpSource, startPostfix, startSink } from './lib/peers.ts';
import type { Queryable } from '../src/shared/db/database.ts';
import { openConsultation, openScratch, seedConsultation } from './lib/scratch.ts';
import { startTacit } from './lib/tacitProcess.ts';

const run = promisify(execFile);

/**
 * Fan-out: a confirmed consultation to `members` through OUTBOUND=smtp:// to
 * smtp-sink, until the sink has every copy; against (a) a bare nodemailer
 * pooled script sending as many messages of the same size, (b) Postfix
 * relaying as many from smtp-source to the same kind of sink. Then, with the
 * same process and sink, the weekly digests of the same members, against the
 * fan-out's own time.
 */
export async function benchFanout(adminUrl: string, redisUrl: string, members: number, pool = 10, repeat = 3, dkim = true) {
  const sink = await startSink();
  // With DKIM (the default, as Tacit runs), the bare pool signs every copy too, with the same kind of key.
  const scratch = await openScratch(adminUrl, redisUrl, { OUTBOUND: `smtp://127.0.0.1:${sink.port}?starttls=off`, OUTBOUND_POOL_SIZE: String(pool), DKIM: dkim ? 'on' : 'off' });
  const { sql } = scratch.ctx;
  const { groupId } = await seedConsultation(sql, members);
  const tacit = await startTacit(scratch.env);

  // The machine is shared: each side runs `repeat` times, alternating, and its best run counts.
  const tacitRuns: number[] = [];
  const bareRuns: number[] = [];
  // The 1-minute load average at each round's start: on a shared machine, ratios are read beside it.
  const loads: number[] = [];
  // CPU seconds per round, Tacit's process and Postgres's: a slow round that did no more work waited for the machine.
  const cpu: string[] = [];
  // The bare script's own CPU seconds per round, beside Tacit's: the work each side does per copy.
  const bareCpu: string[] = [];
  const pgData = path.resolve('var/bench/postgres');
  let size = 0;
  for (let round = 0; round < repeat; round++) {
    const id = await newConsultation(sql, groupId);
    loads.push(os.loadavg()[0]!);
    const before = sink.count();
    const cpuBefore = [processCpuSeconds(tacit.pid), postgresCpuSeconds(pgData)];
    const started = process.hrtime.bigint();
    await openConsultation(scratch.ctx, id);
    await sink.waitFor(before + members);
    tacitRuns.push(secondsSince(started));
    cpu.push(`${(processCpuSeconds(tacit.pid) - cpuBefore[0]!).toFixed(1)}/${(postgresCpuSeconds(pgData) - cpuBefore[1]!).toFixed(1)}`);
    if (!size) {
      const [copy] = await sql<OutboxRow[]>`select id, kind, recipient, member_id, params, in_reply_to, references_ids, created_at from outbox order by id limit 1`;
      size = (await buildRaw((await composeOutboxRow(copy!, scratch.ctx)).message)).length;
    }
    console.error(`fan-out round ${round + 1}: tacit ${tacitRuns[round]!.toFixed(1)} s, peak RSS ${tacit.peakRssMiB()} MiB; the bare pool's turn`);
    const bare = await bareNodemailer(members, size, pool, dkim);
    bareRuns.push(bare.seconds);
    bareCpu.push(bare.cpu.toFixed(1));
    // Each round as it ends: a run at 100,000 members takes a while.
    console.error(`fan-out round ${round + 1}: tacit ${tacitRuns[round]!.toFixed(1)} s (CPU tacit/postgres ${cpu[round]} s), bare ${bareRuns[round]!.toFixed(1)} s (CPU ${bareCpu[round]} s), load ${loads[round]!.toFixed(1)}, peak RSS ${tacit.peakRssMiB()} MiB`);
  }
  const tacitSeconds = Math.min(...tacitRuns);
  const bareSeconds = Math.min(...bareRuns);

  // BENCH_FANOUT_PEERS=0: the fan-out and its bare baseline only (no digest, no Postfix), for a quick before/after.
  const peers = process.env.BENCH_FANOUT_PEERS !== '0';
  const before = sink.count();
  let started = process.hrtime.bigint();
  const now = new Date();
  const digests = peers ? await runDigest(scratch.ctx, { start: new Date(now.getTime() - 7 * 86400_000), end: now }) : 0;
  await sink.waitFor(before + digests);
  const digestSeconds = peers ? secondsSince(started) : NaN;
  const rss = tacit.peakRssMiB();
  await new Promise((r) => setTimeout(r, 1000));
  const [counts] = await sql`select count(*) filter (where state = 'sent')::int as sent, count(*)::int as rows from outbox`;
  const extra = sink.count() - counts.rows;
  const retried = await sql`
    select count(*)::int as n, min(last_error) as error from outbox where attempts > 1 or last_error is not null`;
  await tacit.stop();
  await scratch.drop();
  sink.stop();

  // (b) Postfix relaying the same count from smtp-source to a sink (once: it is the slow one)
  let postfixSeconds = NaN;
  if (peers) {
    const relaySink = await startSink();
    const postfix = await startPostfix('var/bench-postfix/relay', { relayPort: relaySink.port });
    started = process.hrtime.bigint();
    await smtpSource(postfix.port, members, 20, size, 'member@example.org');
    await relaySink.waitFor(members);
    postfixSeconds = secondsSince(started);
    await postfix.stop();
    relaySink.stop();
  }

  const digestRatio = tacitSeconds / digestSeconds;
  return {
    fanout: {
      members,
      dkim: dkim ? 'RSA 2048, both sides' : 'off, both sides',
      'message bytes': size,
      pool,
      'tacit s': +tacitSeconds.toFixed(2),
      'bare nodemailer s': +bareSeconds.toFixed(2),
      'postfix relay s': +postfixSeconds.toFixed(2),
      'vs bare nodemailer': +(bareSeconds / tacitSeconds).toFixed(2),
      'vs postfix': +(postfixSeconds / tacitSeconds).toFixed(2),
      'tacit peak RSS MiB': rss,
      'rows sent / written': `${counts.sent} / ${counts.rows}`,
      'duplicates at sink': extra,
      'rows retried': retried[0].n ? `${retried[0].n} (${retried[0].error})` : 0,
      runs: `tacit ${tacitRuns.map((t) => t.toFixed(1)).join(', ')}; bare ${bareRuns.map((t) => t.toFixed(1)).join(', ')}`,
      'load average at each round': loads.map((l) => l.toFixed(1)).join(', '),
      'CPU s per round, tacit/postgres': cpu.join(', '),
      'CPU s per round, bare': bareCpu.join(', '),
    },
    digest: {
      members: digests,
      'digest s': +digestSeconds.toFixed(2),
      'fan-out s': +tacitSeconds.toFixed(2),
      'vs fan-out': +digestRatio.toFixed(2),
    },
  };
}

/** Another draft on the same list (same electorate), for the next round. */
async function newConsultation(sql: Queryable, groupId: number): Promise<number> {
  const [row] = await sql`
    insert into consultations (group_id, coordinator_id, kind, question, options, deadline)
    select group_id, coordinator_id, kind, question, options, deadline from consultations where group_id = ${groupId} order by id limit 1
    returning id`;
  return row.id as number;
}

/** (a) the bare nodemailer script, same pool size, same message size, to a sink of its own. */
async function bareNodemailer(members: number, size: number, pool: number, dkim: boolean): Promise<{ seconds: number; cpu: number }> {
  const sink = await startSink();
  try {
    const args = ['--import', 'tsx', 'bench/bare-nodemailer.ts', String(sink.port), String(members), String(size), String(pool), ...(dkim ? ['dkim'] : [])];
    const { stdout } = await run(process.execPath, args);
    await sink.waitFor(members);
    const [seconds, cpu] = stdout.trim().split(' ').map(Number);
    return { seconds: seconds!, cpu: cpu! };
  } finally {
    sink.stop();
  }
}
