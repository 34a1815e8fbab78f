import { Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import { queueCopies } from '../../domains/lists/fanout.ts';
import { workerConnection } from '../../shared/queue/queues.ts';

/** Streams a distributed post's copies into delivery jobs. */
export function startListsWorker(ctx: Context, redisUrl: string): Worker {
  const worker = new Worker<{ postId: number }>('lists', (job) => queueCopies(ctx, job.data.postId), {
    connection: workerConnection(redisUrl),
    prefix: ctx.queues.prefix,
    concurrency: 2,
  });
  worker.on('error', (err) => ctx.log.warn({ err }, 'lists worker error'));
  return worker;
}
