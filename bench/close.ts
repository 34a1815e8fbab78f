import fs from 'node:fs';
import path from 'node:path';
import { closeConsultation } from '../src/domains/consultations/close/close.ts';
import { postgresCpuSeconds } from './lib/cpuTime.ts';
import { samplePeakMemory } from './lib/memoryPeak.ts';
import { secondsSince } from './lib/peers.ts';
import { openConsultation, openScratch, seedConsultation } from './lib/scratch.ts';
import { statementsOf } from './repliesStatements.ts';

/**
 * Close: a consultation with `electors` members, `replies` of whom answered
 * (B, C, A in turn), closed at its deadline (buckets, tally, outcome mails);
 * against one INSERT … SELECT of as many rows into a table with a primary
 * key, in the same database. Beside the wall times: the CPU seconds the
 * close took in this process and in Postgres, and the insert's in Postgres
 * (a wall ratio moves with the machine's load, CPU seconds much less), the
 * load average, and this process's peak RSS and heap during the close (it
 * runs here), with what it held before.
 */
export async function benchClose(adminUrl: string, redisUrl: string, electors: number, replies: number) {
  const scratch = await openScratch(adminUrl, redisUrl);
  const { sql } = scratch.ctx;
  try {
    const { consultationId: id } = await seedConsultation(sql, electors);
    await openConsultation(scratch.ctx, id, { send: false });
    await sql`
      with r as (
        insert into consultation_replies (consultation_id, member_id, stance, readable, received_at)
        select ${id}, member_id, jsonb_build_object('first', (array['B','C','A'])[1 + member_id % 3]), true, now()
        from consultation_electorate where consultation_id = ${id} order by member_id limit ${replies}
        returning id, member_id)
      update consultation_electorate e set latest_reply_id = r.id from r where e.consultation_id = ${id} and e.member_id = r.member_id`;
    await sql`update consultations set deadline = now() where id = ${id}`;
    await sql`vacuum analyze`;

    const statements = process.env.BENCH_PG_STATS ? await statementsOf(adminUrl, new URL(scratch.env.DATABASE_URL!).pathname.slice(1)) : null;
    const pgData = path.resolve('var/bench/postgres');
    const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
    (globalThis as { gc?: () => void }).gc?.();
    const memory = samplePeakMemory();
    const cpuBefore = { node: process.cpuUsage(), postgres: postgresCpuSeconds(pgData) };
    let started = process.hrtime.bigint();
    const result = await closeConsultation(scratch.ctx, id);
    const closeSeconds = secondsSince(started);
    const nodeCpu = process.cpuUsage(cpuBefore.node);
    const closeCpu = { node: (nodeCpu.user + nodeCpu.system) / 1e6, postgres: postgresCpuSeconds(pgData) - cpuBefore.postgres };
    const peak = memory.stop();
    await statements?.report(1, 'a close');
    if (!result.closed) throw new Error(`not closed: ${result.reason}`);

    await sql`create table bench_baseline (id bigint primary key, member_id bigint not null, state text not null)`;
    const insertCpuBefore = postgresCpuSeconds(pgData);
    started = process.hrtime.bigint();
    await sql`insert into bench_baseline select i, i, 'silent' from generate_series(1, ${electors}) i`;
    const baselineSeconds = secondsSince(started);
    const insertCpu = postgresCpuSeconds(pgData) - insertCpuBefore;
    return {
      electors,
      replies,
      'close s': +closeSeconds.toFixed(2),
      'INSERT … SELECT s': +baselineSeconds.toFixed(2),
      'close / insert': +(closeSeconds / baselineSeconds).toFixed(2),
      'close CPU s, node + postgres': `${closeCpu.node.toFixed(2)} + ${closeCpu.postgres.toFixed(2)}`,
      'insert CPU s, postgres': +insertCpu.toFixed(2),
      'CPU close / insert': +((closeCpu.node + closeCpu.postgres) / insertCpu).toFixed(2),
      'load average': +load!,
      'close peak RSS MiB (before)': `${peak.rssMiB} (${peak.rssStartMiB})`,
      'close peak heap MiB (before)': `${peak.heapMiB} (${peak.heapStartMiB})`,
      replied: result.outcome.buckets.replied,
      silent: result.outcome.buckets.silent,
    };
  } finally {
    await scratch.drop();
  }
}
