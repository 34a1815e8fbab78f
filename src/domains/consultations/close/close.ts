import type { Context } from '../../../shared/context.ts';
import type { Tx } from '../../../shared/db/database.ts';
import { routeInTransaction } from '../../../pipeline/routing/router.ts';
import { replyRecipientPattern } from '../replies/replyAddress.ts';
import { writeBucketsAndCodes } from './buckets.ts';
import { loadConsultation } from '../consultation.ts';
import { queueMailingJob, writeOutcomeMailing } from '../mail/mailings.ts';
import { createOutcomeCount, type Outcome } from './outcome.ts';
import { streamTallySheet } from './tallySheet.ts';
import { loadPlacePlan } from './places.ts';
import { methodOf } from '../../../decisions/methods/index.ts';
import { addPartsToWhole, linkPartOutcomes, parentOf } from './rollUp.ts';

export type CloseResult = { closed: true; outcome: Outcome } | { closed: false; reason: string };

/**
 * Closes a consultation inside the caller's transaction, exactly once: the
 * conditional UPDATE decides who closes (a concurrent closer waits on the row
 * lock, then finds it no longer open). Then, in the same transaction, every
 * electorate member gets a bucket and a ballot code, the outcome is counted
 * and stored with the tally sheet's SHA-256, and the outcome mailing is
 * written (one row; delivering it writes each member's mail).
 */
export async function closeInTransaction(tx: Tx, ctx: Context, id: number, options: { early?: boolean } = {}): Promise<CloseResult> {
  await routeRepliesReceivedInTime(tx, ctx, id);
  // An early close (a coordinator's `close`) keeps the deadline as announced: closed_at says when it closed.
  const [won] = await tx`
    update consultations set status = 'closed', closed_at = now()
    where id = ${id} and status = 'open' and (deadline <= now() or ${!!options.early})
    returning id`;
  if (!won) {
    const [row] = await tx`select status, deadline > now() as future from consultations where id = ${id}`;
    if (!row) return { closed: false, reason: 'no such consultation' };
    return { closed: false, reason: row.status === 'open' && row.future ? 'deadline not reached' : `already ${row.status}` };
  }
  // A parent vote (issue 22 item 3): parts still open close now (first: their deadlines are no later, and they
  // close with it when it closes early), then every member they reached joins the whole, one ballot each.
  const openParts = await tx`select id from consultations where part_of = ${id} and status = 'open' order by id`;
  for (const part of openParts) await closeInTransaction(tx, ctx, Number(part.id), { early: true });
  await addPartsToWhole(tx, id);
  // Copies (and reminders, notices) that have not left by the close are not
  // sent any more: the member counts as unreachable, and a ballot arriving
  // after the close could only draw a late reply.
  await tx`
    update outbox o set state = 'failed', last_error = 'consultation closed before it was sent'
    from consultation_mailings cm
    where cm.consultation_id = ${id} and cm.outbox_id = o.id and cm.purpose not in ('outcome', 'outcome-mailing') and o.state = 'pending'`;
  // The bucket UPDATE's hashed sets and the sheet's sort of the whole electorate: in memory, not temp files. No JIT:
  // compiling these statements' expressions cost more (56–200 ms) than it saved on 200,000 rows.
  await tx`set local work_mem = '64MB'`;
  await tx`set local jit = off`;
  await writeBucketsAndCodes(tx, ctx.secret, id);
  const c = (await loadConsultation(tx, id))!;
  // Results per place (a parent list's): the public rows, decided from the ballots just bucketed.
  const placePlan = await loadPlacePlan(tx, c, methodOf(c, ctx.wiring.decisionMethods));
  // One pass over the electorate: the tally sheet's digest, and the count fed from the same rows.
  const count = createOutcomeCount(c, ctx.wiring.decisionMethods, placePlan);
  const sheet = (await streamTallySheet(tx, id, ctx.wiring.decisionMethods, undefined, (row) => count.add(row), placePlan))!;
  const outcome = await count.result(tx, sheet);
  outcome.closedAt = c.closed_at!.toISOString();
  // The digest the outcome mail states, so every member can check the sheet they get.
  outcome.tallySha256 = sheet.sha256;
  outcome.sheetStatesRule = true;
  outcome.sheetStancesOnly = true;
  const parent = await parentOf(tx, c);
  if (parent) outcome.partOf = parent;
  const partVotes = await linkPartOutcomes(tx, id, outcome);
  if (partVotes.length > 0) outcome.partVotes = partVotes;
  await tx`update consultations set outcome = ${tx.json(outcome as never)} where id = ${id}`;
  c.outcome = outcome;
  await writeOutcomeMailing(tx, c);
  await queueMailingJob(ctx, id, 'outcome-mailing');
  return { closed: true, outcome };
}

/** Deadlock and serialization failures: the transaction is to be retried, not the reply skipped. */
const TRANSIENT = new Set(['40P01', '40001']);

/**
 * Replies accepted before the deadline but not routed yet (a busy route
 * queue, a worker down) are routed first, in the closing transaction, so they
 * count whatever triggers the close (alarm, reconciler, close-due, a `close`
 * by mail): the deadline applies to when Tacit received a reply, not to when
 * a worker got to it. All of them, in batches. Their receipts are queued by
 * the reconciler.
 */
async function routeRepliesReceivedInTime(tx: Tx, ctx: Context, id: number): Promise<void> {
  let after = 0;
  for (;;) {
    const waiting = await tx`
      select d.id from inbound_deliveries d
      join inbound_messages m on m.id = d.message_id
      join consultations c on c.id = ${id}
      where d.state = 'received' and d.recipient ilike ${replyRecipientPattern(id)} and m.received_at <= c.deadline
        and d.id > ${after}
      order by d.id limit 500`;
    if (waiting.length === 0) return;
    for (const { id: deliveryId } of waiting) {
      // A savepoint per reply: one that cannot be routed must not keep the consultation from closing.
      await tx
        .savepoint((sp) => routeInTransaction(sp as Tx, ctx, Number(deliveryId)))
        .catch((err) => {
          // A deadlock with a worker routing another reply of the same member: skipping it would
          // keep that member's row locked until the close counted without the reply. Give up the
          // whole close instead (its locks go, the worker finishes); the close is retried.
          if (TRANSIENT.has((err as { code?: string }).code ?? '')) throw err;
          ctx.log.warn({ err, deliveryId }, 'a reply received in time could not be routed before the close');
        });
    }
    after = Number(waiting[waiting.length - 1]!.id);
  }
}

/** Closes one consultation whose deadline has passed, in its own transaction. */
export async function closeConsultation(ctx: Context, id: number): Promise<CloseResult> {
  const result = await ctx.sql.begin((tx) => closeInTransaction(tx, ctx, id));
  if (result.closed) ctx.log.info({ consultation: id, buckets: result.outcome.buckets }, 'consultation closed');
  return result as CloseResult;
}

/** Closes every open consultation past its deadline (the reconciler and `tacit close-due`). */
export async function closeDue(ctx: Context): Promise<number[]> {
  const due = await ctx.sql`select id from consultations where status = 'open' and deadline <= now() order by deadline limit 1000`;
  const closed: number[] = [];
  for (const { id } of due) {
    const result = await closeConsultation(ctx, id as number);
    if (result.closed) closed.push(id as number);
  }
  return closed;
}
