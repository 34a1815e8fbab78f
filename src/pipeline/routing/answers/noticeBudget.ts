import type { Context } from '../../../shared/context.ts';
import type { Queryable } from '../../../shared/db/database.ts';
import { noticeLimit, type NoticeKind } from '../../../shared/rules/notices.ts';
import { formatInZone } from '../../../shared/rules/formatUtc.ts';
import { enqueueDeliveries, OutboxWriter } from '../../outbound/outbox.ts';
import { REPLIES_PER_HOUR } from './replyBudget.ts';

/**
 * Takes one notice of `kind` to `recipient` from this hour's budget: true
 * when it may be sent, false when it is held back (and counted, to be summed
 * up by summariseHeldNotices once the hour is over).
 */
export async function takeNoticeBudget(db: Queryable, recipient: string, kind: Exclude<NoticeKind, 'answer'>): Promise<boolean> {
  const limit = noticeLimit(kind);
  const [row] = await db`
    insert into notice_budget (recipient, kind, hour, sent) values (${recipient.toLowerCase()}, ${kind}, date_trunc('hour', now()), 1)
    on conflict (recipient, kind, hour) do update set
      sent = notice_budget.sent + (notice_budget.sent < ${limit})::int,
      held = notice_budget.held + (notice_budget.sent >= ${limit})::int
    returning held`;
  // Nothing is held until `sent` has reached the limit, and then everything is: so held = 0 means this one was sent.
  return row.held === 0;
}

const BATCH = 200;

/**
 * The reconciler's pass: for every hour that has ended with answers or
 * notices held back, one summary mail to that person per kind ("12 more
 * moderation requests were held back"), written once (dedupe key).
 */
export async function summariseHeldNotices(ctx: Context): Promise<number> {
  const rows = await ctx.sql`
    select recipient, kind, hour, held from notice_budget
    where held > 0 and summarised_at is null and hour < date_trunc('hour', now())
    union all
    select email, 'answer', hour, count - ${REPLIES_PER_HOUR} from reply_budget
    where count > ${REPLIES_PER_HOUR} and summarised_at is null and hour < date_trunc('hour', now())
    limit ${BATCH}`;
  if (rows.length === 0) return 0;
  const ids = await ctx.sql.begin(async (tx) => {
    const outbox = new OutboxWriter(tx);
    for (const r of rows) {
      const kind = r.kind as NoticeKind;
      const hour = r.hour as Date;
      // In the recipient's language, the hour on their own clock too (the template words each kind).
      const { lang, zone } = await ctx.wiring.readerOf(tx, r.recipient as string);
      const hourLocal = zone ? formatInZone(hour, zone, lang) : null;
      await outbox.queue({
        kind: 'notices-held',
        recipient: r.recipient as string,
        params: { data: { lang, kind, count: Number(r.held), limit: noticeLimit(kind), hour, hourLocal }, autoSubmitted: 'auto-generated' },
        dedupeKey: `notices-held:${kind}:${r.recipient}:${hour.toISOString()}`,
      });
      if (kind === 'answer') {
        await tx`update reply_budget set summarised_at = now() where email = ${r.recipient} and hour = ${hour}`;
      } else {
        await tx`update notice_budget set summarised_at = now() where recipient = ${r.recipient} and kind = ${kind} and hour = ${hour}`;
      }
    }
    return outbox.ids;
  });
  await enqueueDeliveries(ctx.queues, ids);
  return rows.length;
}
