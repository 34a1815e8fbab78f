import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';
import type { OutboxRow } from './compose/compose.ts';

/**
 * An outbox row that stands for a whole mailing (the outcome of a close to
 * every member): the deciding transaction writes one row instead of one per
 * member, and delivering it writes the members' rows. Each member's row is
 * then claimed and sent once like any other.
 */
export interface Expander {
  /** Writes the mailing's outbox rows, inside the transaction that marks this row sent. */
  expand(tx: Tx, row: OutboxRow, ctx: Context): Promise<void>;
  /** After the commit: queue the new rows (best effort; the reconciler queues pending rows anyway). */
  queue(ctx: Context, row: OutboxRow): Promise<unknown>;
}

declare module '../../shared/context.ts' {
  interface Wiring {
    /** Expanders by outbox kind: a row of such a kind stands for a mailing. */
    expanders: Map<string, Expander>;
  }
}

/**
 * Expands a row this sender has claimed, exactly once: the rows are written
 * in the transaction that marks it sent, and only while the claim (lease id)
 * still holds, so a sender whose lease ran out writes nothing. False when the
 * claim was lost.
 */
export async function expandClaimedRow(ctx: Context, expander: Expander, row: OutboxRow, lease: string): Promise<boolean> {
  const done = await ctx.sql.begin(async (tx) => {
    const [held] = await tx`
      update outbox set state = 'sent', sent_at = now(), lease_until = null, lease_id = null, lease_holder = null
      where id = ${row.id} and lease_id = ${lease} and state = 'sending'
      returning id`;
    if (!held) return false;
    await expander.expand(tx as Tx, row, ctx);
    return true;
  });
  if (done) await expander.queue(ctx, row);
  return done as boolean;
}
