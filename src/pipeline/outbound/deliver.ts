import { randomUUID } from 'node:crypto';
import type { Context } from '../../shared/context.ts';
import { claimHolder, liveHolders, type ClaimHolder } from './claimHolder.ts';
import { composeOutboxBytes, preloadBatch, type ComposeMemo, type OutboxRow } from './compose/compose.ts';
import { expandClaimedRow } from './expand.ts';
import { unlimited, type SendLimit } from './send/sendLimit.ts';
import { outboundSigner, type Signer } from './sign/signer.ts';
import { PermanentDeliveryError, type Transport } from './send/transport.ts';

/**
 * How long a sender holds a claimed row; far longer than one send. Only a
 * sender that is alive but stalled waits for it: a dead one's rows are taken
 * over at once (claimHolder.ts).
 */
export const LEASE_MS = 5 * 60_000;
/** A sender does not start a send in the last fifth of its lease: another sender may take the row then. */
const LEASE_SAFETY = 0.8;

export interface DeliveryResult {
  sent: number;
  /** Rows not claimed: already sent, failed, or held by another sender. */
  skipped: number;
  /** Refused for good (5xx): failed. */
  failed: number;
  /** Temporary failures: back to pending, for a retry. */
  retry: number;
  /** Claimed, but the lease ran out (a stalled sender) or the holder's session ended before the send could start: left to the next holder. */
  expired: number;
}

/** A temporary failure of some rows of a batch: BullMQ retries the job, which claims only those rows again. */
export class RetryDeliveryError extends Error {
  override name = 'RetryDeliveryError';
}

/**
 * Claims the rows among `ids` that are pending, or whose sender's lease ran
 * out or whose sender's session ended, in one statement: 'sending' with a
 * lease under a fresh lease id and this process's holder id.
 * Rows locked by a concurrent claim are skipped, not waited for.
 */
async function claim(ctx: Context, ids: readonly number[], lease: string, leaseMs: number, holder: ClaimHolder): Promise<OutboxRow[]> {
  return ctx.sql<OutboxRow[]>`
    with c as (
      select o.id, m.name as member_name from outbox o left join members m on m.id = o.member_id
      where o.id = any(${ids as number[]}::bigint[])
        and (o.state = 'pending' or (o.state = 'sending' and (o.lease_until < now() or o.lease_holder not in (${liveHolders(ctx.sql)}))))
      for update of o skip locked
    )
    update outbox o set state = 'sending', lease_id = ${lease}, lease_holder = ${holder.id}, attempts = o.attempts + 1,
           lease_until = now() + make_interval(secs => ${leaseMs / 1000})
    from c where o.id = c.id
    returning o.id, o.kind, o.recipient, o.member_id, o.params, o.in_reply_to, o.references_ids, o.created_at,
              coalesce(c.member_name, '') as member_name`;
}

/**
 * Sends a batch of outbox rows exactly once as far as Tacit can tell: each
 * row is claimed before it is sent, sent only while the claim holds, and
 * marked sent (in one statement per batch) only by the sender holding it.
 * A sender that dies between send and mark leaves a claim that the next
 * claim takes over (its holder's session is gone); the row is sent again with the same Message-ID and Date, so the receiver sees
 * a duplicate of the same mail, not a new one.
 */
export async function deliverOutboxRows(
  ctx: Context,
  transport: Transport,
  ids: readonly number[],
  options: { leaseMs?: number; limit?: SendLimit; signer?: Signer } = {},
): Promise<DeliveryResult> {
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const limit = options.limit ?? unlimited;
  const lease = randomUUID();
  const holder = await claimHolder(ctx.sql);
  const claimedAt = performance.now();
  // Before the claim: a key that cannot be read leaves the rows pending, not held.
  const signer = options.signer ?? (await outboundSigner(ctx));
  const rows = await claim(ctx, ids, lease, leaseMs, holder);
  const result: DeliveryResult = { sent: 0, skipped: ids.length - rows.length, failed: 0, retry: 0, expired: 0 };
  const memo: ComposeMemo = new Map();
  await preloadBatch(rows, ctx, memo);
  const sent: number[] = [];
  const expanded: number[] = [];
  const errors: { id: number; err: Error; permanent: boolean }[] = [];
  await Promise.all(
    rows.map((row) => limit.run(async () => {
      try {
        const expander = ctx.wiring.expanders.get(row.kind);
        if (expander) {
          // A mailing row: its members' rows are written now, each sent by a later claim of its own.
          if (await expandClaimedRow(ctx, expander, row, lease)) expanded.push(row.id);
          else result.expired++;
          return;
        }
        // The stages: compose the message's bytes (from its mailing's byte template when it has one), sign them, send them.
        const { envelope, raw: composed, arc } = await composeOutboxBytes(row, ctx, memo);
        const raw = await signer.sign(composed, arc);
        // Measured from before the claim, so the database's lease ends later than this believes.
        if (performance.now() - claimedAt > leaseMs * LEASE_SAFETY || !holder.held()) {
          result.expired++;
          return;
        }
        await transport.send({ envelope, raw });
        sent.push(row.id);
      } catch (err) {
        errors.push({ id: row.id, err: err as Error, permanent: err instanceof PermanentDeliveryError });
      }
    })),
  );
  if (sent.length) {
    await ctx.sql`
      update outbox set state = 'sent', sent_at = now(), lease_until = null, lease_id = null, lease_holder = null
      where id = any(${sent}::bigint[]) and lease_id = ${lease}`;
  }
  for (const { id, err, permanent } of errors) {
    await ctx.sql`
      update outbox set state = ${permanent ? 'failed' : 'pending'}, last_error = ${err.message}, lease_until = null, lease_id = null, lease_holder = null
      where id = ${id} and lease_id = ${lease}`;
  }
  result.sent = sent.length + expanded.length;
  result.failed = errors.filter((e) => e.permanent).length;
  result.retry = errors.length - result.failed;
  if (result.retry) {
    const first = errors.find((e) => !e.permanent)!;
    throw new RetryDeliveryError(`${result.retry} of ${rows.length} not sent (${first.err.message}); will retry`);
  }
  return result;
}

/** How long a mail is retried through temporary failures (a relay outage) before it is given up, as MTAs do. */
export const GIVE_UP_AFTER_DAYS = 5;

/**
 * Called when BullMQ has used up a job's attempts. A young row stays pending,
 * so the reconciler queues it again (a relay down for an hour loses nothing);
 * a row older than GIVE_UP_AFTER_DAYS is failed, for stats and operators.
 */
export async function markDeliveryFailed(ctx: Context, ids: number | readonly number[], reason: string): Promise<void> {
  const list = typeof ids === 'number' ? [ids] : [...ids];
  await ctx.sql`
    update outbox set state = case when created_at < now() - make_interval(days => ${GIVE_UP_AFTER_DAYS}) then 'failed' else state end,
           last_error = ${reason}
    where id = any(${list}::bigint[]) and state = 'pending'`;
}
