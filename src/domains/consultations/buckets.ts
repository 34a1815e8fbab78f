import type { Queryable } from '../../shared/db/database.ts';
import { ballotCode } from '../../shared/rules/tokens.ts';

/**
 * Which bucket each electorate member falls in, as one SQL expression over
 * the electorate row (e), the member (m), the reply that counts (r) and the
 * member's copy in the outbox (o). The close writes it once; running tallies
 * use the same expression, so "provisional" means "if it closed now".
 *
 * Order matters: a readable reply wins over everything (it proves the copy
 * arrived); a reply we could not read still proves it, so the silence rule
 * applies; a copy that bounced, failed or never left, or a member whose
 * delivery is disabled, is unreachable (not consent); a member of whom only
 * an auto-reply came back is away (not consent); everyone else is silent.
 * Auto-replies come back either to the copy's Reply-To (away_at, set by the
 * reply handler) or, from responders that answer the envelope sender, to its
 * VERP address, where the lists domain's bounce handler records them in
 * delivery_reports (sql/010) as kind 'auto-reply'.
 */
export function bucketExpression(db: Queryable) {
  return db`
    case
      when r.readable then 'replied'
      when r.id is not null then 'silent'
      when o.id is null or o.state in ('bounced', 'failed', 'pending', 'sending') or m.delivery_disabled_at is not null then 'unreachable'
      when e.away_at is not null
        or exists (select 1 from delivery_reports dr where dr.outbox_id = e.copy_outbox_id and dr.kind = 'auto-reply') then 'away'
      else 'silent'
    end`;
}

/** The FROM clause the expression reads. */
export function electorateWithFacts(db: Queryable, consultationId: number) {
  return db`
    consultation_electorate e
    join members m on m.id = e.member_id
    left join consultation_replies r on r.id = e.latest_reply_id
    left join outbox o on o.id = e.copy_outbox_id
    where e.consultation_id = ${consultationId}`;
}

// Members per statement: few round trips, arrays of a few hundred KiB, memory flat whatever the electorate.
const BATCH = 20_000;

/**
 * Writes every member's bucket and ballot code inside the closing
 * transaction, in one UPDATE per batch of members: each electorate row is
 * rewritten once, not once for the bucket and again for the code (an HMAC
 * cannot be computed in SQL, so codes come from here). A code already stored
 * is kept.
 */
export async function writeBucketsAndCodes(tx: Queryable, secret: string, consultationId: number): Promise<void> {
  let after = 0;
  for (;;) {
    // Keyset on member_id: each batch starts where the last one ended.
    const rows = await tx`
      select member_id from consultation_electorate
      where consultation_id = ${consultationId} and member_id > ${after}
      order by member_id limit ${BATCH}`;
    if (rows.length === 0) return;
    const ids = rows.map((r) => Number(r.member_id));
    const codes = ids.map((m) => ballotCode(secret, consultationId, m));
    const last = ids[ids.length - 1]!;
    await tx`
      update consultation_electorate t set bucket = b.bucket, ballot_code = coalesce(t.ballot_code, v.code)
      from unnest(${ids}::bigint[], ${codes}::text[]) as v(member_id, code),
           (select e.member_id, ${bucketExpression(tx)} as bucket
            from ${electorateWithFacts(tx, consultationId)} and e.member_id > ${after} and e.member_id <= ${last}) b
      where t.consultation_id = ${consultationId} and t.member_id = v.member_id and b.member_id = v.member_id`;
    after = last;
  }
}
