import type { Queryable } from '../../shared/db/database.ts';
import { bucketExpression, electorateWithFacts } from './buckets.ts';
import type { Consultation } from './consultation.ts';
import { createTally, type Bucket, type TallyResult } from './rules/tally.ts';

/** The stored outcome: the rules' tally, objections with the objector's name, and when it closed. */
export type Outcome = TallyResult & {
  objectionsNamed?: { email: string; name: string; reason: string }[];
  closedAt?: string;
  /** SHA-256 (hex) of the tally sheet's text, written at the close. */
  tallySha256?: string;
};

const BATCH = 500;

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
  await db`
    select e.email, ${bucket} as bucket, r.stance, r.readable
    from ${electorateWithFacts(db, c.id)}
    order by e.member_id`.cursor(BATCH, (rows) => {
    for (const row of rows) {
      // An unreadable reply goes in as 'replied' so the tally counts it as unreadable (and silent).
      const b: Bucket = row.readable === false ? 'replied' : (row.bucket as Bucket);
      acc.add({ email: row.email, bucket: b, stance: b === 'replied' ? row.stance : null });
    }
  });
  const result = acc.result() as Outcome;
  if (result.kind === 'proposal' && result.objections.length > 0) {
    const emails = result.objections.map((o) => o.email);
    const names = new Map(
      (await db`select email, name from members where email = any(${emails})`).map((r) => [r.email as string, r.name as string]),
    );
    result.objectionsNamed = result.objections.map((o) => ({ ...o, name: names.get(o.email) || o.email }));
  }
  return result;
}
