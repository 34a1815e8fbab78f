import type { Context } from '../../shared/context.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { enqueueDeliveries } from '../../pipeline/outbound/outbox.ts';

export const DIGEST = 'digest';
const BATCH = 1000;

/**
 * Writes one digest per member with something to read in the period (open
 * consultations, outcomes, posts of lists read in digest mode) in one
 * INSERT … SELECT, then streams the rows' ids into delivery jobs in batches:
 * memory stays flat however many members there are. The dedupe key makes a
 * second run for the same period write nothing.
 */
export async function runDigest(ctx: Context, period: { start: Date; end: Date }): Promise<number> {
  const written = await writeDigests(ctx.sql, period);
  await queueDigests(ctx, period);
  return written;
}

function dedupePrefix(period: { end: Date }): string {
  return `digest:${period.end.getTime()}:`;
}

/** The outbox rows of a period's digests; may run inside the transaction that claims the period. */
export async function writeDigests(db: Queryable, period: { start: Date; end: Date }): Promise<number> {
  const key = dedupePrefix(period);
  const written = await db`
    insert into outbox (kind, recipient, member_id, params, dedupe_key)
    select ${DIGEST}, m.email, m.id,
           jsonb_build_object('start', ${period.start.toISOString()}::text, 'end', ${period.end.toISOString()}::text),
           ${key} || m.id
    from members m
    where m.delivery_disabled_at is null and m.left_at is null and m.digest_off_at is null
      and exists (select 1 from memberships ms where ms.member_id = m.id and ms.mode <> 'nomail')
      and (
        exists (select 1 from consultation_electorate e join consultations c on c.id = e.consultation_id
                where e.member_id = m.id and c.status = 'open')
        or exists (select 1 from consultations c join memberships ms on ms.group_id = c.group_id
                   where ms.member_id = m.id and c.status = 'closed'
                     and c.closed_at >= ${period.start} and c.closed_at < ${period.end})
        -- as digestContent: an outcome also reaches those who were asked, if they left the list since
        or exists (select 1 from consultation_electorate e join consultations c on c.id = e.consultation_id
                   where e.member_id = m.id and c.status = 'closed'
                     and c.closed_at >= ${period.start} and c.closed_at < ${period.end})
        or exists (select 1 from memberships ms join list_posts p on p.group_id = ms.group_id
                   where ms.member_id = m.id and ms.mode = 'digest' and p.state = 'distributed'
                     and p.distributed_at >= ${period.start} and p.distributed_at < ${period.end})
      )
    on conflict (dedupe_key) do nothing`;
  return written.count;
}

/** Queues delivery of a period's pending digests, BATCH ids at a time. */
export async function queueDigests(ctx: Context, period: { end: Date }): Promise<void> {
  const key = dedupePrefix(period);
  let after = 0;
  for (;;) {
    const rows = await ctx.sql`
      select id from outbox
      where kind = ${DIGEST} and state = 'pending' and dedupe_key like ${key + '%'} and id > ${after}
      order by id limit ${BATCH}`;
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.id as number);
    await enqueueDeliveries(ctx.queues, ids);
    after = ids[ids.length - 1];
  }
}
