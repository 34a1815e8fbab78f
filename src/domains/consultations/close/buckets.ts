import type { Queryable } from '../../../shared/db/database.ts';

/**
 * Which bucket each electorate member falls in, as one SQL expression over
 * the electorate row (e), the member (m), the reply that counts (r) and the
 * member's copy in the outbox (o). The close writes it once; running tallies
 * use the same expression, so "provisional" means "if it closed now".
 *
 * Order matters: a readable reply wins over everything (it proves the copy
 * arrived); a reply we could not read still proves it, so the silence rule
 * applies; a copy that bounced, failed or never left, or a member whose
 * delivery is disabled, or who unsubscribed from the list while it was open
 * (the List-Unsubscribe of the copy, say), is unreachable (not consent): a
 * member who left did not consent by leaving; a member of whom only
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
      when o.id is null or o.state in ('bounced', 'failed', 'pending', 'sending') or m.delivery_disabled_at is not null
        or exists (select 1 from unsubscriptions u join consultations uc on uc.id = e.consultation_id
                   where u.member_id = e.member_id and u.group_id = uc.group_id and u.at >= uc.opened_at) then 'unreachable'
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

/**
 * Writes every member's bucket inside the closing transaction, in one
 * UPDATE of only the rows whose bucket is not the 'silent' they were frozen
 * with (sql/120). The bucket is in no index and the electorate's pages keep
 * room (fillfactor), so the update adds no index entries. Ballot codes are
 * written at the freeze; a member still without one (opened before sql/120)
 * gets it here, from the same SQL function.
 */
export async function writeBucketsAndCodes(tx: Queryable, secret: string, consultationId: number): Promise<void> {
  await tx`
    update consultation_electorate t
    set bucket = b.bucket, ballot_code = coalesce(t.ballot_code, tacit_ballot_code(${secret}, t.consultation_id, t.member_id))
    from (select e.member_id, ${bucketExpression(tx)} as bucket from ${electorateWithFacts(tx, consultationId)}) b
    where t.consultation_id = ${consultationId} and t.member_id = b.member_id
      and (t.bucket is distinct from b.bucket or t.ballot_code is null)`;
}
