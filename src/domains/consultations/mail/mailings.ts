import type { Context } from '../../../shared/context.ts';
import type { Queryable } from '../../../shared/db/database.ts';
import { addDeliveries } from '../../../pipeline/outbound/outbox.ts';
import { addJobsBestEffort } from '../../../shared/queue/queues.ts';
import type { Consultation } from '../consultation.ts';

/**
 * Mails to many members (copies, reminders, notices, the outcome) are
 * written set-based: one INSERT … SELECT puts an outbox row per member and
 * records it in consultation_mailings under a purpose. After the deciding
 * commit, a 'mailings' job streams those outbox ids into the delivery queue
 * in batches, so memory does not grow with the electorate.
 */
export type MailingKind =
  | 'consultation-copy'
  | 'consultation-reminder'
  | 'consultation-extended'
  | 'consultation-cancelled'
  | 'consultation-outcome';

const BATCH = 500;

/** Members of the list who get mail from it: delivery enabled and not "nomail". */
function audienceMembers(db: Queryable, groupId: number) {
  return db`
    select m.id as member_id, m.email
    from memberships ms join members m on m.id = ms.member_id
    where ms.group_id = ${groupId} and ms.mode <> 'nomail' and m.delivery_disabled_at is null`;
}

/**
 * Inserts outbox rows for `recipients` (a query of member_id, email) and
 * records them under `purpose`. `deduped: false` is for a mailing whose
 * caller already decides exactly once (the outcome mailing's sender claim in
 * the same transaction): no dedupe key to build and index per row.
 */
async function insertMailing(
  db: Queryable,
  c: Consultation,
  purpose: string,
  kind: MailingKind,
  recipients: ReturnType<Queryable>,
  deduped = true,
): Promise<number> {
  const rowsInsert = deduped
    ? db`
      insert into outbox (kind, recipient, member_id, params, dedupe_key)
      select ${kind}, r.email, r.member_id, jsonb_build_object('consultationId', ${c.id}::bigint),
             'consult:' || ${c.id}::bigint || ':' || ${purpose}::text || ':' || r.member_id
      from recipients r
      on conflict (dedupe_key) do nothing
      returning id`
    : db`
      insert into outbox (kind, recipient, member_id, params)
      select ${kind}, r.email, r.member_id, jsonb_build_object('consultationId', ${c.id}::bigint)
      from recipients r
      returning id`;
  const [row] = await db`
    with recipients as (${recipients}),
    rows as (${rowsInsert}),
    recorded as (
      insert into consultation_mailings (consultation_id, purpose, outbox_id)
      select ${c.id}, ${purpose}, id from rows
      returning 1
    )
    select count(*)::int as n from recorded`;
  return row.n as number;
}

/**
 * Freezes the electorate and writes every member's copy, in one set-based
 * statement: the list's members with delivery enabled right now, each with
 * a ballot code computed by Postgres (sql/120), so the close need not, and
 * (for a list with parts, or a part of a parent vote) their branch and chapter (sql/220).
 * Members an open or closed part of this vote covers are skipped (issue 22
 * item 3): the part's copy is their ballot in the whole. `voters` replaces
 * the list's members (a cancelled part's members, given the parent's copy late),
 * recorded under the mailing `purpose`.
 */
export async function freezeElectorateAndWriteCopies(
  tx: Queryable,
  c: Consultation,
  secret: string,
  late?: { voters: ReturnType<Queryable>; purpose: string },
): Promise<number> {
  await setPlaceLevel(tx, c.id);
  const voters = late?.voters ?? tx`
    select a.* from (${audienceMembers(tx, c.group_id)}) a
    where not exists (
      select 1 from consultations p join consultation_electorate pe on pe.consultation_id = p.id
      where p.part_of = ${c.id} and p.status in ('open', 'closed') and pe.member_id = a.member_id)`;
  const [row] = await tx`
    with voters as (${voters}),
    copies as (
      insert into outbox (kind, recipient, member_id, params, dedupe_key)
      select 'consultation-copy', v.email, v.member_id, jsonb_build_object('consultationId', ${c.id}::bigint),
             'consult:' || ${c.id}::bigint || ':copy:' || v.member_id
      from voters v
      on conflict (dedupe_key) do nothing
      returning id, member_id, recipient
    ),
    electorate as (
      insert into consultation_electorate (consultation_id, member_id, email, copy_outbox_id, ballot_code, branch_id, chapter_id)
      select ${c.id}, cp.member_id, cp.recipient, cp.id, tacit_ballot_code(${secret}, ${c.id}::bigint, cp.member_id), pl.branch_id, pl.chapter_id
      from copies cp left join (${electorPlaces(tx, c.id)}) pl on pl.member_id = cp.member_id
      on conflict do nothing
      returning 1
    ),
    recorded as (
      insert into consultation_mailings (consultation_id, purpose, outbox_id)
      select ${c.id}, ${late?.purpose ?? 'copy'}, id from copies
    )
    select count(*)::int as n from electorate`;
  return row.n as number;
}

/**
 * Each member's place (issue 22), for a consultation whose list has parts
 * (consultations.place_level, set here from the list's level): the branch of
 * their country and the chapter of their city, by residence as
 * org/residence.ts places members; and for a part of a parent vote, whose
 * members the parent's close counts in its own rows. Otherwise no rows (no places).
 */
