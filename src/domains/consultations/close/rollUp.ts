import type { Queryable } from '../../../shared/db/database.ts';
import type { Consultation } from '../consultation.ts';
import type { Outcome } from './outcome.ts';

/**
 * Votes that roll up (issue 22 item 3). A part (`Part of: C-ID`) is counted
 * on its own when it closes; the parent's close (which first closes any part
 * still open) counts the whole: its own electorate plus every member its
 * closed parts reached, one row a member.
 *
 * Each member has one ballot in the whole: of the copies they held (the
 * parent's, a part's, two parts'), the one whose reply counts is the one with
 * the latest readable reply, a member's own ballot before a proxy's; with no
 * readable reply, the parent's own copy, else the latest part's. The chosen
 * copy's row (its ballot code, reply, copy and away facts) joins the parent's
 * electorate, so the buckets, places, tally sheet and count of the parent
 * read the whole with no other change. A member the parent already had keeps
 * the place frozen at the parent's open; one only a part reached keeps the
 * place frozen at the part's. Cancelled parts add nothing.
 */
export async function addPartsToWhole(tx: Queryable, parentId: number): Promise<number> {
  // Most votes have no parts: one index probe, and the close of a large electorate reads nothing more.
  const [hasParts] = await tx`select 1 from consultations where part_of = ${parentId} and status = 'closed' limit 1`;
  if (!hasParts) return 0;
  const added = await tx`
    with reached as (
      select pe.member_id from consultations p join consultation_electorate pe on pe.consultation_id = p.id
      where p.part_of = ${parentId} and p.status = 'closed'
    ),
    chosen as (
      select distinct on (e.member_id) e.consultation_id, e.member_id, e.email, e.copy_outbox_id, e.away_at,
             e.latest_reply_id, e.ballot_code, e.branch_id, e.chapter_id
      from consultation_electorate e
      join consultations c on c.id = e.consultation_id
      left join consultation_replies r on r.id = e.latest_reply_id
      where (c.id = ${parentId} or (c.part_of = ${parentId} and c.status = 'closed'))
        and e.member_id in (select member_id from reached)
      order by e.member_id, (r.readable is true) desc, (r.cast_by_proxy is null) desc, r.received_at desc nulls last,
               (c.id = ${parentId}) desc, c.id desc
    )
    insert into consultation_electorate as t (consultation_id, member_id, email, copy_outbox_id, away_at, latest_reply_id,
                                              ballot_code, branch_id, chapter_id, via_consultation_id)
    select ${parentId}, member_id, email, copy_outbox_id, away_at, latest_reply_id, ballot_code, branch_id, chapter_id, consultation_id
    from chosen where consultation_id <> ${parentId}
    on conflict (consultation_id, member_id) do update
      set email = excluded.email, copy_outbox_id = excluded.copy_outbox_id, away_at = excluded.away_at,
          latest_reply_id = excluded.latest_reply_id, ballot_code = excluded.ballot_code,
          via_consultation_id = excluded.via_consultation_id
    returning 1`;
  return added.length;
}

/** What a part's outcome says of its parent, and (once the parent closed) of the whole. */
export interface PartOfView {
  id: number;
  list: string;
  listName: string;
  deadline: string;
}

/** A part's own result as its parent's outcome lists it. */
export interface PartVote {
  id: number;
  list: string;
  listName: string;
  electorate: number;
  replied: number;
  result: Outcome;
}

/** The parent a closing part names in its outcome. */
export async function parentOf(db: Queryable, c: Consultation): Promise<PartOfView | null> {
  if (c.part_of === null) return null;
  const [p] = await db`
    select c.id, g.slug, g.name, c.deadline from consultations c join groups g on g.id = c.group_id where c.id = ${c.part_of}`;
  return p ? { id: Number(p.id), list: p.slug as string, listName: p.name as string, deadline: (p.deadline as Date).toISOString() } : null;
}

/** Without the rows per place: a summary other outcomes quote. */
function summary(outcome: Outcome): Outcome {
  const { placePlan: _plan, parts: _parts, partVotes: _votes, whole: _whole, ...rest } = outcome;
  return rest as Outcome;
}

/**
 * At the parent's close: each closed part's own result for the parent's
 * outcome, and the whole written into each part's outcome, so each level
 * shows its own result and the whole (mail, record, --json).
 */
export async function linkPartOutcomes(tx: Queryable, parentId: number, whole: Outcome): Promise<PartVote[]> {
  const parts = await tx`
    select c.id, g.slug, g.name, c.outcome from consultations c join groups g on g.id = c.group_id
    where c.part_of = ${parentId} and c.status = 'closed' order by g.slug, c.id`;
  const wholeSummary = summary(whole);
  for (const p of parts) {
    await tx`update consultations set outcome = outcome || ${tx.json({ whole: wholeSummary } as never)} where id = ${p.id}`;
  }
  return parts.map((p) => {
    const own = p.outcome as Outcome;
    return { id: Number(p.id), list: p.slug as string, listName: p.name as string, electorate: own.electorate, replied: own.buckets.replied, result: summary(own) };
  });
}
