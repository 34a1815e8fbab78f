import { closeConsultation } from '../src/domains/consultations/close/close.ts';
import { secondsSince } from './lib/peers.ts';
import { openConsultation, openScratch, seedConsultation } from './lib/scratch.ts';
import { statementsOf } from './repliesStatements.ts';

/**
 * Close: a consultation with `electors` members, `replies` of whom answered
 * (B, C, A in turn), closed at its deadline (buckets, tally, outcome mails);
 * against one INSERT … SELECT of as many rows into a table with a primary
 * key, in the same database.
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
    let started = process.hrtime.bigint();
    const result = await closeConsultation(scratch.ctx, id);
    const closeSeconds = secondsSince(started);
    await statements?.report(1, 'a close');
    if (!result.closed) throw new Error(`not closed: ${result.reason}`);

    await sql`create table bench_baseline (id bigint primary key, member_id bigint not null, state text not null)`;
    started = process.hrtime.bigint();
    await sql`insert into bench_baseline select i, i, 'silent' from generate_series(1, ${electors}) i`;
    const baselineSeconds = secondsSince(started);
    return {
      electors,
      replies,
      'close s': +closeSeconds.toFixed(2),
      'INSERT … SELECT s': +baselineSeconds.toFixed(2),
      'close / insert': +(closeSeconds / baselineSeconds).toFixed(2),
      replied: result.outcome.buckets.replied,
      silent: result.outcome.buckets.silent,
    };
  } finally {
    await scratch.drop();
  }
}
