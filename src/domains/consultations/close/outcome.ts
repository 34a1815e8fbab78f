import type { Queryable } from '../../../shared/db/database.ts';
import { bucketExpression, electorateWithFacts } from './buckets.ts';
import type { Consultation } from '../consultation.ts';
import { createTally, type Bucket, type TallyResult } from '../rules/tally.ts';

/** The stored outcome: the rules' tally, objections with the objector's name, and when it closed. */
export type Outcome = TallyResult & {
  objectionsNamed?: { email: string; name: string; reason: string }[];
  closedAt?: string;
  /** SHA-256 (hex) of the tally sheet's text, written at the close. */
  tallySha256?: string;
  /** The tally sheet's head states the counting rule (every close since it was added to the sheet). */
  sheetStatesRule?: boolean;
};

const BATCH = 5000;

/**
 * Counts a consultation by streaming its electorate through the rules'
 * accumulator in batches: memory holds counters, not members. With
 * `useStoredBuckets` it reads the buckets the close wrote; otherwise it
 * computes them as the close would now (a provisional tally).
 */
export async function countConsultation(db: Queryable, c: Consultation, useStoredBuckets: boolean): Promise<Outcome> {
  const provisional = !useStoredBuckets;
  const acc =
    c.kind === 'choice'
      ? createTally({ kind: 'choice', options: c.options, provisional })
      : createTally({ kind: 'proposal', block: c.block_threshold ?? undefined, provisional });
  const bucket = useStoredBuckets ? db`e.bucket` : bucketExpression(db);
  // Stored buckets need only the reply; computing them needs the member and the copy too.
  const from = useStoredBuckets
    ? db`consultation_electorate e left join consultation_replies r on r.id = e.latest_reply_id where e.consultation_id = ${c.id}`
    : electorateWithFacts(db, c.id);
  // An unreadable reply goes in as 'replied' so the tally counts it as unreadable (and silent).
  const counted = db`
    select e.member_id, e.email, case when r.readable is false then 'replied' else ${bucket} end as bucket, r.stance
    from ${from}`;
  // Members without a reply only add to their bucket: counted by Postgres, not streamed one by one.
  const others = await db`select bucket, count(*)::int as n from (${counted}) x where bucket <> 'replied' group by bucket`;
  for (const { bucket: b, n } of others) for (let i = 0; i < (n as number); i++) acc.add({ email: '', bucket: b as Bucket, stance: null });
  // Repliers in member order, as before (the order of the objections).
  await db`select email, stance from (${counted}) x where bucket = 'replied' order by member_id`.cursor(BATCH, (rows) => {
    for (const row of rows) acc.add({ email: row.email, bucket: 'replied', stance: row.stance });
  });
  return nameObjections(db, acc.result() as Outcome);
}

async function nameObjections(db: Queryable, result: Outcome): Promise<Outcome> {
  if (result.kind === 'proposal' && result.objections.length > 0) {
    const emails = result.objections.map((o) => o.email);
    const names = new Map(
      (await db`select email, name from members where email = any(${emails})`).map((r) => [r.email as string, r.name as string]),
    );
    result.objectionsNamed = result.objections.map((o) => ({ ...o, name: names.get(o.email) || o.email }));
  }
  return result;
}

/** An electorate row as the tally sheet's pass reads it: the stored bucket and the reply that counts. */
export interface CountedRow {
  member_id: unknown;
  email: string;
  bucket: string | null;
  readable: boolean | null;
  stance: unknown;
}

/**
 * The count of a closed consultation fed row by row in any order (the close
 * feeds it from the tally sheet's pass, in code order, instead of reading the
 * electorate a second time). Counts do not depend on the order; a reply that
 * may be an objection is held and added in member order at the end, so the
 * objections come in the order countConsultation gives them.
 */
export function createOutcomeCount(c: Consultation) {
  const acc =
    c.kind === 'choice'
      ? createTally({ kind: 'choice', options: c.options, provisional: false })
      : createTally({ kind: 'proposal', block: c.block_threshold ?? undefined, provisional: false });
  const held: { memberId: number; email: string; stance: unknown }[] = [];
  return {
    add(row: CountedRow): void {
      // An unreadable reply goes in as 'replied' so the tally counts it as unreadable (and silent).
      const bucket = (row.readable === false ? 'replied' : row.bucket) as Bucket;
      if (bucket !== 'replied') return acc.add({ email: row.email, bucket, stance: null });
      if (c.kind === 'proposal' && (row.stance as { stance?: unknown } | null)?.stance === 'object') {
        held.push({ memberId: Number(row.member_id), email: row.email, stance: row.stance });
        return;
      }
      acc.add({ email: row.email, bucket, stance: row.stance as never });
    },
    result(db: Queryable): Promise<Outcome> {
      held.sort((a, b) => a.memberId - b.memberId);
      for (const h of held) acc.add({ email: h.email, bucket: 'replied', stance: h.stance as never });
      return nameObjections(db, acc.result() as Outcome);
    },
  };
}
