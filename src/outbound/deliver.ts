import { UnrecoverableError } from 'bullmq';
import type { Context } from '../app/context.ts';
import { composeOutboxRow, type OutboxRow } from './compose.ts';
import { PermanentDeliveryError, type Transport } from './transports/transport.ts';

/**
 * Sends one outbox row. A row already sent (a retried or duplicated job) is
 * left alone; a refusal that retrying cannot change marks the row failed and
 * stops the retries; anything else is thrown for BullMQ to retry.
 */
export async function deliverOutboxRow(ctx: Context, transport: Transport, id: number): Promise<'sent' | 'skipped'> {
  const [row] = await ctx.sql<OutboxRow[]>`
    select id, kind, recipient, member_id, params, in_reply_to, references_ids
    from outbox where id = ${id} and state = 'pending'`;
  if (!row) return 'skipped';
  try {
    const message = await composeOutboxRow(row, ctx);
    await transport.send(message);
  } catch (err) {
    const permanent = err instanceof PermanentDeliveryError;
    await ctx.sql`
      update outbox set attempts = attempts + 1, last_error = ${(err as Error).message},
             state = ${permanent ? 'failed' : 'pending'}
      where id = ${id}`;
    if (permanent) throw new UnrecoverableError((err as Error).message);
    throw err;
  }
  await ctx.sql`update outbox set state = 'sent', sent_at = now(), attempts = attempts + 1 where id = ${id} and state = 'pending'`;
  return 'sent';
}

/** How long a mail is retried through temporary failures (a relay outage) before it is given up, as MTAs do. */
export const GIVE_UP_AFTER_DAYS = 5;

/**
 * Called when BullMQ has used up a job's attempts. A young row stays pending,
 * so the reconciler queues it again (a relay down for an hour loses nothing);
 * a row older than GIVE_UP_AFTER_DAYS is failed, for stats and operators.
 */
export async function markDeliveryFailed(ctx: Context, id: number, reason: string): Promise<void> {
  await ctx.sql`
    update outbox set state = case when created_at < now() - make_interval(days => ${GIVE_UP_AFTER_DAYS}) then 'failed' else state end,
           last_error = ${reason}
    where id = ${id} and state = 'pending'`;
}
