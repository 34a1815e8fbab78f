import type { Context } from '../../shared/context.ts';
import type { Tx } from '../../shared/db/database.ts';
import { OutboxWriter, enqueueDeliveries } from '../outbound/outbox.ts';
import type { Handler, InboundMail, RouteResult } from './inboundMail.ts';
import { deliveriesRoutedInside, handleMail, handleMails, handlerOf, markRoutingFailed, readInbound, routeDelivery, UnusableMessage } from './router.ts';
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

/** Deliveries one routing job takes at most: its own, then others waiting. */
export const CLAIM_BATCH = 50;

/**
 * How long a claim keeps other routers off its deliveries while it
 * authenticates and reads them (DNS included). Past it, or after a crash,
 * the reconciler queues them again; a transaction still decides who routes.
 */
export const CLAIM_LEASE_SECONDS = 120;

/**
 * What a routing job does: claims its own deliveries and, up to
 * CLAIM_BATCH, others still waiting, and routes them together (routeRows).
 * At a deadline the route queue holds hundreds of jobs of a few replies each:
 * the first jobs route the backlog in batches, the rest find their
 * deliveries routed at the cost of this one statement.
 *
 * The claim takes each delivery once, skipping rows another claim is taking
 * (skip locked) or holds (its lease, in route_retry_at, which the reconciler
 * also respects). Others' deliveries that failed before (route_error) are left
 * to their own jobs and the reconciler, so one message that keeps failing is
 * not tried again by every batch. What is not routed has its lease released.
 */
export async function claimAndRoute(ctx: Context, ownIds: readonly number[]): Promise<BatchOutcome> {
  const own = ownIds as number[];
  const rows = await ctx.sql`
    with claimed as (
      update inbound_deliveries d set route_retry_at = now() + make_interval(secs => ${CLAIM_LEASE_SECONDS})
      where d.id in (
        select id from inbound_deliveries
        where state = 'received' and (route_retry_at is null or route_retry_at <= now())
          and (id = any(${own}::bigint[]) or route_error is null)
        order by id = any(${own}::bigint[]) desc, id
        limit ${CLAIM_BATCH}
        for update skip locked)
      returning d.id, d.recipient, d.state, d.message_id)
    select c.id, c.recipient, c.state, m.id as message_row_id, m.envelope_from, m.client_address, m.helo, m.raw, m.auth, m.received_at
    from claimed c join inbound_messages m on m.id = c.message_id
    order by c.id`;
  const outcome = await routeRows(ctx, rows);
  const mine = new Set(rows.map((r) => Number(r.id)));
  outcome.skipped += own.filter((id) => !mine.has(id)).length;
  if (outcome.retry.length) {
    // Free for the job's retry (its own) and the reconciler (others'), marked so other batches leave them be.
    await ctx.sql`
      update inbound_deliveries d set route_retry_at = null, route_error = v.error
      from unnest(${outcome.retry.map((r) => r.deliveryId)}::bigint[], ${outcome.retry.map((r) => r.error.message.slice(0, 500))}::text[]) as v(id, error)
      where d.id = v.id and d.state = 'received'`;
  }
  return outcome;
}

/**
 * Routes exactly these deliveries, without a claim (the transaction's row
 * locks alone keep each to one routing).
 */
export async function routeBatch(ctx: Context, deliveryIds: readonly number[]): Promise<BatchOutcome> {
  if (deliveryIds.length === 0) return { routed: 0, skipped: 0, unusable: [], retry: [] };
  const rows = await ctx.sql`
    select d.id, d.recipient, d.state, m.id as message_row_id, m.envelope_from, m.client_address, m.helo, m.raw, m.auth, m.received_at
    from inbound_deliveries d join inbound_messages m on m.id = d.message_id
    where d.id = any(${deliveryIds as number[]}::bigint[]) and d.state = 'received'
    order by d.id`;
  const outcome = await routeRows(ctx, rows);
  outcome.skipped += deliveryIds.length - rows.length;
  return outcome;
}