function electorPlaces(db: Queryable, consultationId: number) {
  return db`
    select m.id as member_id, b.id as branch_id, ch.id as chapter_id
    from consultations c
    join memberships ms on ms.group_id = c.group_id
    join members m on m.id = ms.member_id
    left join groups b on b.level = 'national' and b.country = m.country
    left join groups ch on ch.level = 'local' and ch.country = m.country and city_key(ch.city) = city_key(m.city)
    where c.id = ${consultationId} and (c.place_level is not null or c.part_of is not null)`;
}

/** The places a consultation's parts are counted in, from its list's level: branches for the international list, chapters for a branch's. */
export async function setPlaceLevel(tx: Queryable, consultationId: number): Promise<void> {
  await tx`
    update consultations c set place_level = case g.level when 'international' then 'branch' when 'national' then 'chapter' end
    from groups g where g.id = c.group_id and c.id = ${consultationId}`;
}

/** Reminders go to electorate members with no readable reply whose delivery still works. */
export function writeReminders(tx: Queryable, c: Consultation, purpose: string): Promise<number> {
  return insertMailing(tx, c, purpose, 'consultation-reminder', tx`
    select e.member_id, e.email from consultation_electorate e
    join members m on m.id = e.member_id
    left join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${c.id} and m.delivery_disabled_at is null and (r.id is null or not r.readable)`);
}

/** A notice to the whole electorate (deadline moved, cancelled). */
export function writeElectorateNotice(tx: Queryable, c: Consultation, purpose: string, kind: MailingKind): Promise<number> {
  return insertMailing(tx, c, purpose, kind, tx`
    select e.member_id, e.email from consultation_electorate e
    join members m on m.id = e.member_id
    where e.consultation_id = ${c.id} and m.delivery_disabled_at is null`);
}

/** The outbox row that stands for the whole outcome mailing until a sender expands it. */
export const OUTCOME_MAILING = 'consultation-outcome-mailing';

/**
 * The close writes one outbox row for the outcome mailing, not one per
 * member: the closing transaction stays short whatever the list's size. The
 * row is queued like any other; delivering it writes the members' rows
 * (expandOutcomeMailing), exactly once, and those are sent as usual.
 */
export async function writeOutcomeMailing(tx: Queryable, c: Consultation): Promise<void> {
  await tx`
    with row as (
      insert into outbox (kind, recipient, params)
      values (${OUTCOME_MAILING}, ${c.list}, jsonb_build_object('consultationId', ${c.id}::bigint))
      returning id
    )
    insert into consultation_mailings (consultation_id, purpose, outbox_id) select ${c.id}, 'outcome-mailing', id from row`;
}

/**
 * The outcome goes to the audience list as it is when the mailing is
 * expanded (moments after the close), and to the coordinator (once, also
 * when a member). Runs once per consultation: in the transaction that marks
 * the mailing row sent, under its sender's claim.
 */
export function writeOutcomeMails(tx: Queryable, c: Consultation): Promise<number> {
  return insertMailing(
    tx,
    c,
    'outcome',
    'consultation-outcome',
    tx`
    ${audienceMembers(tx, c.group_id)}
    union all
    select id, email from members m where id = ${c.coordinator_id}
      and not exists (select 1 from memberships ms where ms.group_id = ${c.group_id} and ms.member_id = m.id
                        and ms.mode <> 'nomail' and m.delivery_disabled_at is null)`,
    false,
  );
}

export function mailingJobId(consultationId: number, purpose: string): string {
  return `mail-${consultationId}-${purpose}`;
}

/**
 * Asks a worker to stream a mailing into the delivery queue. Safe to call
 * inside the deciding transaction, after its first UPDATE of the
 * consultation row: the job waits for that row lock, so it runs after the
 * commit (or finds nothing if the transaction rolled back).
 */
export async function queueMailingJob(ctx: Context, consultationId: number, purpose: string): Promise<boolean> {
  return addJobsBestEffort(ctx.queues.consultation, [
    { name: 'mailings', data: { id: consultationId, purpose }, opts: { jobId: mailingJobId(consultationId, purpose) } },
  ]);
}

/** The job: streams the still-pending outbox rows of one mailing into the delivery queue, 500 at a time. */
export async function streamMailing(ctx: Context, consultationId: number, purpose: string): Promise<number> {
  // Waits for a transaction still deciding this mailing (see queueMailingJob).
  await ctx.sql`select id from consultations where id = ${consultationId} for share`;
  let queued = 0;
  await ctx.sql`
    select cm.outbox_id from consultation_mailings cm join outbox o on o.id = cm.outbox_id
    where cm.consultation_id = ${consultationId} and cm.purpose = ${purpose} and o.state = 'pending'
    order by cm.outbox_id`.cursor(BATCH, async (rows) => {
    // Not best-effort here: a failure throws and BullMQ retries the job; delivery job ids dedupe.
    await addDeliveries(ctx.queues, rows.map((r) => r.outbox_id as number));
    queued += rows.length;
  });
  if (purpose === 'copy') {
    await ctx.sql`update consultations set fanout_queued_at = now() where id = ${consultationId} and fanout_queued_at is null`;
  }
  return queued;
}
