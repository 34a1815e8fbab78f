import { Worker } from 'bullmq';
import type { Context } from '../src/app/context.ts';
import { deliverOutboxRow, markDeliveryFailed } from '../src/outbound/deliver.ts';
import type { Transport } from '../src/outbound/transports/transport.ts';
import { workerConnection } from '../src/queue/queues.ts';

/** Composes and sends outbox rows through the configured transport. */
export function startDeliverWorker(ctx: Context, transport: Transport, redisUrl: string, concurrency = 8): Worker {
  const worker = new Worker<{ id: number }>('deliver', (job) => deliverOutboxRow(ctx, transport, job.data.id), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency,
  });
  worker.on('failed', (job, err) => {
    ctx.log.warn({ err, job: job?.id }, 'delivery failed');
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) void markDeliveryFailed(ctx, job.data.id, err.message);
  });
  worker.on('error', (err) => ctx.log.warn({ err }, 'deliver worker error'));
  return worker;
}
