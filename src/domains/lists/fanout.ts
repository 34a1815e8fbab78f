import type { Context } from '../../shared/context.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { addDeliveries } from '../../pipeline/outbound/outbox.ts';
import { addJobsBestEffort } from '../../shared/queue/queues.ts';
import { LIST_COPY } from './listCopy.ts';

/**
 * Distributing a post: one INSERT … SELECT writes every immediate-mode
 * member's copy into the outbox, in the transaction that decided to
 * distribute (routing, or a moderator's approval). A job on the `lists`
 * queue then streams the new rows' ids in batches into delivery jobs, so
 * memory stays flat however long the list. The job first waits on an
 * advisory lock the deciding transaction holds, so it never looks before
 * that transaction has committed. Should the job be lost, the reconciler
 * queues pending outbox rows anyway.
 */
const LOCK_CLASS = 7273;
const BATCH = 1000;

/** Writes the copies of a post and returns how many; call inside the deciding transaction. */
export async function fanOutPost(tx: Queryable, postId: number, groupId: number): Promise<number> {
  await tx`select pg_advisory_xact_lock(${LOCK_CLASS}, ${postId % 2 ** 31})`;
  const result = await tx`
    insert into outbox (kind, recipient, member_id, params, dedupe_key, list_post_id)
    select ${LIST_COPY}, m.email, m.id, jsonb_build_object('post', ${postId}::bigint), 'post:' || ${postId}::bigint || ':' || m.id, ${postId}
    from memberships ms join members m on m.id = ms.member_id
    where ms.group_id = ${groupId} and ms.mode = 'immediate' and m.delivery_disabled_at is null
    on conflict (dedupe_key) do nothing`;
  await tx`update list_posts set state = 'distributed', distributed_at = now() where id = ${postId}`;
  return result.count;
}

/** Asks for a post's copies to be queued for delivery (best effort: the reconciler covers a lost job). */
export async function requestCopyDelivery(ctx: Context, postId: number): Promise<void> {
  await addJobsBestEffort(ctx.queues.lists, [
    { name: 'queue-copies', data: { postId }, opts: { jobId: `post-${postId}`, attempts: 8, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } } },
  ]);
}

/** Streams a post's pending copies into delivery jobs, BATCH ids at a time. */
export async function queueCopies(ctx: Context, postId: number): Promise<number> {
  // Waits until the transaction that wrote the copies has ended.
  await ctx.sql.begin((tx) => tx`select pg_advisory_xact_lock(${LOCK_CLASS}, ${postId % 2 ** 31})`);
  let after = 0;
  let queued = 0;
  for (;;) {
    const rows = await ctx.sql`
      select id from outbox where list_post_id = ${postId} and state = 'pending' and id > ${after}
      order by id limit ${BATCH}`;
    if (rows.length === 0) return queued;
    const ids = rows.map((r) => r.id as number);
    await addDeliveries(ctx.queues, ids); // throws, and the job is retried
    queued += ids.length;
    after = ids[ids.length - 1]!;
  }
}
