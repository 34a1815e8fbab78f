import type { Queryable } from '../../../shared/db/database.ts';

/**
 * Which bucket each electorate member falls in, as one SQL expression over
 * the electorate row (e) of consultation `consultationId`. The close writes
 * it once; running tallies use the same expression, so "provisional" means
 * "if it closed now".
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
 *
 * Every fact kept outside the electorate row is a set the statement builds
 * once and probes by hash (`x in (uncorrelated select)`), not a join nor a
 * subquery run for each member: the expression costs one scan of the
 * electorate, so the close's UPDATE needs no second scan to find its rows.
 * The sets are small: the replies of this vote, and the exceptions (copies
 * not delivered, members disabled or unsubscribed, auto-replies), each read
 * from an index that holds only them (sql/310).
 */
export function bucketExpression(db: Queryable, consultationId: number) {
  // A parent vote's electorate also holds rows its closed parts reached (rollUp.ts): their replies are the part's.
  const replies = db`
    select r.id, r.readable from consultation_replies r
    where r.consultation_id in (select ${consultationId}::bigint union all select p.id from consultations p where p.part_of = ${consultationId})`;
  // A copy row always exists (foreign key) and outbox rows are never deleted: "no copy" is a null copy_outbox_id.
  return db`
    case
      when e.latest_reply_id in (select id from (${replies}) r where r.readable) then 'replied'
      when e.latest_reply_id in (select id from (${replies}) r where not r.readable) then 'silent'
      when e.copy_outbox_id is null
        or e.copy_outbox_id in (${undeliveredOutbox(db)})
        or e.member_id in (select id from members where delivery_disabled_at is not null)
        or e.member_id in (select u.member_id from unsubscriptions u join consultations uc on uc.id = ${consultationId}
                           where u.group_id = uc.group_id and u.at >= uc.opened_at) then 'unreachable'
      when e.away_at is not null
        or e.copy_outbox_id in (select dr.outbox_id from delivery_reports dr where dr.kind = 'auto-reply') then 'away'
      else 'silent'
    end`;
}

/** Outbox rows that did not leave or came back: each state read from its own partial index, never the whole outbox. */
function undeliveredOutbox(db: Queryable) {
  return db`
    select id from outbox where state in ('bounced', 'failed')
    union all select id from outbox where state = 'pending'
    union all select id from outbox where state = 'sending'`;
}

/**
 * Writes every member's bucket inside the closing transaction, in one
 * UPDATE of only the rows whose bucket is not the 'silent' they were frozen
 * with (sql/120), in one scan of the electorate. The bucket is in no index
 * and the electorate's pages keep room (fillfactor), so the update adds no
 * index entries. Ballot codes are written at the freeze; a member still
 * without one (opened before sql/120) gets it here, from the same SQL
 * function.
 */
export async function writeBucketsAndCodes(tx: Queryable, secret: string, consultationId: number): Promise<void> {
  const bucket = bucketExpression(tx, consultationId);
  await tx`
    update consultation_electorate e
    set bucket = ${bucket}, ballot_code = coalesce(e.ballot_code, tacit_ballot_code(${secret}, e.consultation_id, e.member_id))
    where e.consultation_id = ${consultationId} and (e.bucket is distinct from ${bucket} or e.ballot_code is null)`;
}
