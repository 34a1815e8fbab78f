import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';
import { OutboxWriter, enqueueDeliveries } from '../outbound/outbox.ts';
import type { InboundMail, RouteResult } from './inboundMail.ts';
import { handleMail, markRoutingFailed, readInbound, routeDelivery, UnusableMessage } from './router.ts';
import { DNS_RETRY_WINDOW_MS, senderAuthsOf } from './senderAuth.ts';

/** What a batch came to: the deliveries it routed, and those it could not (to be retried, or failed for good). */
export interface BatchOutcome {
  routed: number;
  /** Already routed by another job (a duplicate), or not found. */
  skipped: number;
  /** Stored 'failed' now: no retry can read them. */
  unusable: { deliveryId: number; error: Error }[];
  /** Still 'received': a DNS failure to wait out, or an error the job's retry (then the reconciler) takes up. */
  retry: { deliveryId: number; error: Error }[];
}

/** A delivery read and judged outside the transaction, ready for its handler. */
interface ReadDelivery {
  deliveryId: number;
  mail: InboundMail | null;
}

/**
 * Routes a batch of stored deliveries (a routing job's) exactly once each,
 * with one claim and one transaction for the whole batch:
 *
 * 1. one query reads the deliveries still 'received' with their messages;
 * 2. sender authentication (DNS) runs for all of them side by side, outside
 *    any transaction, its new results stored in one statement; each message
 *    is then parsed and read (one call per message, no I/O);
 * 3. one transaction locks the deliveries still 'received' (a duplicate job
 *    finds them routed and does nothing), runs their handlers, marks them and
 *    writes every answer to the outbox; the answers are queued after commit.
 *
 * A message that cannot be read is stored failed and left out; one whose
 * authentication waits on DNS is left for the retry. Any error inside the
 * transaction undoes the whole batch (nothing half-done is kept), and the
 * batch is then routed one delivery at a time, so a failing message fails
 * alone and the others are not held back.
 */