/**
 * Routes a batch of stored deliveries exactly once each, in one transaction:
 *
 * 1. sender authentication (DNS) runs for all of them side by side, outside
 *    any transaction, its new results stored in one statement; each message
 *    is then parsed and read (one call per message, no I/O);
 * 2. one transaction locks the deliveries still 'received' (a duplicate
 *    finds them routed and does nothing), runs their handlers, marks them and
 *    writes every answer to the outbox; the answers are queued after commit.
 *
 * A message that cannot be read is stored failed and left out; one whose
 * authentication waits on DNS is left for the retry. Any error inside the
 * transaction undoes the whole batch (nothing half-done is kept), and the
 * batch is then routed one delivery at a time, so a failing message fails
 * alone and the others are not held back.
 */
async function routeRows(ctx: Context, rows: readonly Record<string, any>[]): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { routed: 0, skipped: 0, unusable: [], retry: [] };
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
      await noteFailure(ctx, deliveryId, err, outcome);
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
      await noteFailure(ctx, deliveryId, err, outcome);
    }
  }
}

/** A message no retry can read is stored failed now; anything else stays 'received' for the retry. */
async function noteFailure(ctx: Context, deliveryId: number, err: unknown, outcome: BatchOutcome): Promise<void> {
  if (err instanceof UnusableMessage) {
    await markRoutingFailed(ctx, deliveryId, err.message);
    outcome.unusable.push({ deliveryId, error: err });
  } else {
    outcome.retry.push({ deliveryId, error: err as Error });
  }
}

/**
 * The batch's transaction: locks the deliveries still 'received' (in id
 * order, so two overlapping batches cannot deadlock on them), hands each
 * message to its handler in stored order, one after the other, as separate
 * jobs would have, and marks all of them in one statement. Handlers are not
 * run side by side: in one transaction no row lock keeps a `close` and an
 * `extend` of one consultation apart. A run of consecutive mails to a
 * handler that handles several at once (Handler.handleMany: replies) goes to
 * it in one call. A handler may route another delivery of the batch itself
 * (a close routes the replies received in time), so the rest are checked
 * again after any such routing, before their turn.
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
  const handled: { deliveryId: number; mail: InboundMail | null; result: RouteResult }[] = [];
  // The batch's deliveries still 'received': only routeInTransaction (a handler's close) routes one under our
  // locks, so they are read again, in one statement, only when it ran since the last look.
  let waiting = lockedIds;
  let routedInside = deliveriesRoutedInside();
  for (let i = 0; i < mine.length; ) {
    if (deliveriesRoutedInside() !== routedInside) {
      routedInside = deliveriesRoutedInside();
      const rest = mine.slice(i).map((m) => m.deliveryId);
      const still = await tx`select id from inbound_deliveries where id = any(${rest}::bigint[]) and state = 'received'`;
      waiting = new Set(still.map((row) => Number(row.id)));
    }
    const first = mine[i]!.mail;
    const handler = first && handlerOf(ctx, first);
    if (handler?.handleMany) {
      const end = runEnd(ctx, mine, i, handler);
      // The run's handler routes no other delivery, so what is waiting now stays so until the run is done.
      const run = mine.slice(i, end).filter((r) => waiting.has(r.deliveryId));
      const results = await handleMails(tx, ctx, handler, run.map((r) => r.mail!), outbox);
      run.forEach((r, n) => handled.push({ ...r, result: results[n]! }));
      i = end;
      continue;
    }
    const r = mine[i++]!;
    if (waiting.has(r.deliveryId)) handled.push({ ...r, result: await handleMail(tx, ctx, r.mail, outbox) });
  }

  await tx`
    update inbound_deliveries d
    set state = v.state, kind = v.kind, outcome = v.outcome, routed_at = now(), route_retry_at = null
    from unnest(${handled.map((r) => r.deliveryId)}::bigint[], ${handled.map((r) => r.result.state ?? 'routed')}::text[],
                ${handled.map((r) => r.mail?.kind ?? null) as string[]}::text[], ${handled.map((r) => r.result.outcome)}::text[])
      as v(id, state, kind, outcome)
    where d.id = v.id`;
  return { count: handled.length, outboxIds: outbox.ids };
}

/** The index after the run of mails starting at `start` that all go to `handler`. */
function runEnd(ctx: Context, batch: readonly ReadDelivery[], start: number, handler: Handler): number {
  let end = start + 1;
  while (end < batch.length && batch[end]!.mail && handlerOf(ctx, batch[end]!.mail!) === handler) end++;
  return end;
}
