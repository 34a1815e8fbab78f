import { closeConsultation } from '../src/domains/consultations/close/close.ts';
import { rankedVote } from '../src/decisions/methods/rankedVote/rankedVote.ts';
import { secondsSince } from './lib/peers.ts';
import type { Context } from '../src/shared/context.ts';
import { openConsultation, openScratch } from './lib/scratch.ts';

const LETTERS = 'ABCDEFGHIJ';

/** `n` distinct rankings of the 10 options (a fixed seed), each a list of single-option tiers, some cut short. */
function rankingPool(n: number): string[][][] {
  // mulberry32: a fixed seed, integer arithmetic only (a float LCG loses bits and cycles early).
  let seed = 20261206;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = new Map<string, string[][]>();
  while (pool.size < n) {
    const order = [...LETTERS].sort(() => random() - 0.5);
    const ranked = order.slice(0, 3 + Math.floor(random() * 8)).map((letter) => [letter]);
    pool.set(JSON.stringify(ranked), ranked);
  }
  return [...pool.values()];
}

/**
 * Closing a formal vote by Schulze: `electors` members, `ballots` of whom
 * cast a ranked ballot over 10 options, drawn from `distinct` different
 * rankings. The count groups the ballots by ranking as they stream past,
 * so what the close holds follows the distinct rankings, not the ballots: the
 * heap it holds when the count has every ballot (after a full GC) is
 * measured for `ballots` and for a tenth of them over the same rankings.
 * Baseline: one INSERT … SELECT of `electors` rows in the same database.
 *
 * Results per place (issue 22): closes of the international list, its
 * electors living in 5 branches of 4 chapters each (a fifth of each
 * branch's members where no chapter is yet, a sixth of all in no branch),
 * with the same ballots, counted with results per place beside the total and
 * without them (the same vote with no place level), in the same database,
 * twice each in turn (the best of each counts); with them is to stay within
 * 1.5× of without.
 */
export async function benchVoteClose(adminUrl: string, redisUrl: string, electors: number, ballots: number, distinct: number) {
  const full = await closeOnce(adminUrl, redisUrl, electors, ballots, distinct);
  const tenth = await closeOnce(adminUrl, redisUrl, electors, Math.round(ballots / 10), distinct);
  const placed = await closePerPlace(adminUrl, redisUrl, electors, ballots, distinct);
  return {
    electors,
    ballots,
    'distinct rankings': distinct,
    'close s': full.closeSeconds,
    'INSERT … SELECT s': full.baselineSeconds,
    'close / insert': +(full.closeSeconds / full.baselineSeconds).toFixed(2),
    'heap held at the count MiB': full.heldMiB,
    [`held MiB, ${Math.round(ballots / 10)} ballots`]: tenth.heldMiB,
    winner: full.winner,
    'international list: close s without places': placed.withoutSeconds,
    'close s, per place': placed.withSeconds,
    'per place / without': +(placed.withSeconds / placed.withoutSeconds).toFixed(2),
    'rows per place': placed.parts,
  };
}

const COUNTRIES = ['FR', 'GB', 'DE', 'IT', 'ES'];

/** The international list with 5 branches of 4 chapters each; members get a residence by their number. */
async function placedOrg(sql: Context['sql'], electors: number): Promise<number> {
  const [all] = await sql`insert into groups (slug, name, level) values ('all', 'All members', 'international') returning id`;
  for (const country of COUNTRIES) {
    const [branch] = await sql`
      insert into groups (slug, name, level, country, parent_id) values (${country.toLowerCase()}, ${`Branch ${country}`}, 'national', ${country}, ${all.id}) returning id`;
    for (let c = 0; c < 4; c++) {
      await sql`
        insert into groups (slug, name, level, country, city, parent_id)
        values (${`${country.toLowerCase()}-city${c}`}, ${`City ${c}`}, 'local', ${country}, ${`City${c}`}, ${branch.id})`;
    }
  }
  // A sixth of the members in no branch (i % 6 = 5); in each branch, city 4 has no chapter yet.
  await sql`
    insert into members (email, name, country, city)
    select 'm' || i || '@example.org', 'Member ' || i,
           (${COUNTRIES}::text[])[i % 6 + 1], case when i % 6 < 5 then 'City' || ((i / 6) % 5) end
    from generate_series(1, ${electors}) i`;
  return all.id as number;
}

