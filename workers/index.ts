import type { Worker } from 'bullmq';
import type { Context } from '../src/app/context.ts';
import type { Transport } from '../src/pipeline/outbound/transports/transport.ts';
import { startConsultationWorker } from './consultation.worker.ts';
import { startDeliverWorker } from './deliver.worker.ts';
import { startListsWorker } from './lists.worker.ts';
import { startRouteWorker } from './route.worker.ts';

/** Every BullMQ worker of Tacit; one process may run them all, or several processes share the load. */
export function startWorkers(ctx: Context, transport: Transport, redisUrl: string): Worker[] {
  return [
    startRouteWorker(ctx, redisUrl),
    startDeliverWorker(ctx, transport, redisUrl),
    startConsultationWorker(ctx, redisUrl),
    startListsWorker(ctx, redisUrl),
  ];
}

/** Stops taking jobs and waits for the running ones to finish. */
export async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}
