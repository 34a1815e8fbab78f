import { Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { workerConnection } from '../../shared/queue/queues.ts';
import { noteRoutingFailure, routeDelivery } from '../../pipeline/routing/router.ts';

/** Routes stored inbound messages to their handlers. */
export function startRouteWorker(ctx: Context, redisUrl: string, concurrency = 4): Worker {
  const worker = new Worker<{ id: number }>('route', (job) => routeDelivery(ctx, job.data.id), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency,
  });
  worker.on('failed', (job, err) => {
    ctx.log.warn({ err, job: job?.id }, 'routing failed');
    // Handled inside: no rejection escapes an event handler.
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void noteRoutingFailure(ctx, job.data.id, err);
  });
  worker.on('error', (err) => ctx.log.warn({ err }, 'route worker error'));
  return worker;
}
