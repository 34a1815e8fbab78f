import { UnrecoverableError, Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { workerConnection } from '../../shared/queue/queues.ts';
import { noteRoutingFailure } from '../../pipeline/routing/router.ts';
import { routeBatch } from '../../pipeline/routing/routeBatch.ts';
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
 * Routes a job's deliveries. What is routed stays routed whatever happens to
 * the rest: a delivery left for later (DNS, Postgres) fails the job, whose
 * retry finds only that one still to do. A message that cannot be read fails
 * the same way on every attempt: it is stored failed with its reason at once,
 * and BullMQ, which retries every error but an UnrecoverableError, tries it
 * only once.
 */
async function routeJob(ctx: Context, deliveryIds: number[]): Promise<string> {
  const outcome = await routeBatch(ctx, deliveryIds);
  if (outcome.retry.length) throw outcome.retry[0]!.error;
  if (outcome.unusable.length) throw new UnrecoverableError(outcome.unusable[0]!.error.message);
  return outcome.routed ? `${outcome.routed} routed` : 'already routed';
}