/** A Schulze vote of `groupId` over 10 options, opened (electorate frozen), with `ballots` ballots from `distinct` rankings; due. */
async function openVote(scratch: Awaited<ReturnType<typeof openScratch>>, groupId: number, ballots: number, distinct: number): Promise<number> {
  const { sql } = scratch.ctx;
  const [coordinator] = await sql`select id from members order by id limit 1`;
  const opened = rankedVote.parseOpening({
    options: [...LETTERS].map((letter) => ({ letter, text: `Candidate ${letter}` })),
    headers: new Map([['count', { name: 'Count', value: 'schulze' }], ['default', { name: 'Default', value: 'off' }]]),
  });
  if (!opened.ok) throw new Error(opened.errors.join(' '));
  const [draft] = await sql`
    insert into consultations (group_id, coordinator_id, kind, method, question, options, block_threshold, deadline)
    values (${groupId}, ${coordinator.id}, 'vote', ${rankedVote.name}, 'Who chairs the convention?',
            ${sql.json(opened.settings.options as never)}, ${sql.json(opened.settings.block as never)}, now() + interval '7 days')
    returning id`;
  const id = draft.id as number;
  await openConsultation(scratch.ctx, id, { send: false });
  // Statistics of the electorate as it is now: with several votes in it, stale ones make the ballots' UPDATE a nested loop.
  await sql`analyze consultation_electorate`;
  const pool = rankingPool(distinct);
  await sql`
    with r as (
      insert into consultation_replies (consultation_id, member_id, stance, readable, received_at)
      select ${id}, member_id, jsonb_build_object('ranking', (${sql.json(pool)}::jsonb) -> (member_id % ${distinct})::int), true, now()
      from consultation_electorate where consultation_id = ${id} order by member_id limit ${ballots}
      returning id, member_id)
    update consultation_electorate e set latest_reply_id = r.id from r where e.consultation_id = ${id} and e.member_id = r.member_id`;
  await sql`update consultations set deadline = now() where id = ${id}`;
  return id;
}

/** Closes `id` and checks it counted every ballot; the seconds and the outcome. */
async function timedClose(ctx: Awaited<ReturnType<typeof openScratch>>['ctx'], id: number, ballots: number) {
  const started = process.hrtime.bigint();
  const result = await closeConsultation(ctx, id);
  const seconds = secondsSince(started);
  if (!result.closed) throw new Error(`not closed: ${result.reason}`);
  const outcome = result.outcome as unknown as { winner?: string | null; buckets: { replied: number }; parts?: unknown[] };
  if (outcome.buckets.replied !== ballots) throw new Error(`counted ${outcome.buckets.replied} ballots, not ${ballots}`);
  return { seconds, outcome };
}

/** Four votes of the international list with the same ballots: without places, with, with, without; the best of each. */
async function closePerPlace(adminUrl: string, redisUrl: string, electors: number, ballots: number, distinct: number) {
  const scratch = await openScratch(adminUrl, redisUrl);
  const { sql } = scratch.ctx;
  try {
    const groupId = await placedOrg(sql, electors);
    await sql`insert into memberships (group_id, member_id) select ${groupId}, id from members`;
    const order = [false, true, true, false];
    const ids: number[] = [];
    for (const places of order) {
      const id = await openVote(scratch, groupId, ballots, distinct);
      // Without places: the same frozen electorate and ballots, its parts not counted.
      if (!places) await sql`update consultations set place_level = null where id = ${id}`;
      ids.push(id);
    }
    await sql`vacuum analyze`;
    const seconds = { with: Infinity, without: Infinity };
    let parts = 0;
    for (const [i, places] of order.entries()) {
      const { seconds: s, outcome } = await timedClose(scratch.ctx, ids[i]!, ballots);
      if (places !== !!outcome.parts?.length) throw new Error(`results per place ${places ? 'missing' : 'counted without places'}`);
      parts = Math.max(parts, outcome.parts?.length ?? 0);
      seconds[places ? 'with' : 'without'] = Math.min(seconds[places ? 'with' : 'without'], s);
    }
    return { withSeconds: +seconds.with.toFixed(2), withoutSeconds: +seconds.without.toFixed(2), parts };
  } finally {
    await scratch.drop();
  }
}

async function closeOnce(adminUrl: string, redisUrl: string, electors: number, ballots: number, distinct: number) {
  const scratch = await openScratch(adminUrl, redisUrl);
  const { sql } = scratch.ctx;
  try {
    const [group] = await sql`insert into groups (slug, name, level) values ('convention', 'Founding convention', 'committee') returning id`;
    await sql`insert into members (email, name) select 'm' || i || '@example.org', 'Member ' || i from generate_series(1, ${electors}) i`;
    await sql`insert into memberships (group_id, member_id) select ${group.id}, id from members`;
    const id = await openVote(scratch, group.id as number, ballots, distinct);
    await sql`vacuum analyze`;

    // What the close holds once every ballot is in: measured after a full GC when the count is asked
    // its result (the streamed rows are garbage by then; the grouped ballots are not).
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
    const counted = { heap: 0 };
    scratch.ctx.wiring.decisionMethods.set(rankedVote.name, {
      ...rankedVote,
      createCount(settings) {
        const count = rankedVote.createCount(settings);
        return {
          add: (ballot, n, voter) => count.add(ballot, n, voter),
          result(figures, sheet) {
            gc();
            counted.heap = process.memoryUsage().heapUsed;
            return count.result(figures, sheet);
          },
        };
      },
    });
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const { seconds: closeSeconds, outcome } = await timedClose(scratch.ctx, id, ballots);

    await sql`create table bench_baseline (id bigint primary key, member_id bigint not null, state text not null)`;
    const started = process.hrtime.bigint();
    await sql`insert into bench_baseline select i, i, 'silent' from generate_series(1, ${electors}) i`;
    return {
      closeSeconds: +closeSeconds.toFixed(2),
      baselineSeconds: +secondsSince(started).toFixed(2),
      heldMiB: +((counted.heap - heapBefore) / 2 ** 20).toFixed(2),
      winner: outcome.winner ?? null,
    };
  } finally {
    await scratch.drop();
  }
}
