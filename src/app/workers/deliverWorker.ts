import { Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { deliverOutboxRows, markDeliveryFailed } from '../../pipeline/outbound/deliver.ts';
import { sendLimit } from '../../pipeline/outbound/send/sendLimit.ts';
import type { Transport } from '../../pipeline/outbound/send/transport.ts';
import { workerConnection } from '../../shared/queue/queues.ts';

/** A job names a batch of outbox rows; `{ id }` is the single-row form of jobs queued before batches. */
export type DeliverJobData = { ids: number[] } | { id: number };
const rowsOf = (data: DeliverJobData): number[] => ('ids' in data ? data.ids : [data.id]);

/** Claims and sends batches of outbox rows through the configured transport. */
export function startDeliverWorker(ctx: Context, transport: Transport, redisUrl: string, concurrency = 4): Worker {
  // Four mails per relay connection keep the pool busy; more only adds memory.
  const limit = sendLimit(Math.max(8, ctx.config.outboundPoolSize * 4));
  const worker = new Worker<DeliverJobData>('deliver', (job) => deliverOutboxRows(ctx, transport, rowsOf(job.data), { limit, leaseMs: ctx.config.outboundLeaseMs }), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency,
  });
  worker.on('failed', (job, err) => {
    ctx.log.warn({ err, job: job?.id }, 'delivery failed');
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
      // Awaited through catch: with Postgres down this rejects, and an unhandled rejection would end the process.
      // The rows stay pending (young) and the reconciler queues them again.
      markDeliveryFailed(ctx, rowsOf(job.data), err.message).catch((markErr) =>
        ctx.log.warn({ err: markErr, job: job.id }, 'could not record a delivery failure; the reconciler will retry the rows'),
      );
    }
  });
  worker.on('error', (err) => ctx.log.warn({ err }, 'deliver worker error'));
  return worker;
}
