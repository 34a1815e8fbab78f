/**
 * Memory of a consultation's fan-out and close as the electorate grows.
 *
 *   DATABASE_URL=postgres://… REDIS_URL=redis://… node --expose-gc --import tsx bench/consultation-fanout.ts [N…]
 *
 * For each electorate size it creates a scratch database, seeds a list of N
 * members set-based, then measures the steps that touch every member: the
 * electorate freeze with its copies (SQL), streaming the copies into the
 * delivery queue (cursor, 500 a batch), and the close (buckets in SQL, the
 * tally streamed through the rules' accumulator, outcome mails written in
 * SQL; ballot codes written and the tally sheet hashed), then the tally sheet
 * streamed again on its own. Reported: time, and the peak JS heap above the level before the step
 * (sampled every 5 ms). Flat memory means the peak does not grow with N.
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import type { Context } from '../src/app/context.ts';
import { loadConfig } from '../src/config/config.ts';
import { closeConsultation } from '../src/consultations/close.ts';
import { loadConsultation } from '../src/consultations/consultation.ts';
import { freezeElectorateAndWriteCopies, streamMailing } from '../src/consultations/mailings.ts';
import { streamTallySheet } from '../src/consultations/tallySheet.ts';
import { connectDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { logger } from '../src/log/logger.ts';
import { openQueues } from '../src/queue/queues.ts';

const adminUrl = process.env.DATABASE_URL;
const redisUrl = process.env.REDIS_URL;
if (!adminUrl || !redisUrl) throw new Error('set DATABASE_URL (a server where databases may be created) and REDIS_URL');
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMiB: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { value, ms, peakMiB: (peak - base) / 2 ** 20 };
}

async function benchOne(n: number) {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const sql = connectDatabase(url.toString());
  const queues = openQueues(redisUrl!, `bench-${name}`);
  try {
    await migrate(sql);
    const config = loadConfig({ ...process.env, DATABASE_URL: url.toString(), TACIT_SECRET: 'bench-secret-bench-secret' });
    const ctx: Context = { config, secret: 'bench-secret-bench-secret', sql, queues, log: logger };
    const [group] = await sql`insert into groups (slug, name, level) values ('icc', 'ICC', 'committee') returning id`;
    await sql`insert into members (email, name) select 'm' || i || '@example.org', 'Member ' || i from generate_series(1, ${n}) i`;
    await sql`insert into memberships (group_id, member_id) select ${group.id}, id from members`;
    const [coordinator] = await sql`select id from members order by id limit 1`;
    const [draft] = await sql`
      insert into consultations (group_id, coordinator_id, kind, question, options, deadline)
      values (${group.id}, ${coordinator.id}, 'choice', 'Name?', ${sql.json([{ letter: 'A', text: 'One' }, { letter: 'B', text: 'Two' }, { letter: 'C', text: 'Three' }])}, now() + interval '1 day')
      returning id`;
    const id = draft.id as number;

    const freeze = await measure(() => sql.begin(async (tx) => {
      const c = (await loadConsultation(tx, id, 'update'))!;
      const count = await freezeElectorateAndWriteCopies(tx, c);
      await tx`update consultations set status = 'open', opened_at = now(), electorate_size = ${count} where id = ${id}`;
      return count;
    }));
    const stream = await measure(() => streamMailing(ctx, id, 'copy'));

    // Delivered; half the members reply (B, C, A in turn), then the deadline passes.
    await sql`update outbox set state = 'sent' where kind = 'consultation-copy'`;
    await sql`
      with r as (
        insert into consultation_replies (consultation_id, member_id, stance, readable, received_at)
        select ${id}, member_id, jsonb_build_object('first', (array['B','C','A'])[1 + member_id % 3]), true, now()
        from consultation_electorate where consultation_id = ${id} and member_id % 2 = 0
        returning id, member_id)
      update consultation_electorate e set latest_reply_id = r.id from r where e.consultation_id = ${id} and e.member_id = r.member_id`;
    await sql`update consultations set deadline = now() where id = ${id}`;
    const close = await measure(() => closeConsultation(ctx, id));
    const outcome = close.value.closed ? close.value.outcome : null;
    // The tally sheet streamed and hashed again (what `tacit consultation C-ID --tally` does, output discarded).
    const sheet = await measure(() => streamTallySheet(sql, id, () => {}));
    if (sheet.value?.sha256 !== outcome?.tallySha256) throw new Error('the tally sheet does not hash to the digest stored at the close');
    return {
      electorate: freeze.value,
      queued: stream.value,
      'freeze ms': Math.round(freeze.ms),
      'freeze heap MiB': +freeze.peakMiB.toFixed(1),
      'stream ms': Math.round(stream.ms),
      'stream heap MiB': +stream.peakMiB.toFixed(1),
      'close ms': Math.round(close.ms),
      'close heap MiB': +close.peakMiB.toFixed(1),
      'sheet ms': Math.round(sheet.ms),
      'sheet heap MiB': +sheet.peakMiB.toFixed(1),
      replied: outcome?.buckets.replied,
      silent: outcome?.buckets.silent,
    };
  } finally {
    await queues.deliver.obliterate({ force: true }).catch(() => {});
    await queues.consultation.obliterate({ force: true }).catch(() => {});
    await queues.close();
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

const rows = [];
for (const n of sizes.length ? sizes : [2_000, 20_000]) rows.push(await benchOne(n));
console.table(rows);
// For bench/run.ts, which runs this in a child process with its own heap limit.
if (process.env.BENCH_RESULTS_FILE) (await import('node:fs')).writeFileSync(process.env.BENCH_RESULTS_FILE, JSON.stringify(rows));
process.exit(0);
