import type { Context } from '../shared/context.ts';
import { deliverJobs } from '../pipeline/outbound/outbox.ts';
import { liveHolders } from '../pipeline/outbound/claimHolder.ts';
import { routeJobs } from '../pipeline/routing/routeQueue.ts';
import { requeueJobs } from '../shared/queue/queues.ts';

/**
 * Postgres is the truth and a job only the alarm clock: this finds rows whose
 * job was lost (Redis down at accept time, Redis wiped, a crash between commit
 * and enqueue) and queues them again. Job ids are derived from rows, so a row
 * whose job still exists is not queued twice. Domains add their own passes
 * (ctx.wiring.reconcilers, listed in app/wiring.ts).
 */
export async function reconcileOnce(ctx: Context): Promise<{ routed: number; outbox: number; other: number }> {
  const graceSeconds = ctx.config.reconcileGraceMs / 1000;
  const unrouted = await ctx.sql`
    select d.id from inbound_deliveries d join inbound_messages m on m.id = d.message_id
    where d.state = 'received' and m.received_at < now() - make_interval(secs => ${graceSeconds})
      and (d.route_retry_at is null or d.route_retry_at <= now())
    order by d.id limit 5000`;
  await requeueJobs(ctx.queues.route, routeJobs(unrouted.map((r) => r.id as number)));
  // A sender that stalled past its lease, or died (its holder's session gone: taken over at once).
  const pending = await ctx.sql`
    select id, case when state = 'sending' and lease_holder not in (${liveHolders(ctx.sql)}) then lease_holder end as dead_holder
    from outbox
    where (state = 'pending' and created_at < now() - make_interval(secs => ${graceSeconds}))
       or (state = 'sending' and (lease_until < now() or lease_holder not in (${liveHolders(ctx.sql)})))
    order by id limit 5000`;
  const byHolder = new Map<number, number[]>();
  for (const r of pending) {
    const holder = (r.dead_holder as number | null) ?? 0;
    if (!byHolder.has(holder)) byHolder.set(holder, []);
    byHolder.get(holder)!.push(r.id as number);
  }
  for (const [holder, ids] of byHolder) await requeueJobs(ctx.queues.deliver, deliverJobs(ids, holder ? `-after-${holder}` : ''));
  let other = 0;
  for (const pass of ctx.wiring.reconcilers) other += await pass(ctx);
  return { routed: unrouted.length, outbox: pending.length, other };
}

/** Runs reconcileOnce now and then every RECONCILE_EVERY_MS; returns a stop function. */
export function startReconciler(ctx: Context): () => void {
  const log = ctx.log.child({ component: 'reconciler' });
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const counts = await reconcileOnce(ctx);
      if (counts.routed || counts.outbox || counts.other) log.info(counts, 're-queued lost work');
    } catch (err) {
      log.warn({ err }, 'reconcile pass failed; will try again');
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(tick, ctx.config.reconcileEveryMs);
  return () => clearInterval(timer);
}
