import { UnrecoverableError, Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { workerConnection } from '../../shared/queue/queues.ts';
import { noteRoutingFailure, routeDelivery, UnusableMessage } from '../../pipeline/routing/router.ts';

/** Routes stored inbound messages to their handlers. */
export function startRouteWorker(ctx: Context, redisUrl: string, concurrency = 4): Worker {
  const worker = new Worker<{ id: number }>('route', (job) => routeOnce(ctx, job.data.id), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency,
  });
  worker.on('failed', (job, err) => {
    ctx.log.warn({ err, job: job?.id, attempt: job?.attemptsMade }, 'routing failed');
    // Attempts spent on anything else (Postgres down for minutes, say): the reconciler takes over.
    // Handled inside: no rejection escapes an event handler.
    const spent = job && !(err instanceof UnrecoverableError) && job.attemptsMade >= (job.opts.attempts ?? 1);
    if (spent) void noteRoutingFailure(ctx, job.data.id, err);
  });
  worker.on('error', (err) => ctx.log.warn({ err }, 'route worker error'));
  return worker;
}

/**
 * Routes one delivery. A message that cannot be read fails the same way on
 * every attempt: it is stored failed with its reason at once, and BullMQ,
 * which retries every error but an UnrecoverableError, tries it only once.
 */
async function routeOnce(ctx: Context, deliveryId: number): Promise<string> {
  try {
    return await routeDelivery(ctx, deliveryId);
  } catch (err) {
    if (!(err instanceof UnusableMessage)) throw err;
    await noteRoutingFailure(ctx, deliveryId, err);
    throw new UnrecoverableError(err.message);
  }
}
