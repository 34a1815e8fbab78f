import { UnrecoverableError, Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { workerConnection } from '../../shared/queue/queues.ts';
import { noteRoutingFailure } from '../../pipeline/routing/router.ts';
import { claimAndRoute } from '../../pipeline/routing/routeBatch.ts';
import { deliveriesOfJob } from '../../pipeline/routing/routeQueue.ts';

type RouteJobData = { ids?: number[]; id?: number };

/** Routes stored inbound messages to their handlers, a job's batch at a time. */
export function startRouteWorker(ctx: Context, redisUrl: string, concurrency = 4): Worker {
  const worker = new Worker<RouteJobData>('route', (job) => routeJob(ctx, deliveriesOfJob(job.data)), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency,
  });
  worker.on('failed', (job, err) => {
    ctx.log.warn({ err, job: job?.id, attempt: job?.attemptsMade }, 'routing failed');
    // Attempts spent on anything else (Postgres down for minutes, say): the reconciler takes over.
    // Only deliveries still 'received' are noted. Handled inside: no rejection escapes an event handler.
    const spent = job && !(err instanceof UnrecoverableError) && job.attemptsMade >= (job.opts.attempts ?? 1);
    if (spent) void Promise.all(deliveriesOfJob(job.data).map((id) => noteRoutingFailure(ctx, id, err)));
  });
  worker.on('error', (err) => ctx.log.warn({ err }, 'route worker error'));
  return worker;
}

/**
 * Routes a job's deliveries, with others waiting (claimAndRoute). What is
 * routed stays routed whatever happens to the rest: one of the job's own
 * deliveries left for later (DNS, Postgres) fails the job, whose retry finds
 * only that one still to do; another job's is left to that job and the
 * reconciler. A message that cannot be read fails the same way on every
 * attempt: it is stored failed with its reason at once, and BullMQ, which
 * retries every error but an UnrecoverableError, tries its job only once.
 */
async function routeJob(ctx: Context, deliveryIds: number[]): Promise<string> {
  const own = new Set(deliveryIds);
  const outcome = await claimAndRoute(ctx, deliveryIds);
  const retry = outcome.retry.find((r) => own.has(r.deliveryId));
  if (retry) throw retry.error;
  const unusable = outcome.unusable.find((r) => own.has(r.deliveryId));
  if (unusable) throw new UnrecoverableError(unusable.error.message);
  return `${outcome.routed} routed, ${outcome.skipped} of the job's already taken`;
}