export async function routeBatch(ctx: Context, deliveryIds: readonly number[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { routed: 0, skipped: 0, unusable: [], retry: [] };
  if (deliveryIds.length === 0) return outcome;
  const rows = await ctx.sql`
    select d.id, d.recipient, d.state, m.id as message_row_id, m.envelope_from, m.client_address, m.helo, m.raw, m.auth, m.received_at
    from inbound_deliveries d join inbound_messages m on m.id = d.message_id
    where d.id = any(${deliveryIds as number[]}::bigint[]) and d.state = 'received'
    order by d.id`;
  outcome.skipped = deliveryIds.length - rows.length;
  if (rows.length === 0) return outcome;

  const auths = await senderAuthsOf(
    ctx,
    rows.map((row) => ({
      messageRowId: Number(row.message_row_id),
      raw: row.raw as Buffer,
      stored: row.auth,
      session: { clientAddress: row.client_address, helo: row.helo, envelopeFrom: row.envelope_from },
      // A DNS failure defers the message (the queue and then the reconciler retry it) for a while after it arrived.
      retryUntil: new Date((row.received_at as Date).getTime() + DNS_RETRY_WINDOW_MS),
    })),
  );
  const ready: ReadDelivery[] = [];
  for (const row of rows) {
    const deliveryId = Number(row.id);
    const auth = auths.get(Number(row.message_row_id))!;
    if (auth instanceof Error) {
      outcome.retry.push({ deliveryId, error: auth });
      continue;
    }
    try {
      ready.push({ deliveryId, mail: await readInbound(ctx, row, auth) });
    } catch (err) {
      if (err instanceof UnusableMessage) {
        await markRoutingFailed(ctx, deliveryId, err.message);
        outcome.unusable.push({ deliveryId, error: err });
      } else {
        outcome.retry.push({ deliveryId, error: err as Error });
      }
    }
  }
  if (ready.length === 0) return outcome;

  let outboxIds: number[];
  try {
    const routed = await ctx.sql.begin((tx) => routeReadDeliveries(tx, ctx, ready));
    outcome.routed += routed.count;
    outcome.skipped += ready.length - routed.count;
    outboxIds = routed.outboxIds;
  } catch (err) {
    ctx.log.warn({ err, deliveries: ready.length }, 'a routing batch failed; routing its deliveries one at a time');
    await routeOneByOne(ctx, ready, outcome);
    return outcome;
  }
  await enqueueDeliveries(ctx.queues, outboxIds);
  return outcome;
}

/** The fall-back: each delivery in a transaction of its own, as a job of one would route it. */
async function routeOneByOne(ctx: Context, ready: readonly ReadDelivery[], outcome: BatchOutcome): Promise<void> {
  for (const { deliveryId } of ready) {
    try {
      const result = await routeDelivery(ctx, deliveryId);
      if (result === 'already routed') outcome.skipped++;
      else outcome.routed++;
    } catch (err) {
      if (err instanceof UnusableMessage) {
        await markRoutingFailed(ctx, deliveryId, err.message);
        outcome.unusable.push({ deliveryId, error: err });
      } else {
        outcome.retry.push({ deliveryId, error: err as Error });
      }
    }
  }
}

/**
 * The batch's transaction: locks the deliveries still 'received' (in id
 * order, so two overlapping batches cannot deadlock on them), hands each
 * message to its handler and marks all of them in one statement. Handlers of
 * unrelated messages run side by side, their queries pipelined on the one
 * connection; messages sharing a recipient or a sender run one after the
 * other, in the order they were stored, as separate jobs would have.
 */
async function routeReadDeliveries(tx: Tx, ctx: Context, ready: readonly ReadDelivery[]): Promise<{ count: number; outboxIds: number[] }> {
  const locked = await tx`
    select id from inbound_deliveries
    where id = any(${ready.map((r) => r.deliveryId)}::bigint[]) and state = 'received'
    order by id
    for update`;
  const lockedIds = new Set(locked.map((row) => Number(row.id)));
  const mine = ready.filter((r) => lockedIds.has(r.deliveryId));
  if (mine.length === 0) return { count: 0, outboxIds: [] };

  const outbox = new OutboxWriter(tx);
  const results = new Map<number, RouteResult>();
  const settled = await Promise.allSettled(
    chainsOf(mine).map(async (chain) => {
      for (const r of chain) results.set(r.deliveryId, await handleMail(tx, ctx, r.mail, outbox));
    }),
  );
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;

  await tx`
    update inbound_deliveries d
    set state = v.state, kind = v.kind, outcome = v.outcome, routed_at = now()
    from unnest(${mine.map((r) => r.deliveryId)}::bigint[], ${mine.map((r) => results.get(r.deliveryId)!.state ?? 'routed')}::text[],
                ${mine.map((r) => r.mail?.kind ?? null) as string[]}::text[], ${mine.map((r) => results.get(r.deliveryId)!.outcome)}::text[])
      as v(id, state, kind, outcome)
    where d.id = v.id`;
  return { count: mine.length, outboxIds: outbox.ids };
}

/**
 * Groups deliveries that share a recipient or a sender (transitively), each
 * group in stored order: a member's two replies, or two commands of one
 * person, are handled in turn, never interleaved.
 */
export function chainsOf<T extends ReadDelivery>(deliveries: readonly T[]): T[][] {
  const parent = deliveries.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const firstWith = new Map<string, number>();
  deliveries.forEach((d, i) => {
    const keys = d.mail
      ? [`to:${d.mail.recipient.toLowerCase()}`, `from:${d.mail.from}`, `envelope:${d.mail.envelopeFrom.toLowerCase()}`]
      : [`delivery:${d.deliveryId}`];
    for (const key of keys) {
      // An empty sender is nobody in particular: it ties nothing together.
      if (key.endsWith(':')) continue;
      const other = firstWith.get(key);
      if (other === undefined) firstWith.set(key, i);
      else parent[root(i)] = root(other);
    }
  });
  const chains = new Map<number, T[]>();
  deliveries.forEach((d, i) => {
    const r = root(i);
    if (!chains.has(r)) chains.set(r, []);
    chains.get(r)!.push(d);
  });
  return [...chains.values()];
}
