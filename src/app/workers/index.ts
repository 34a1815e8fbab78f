import type { Worker } from 'bullmq';
import type { Context } from '../../shared/context.ts';
import type { Transport } from '../../pipeline/outbound/send/transport.ts';
import { startConsultationWorker } from './consultationWorker.ts';
import { startDeliverWorker } from './deliverWorker.ts';
import { startListsWorker } from './listsWorker.ts';
import { startRouteWorker } from './routeWorker.ts';

/** The queues Tacit works, each by one worker. */
export const WORKER_NAMES = ['route', 'deliver', 'consultation', 'lists'] as const;
export type WorkerName = (typeof WORKER_NAMES)[number];

/** Every BullMQ worker of Tacit (or the ones named); one process may run them all, or several processes share the load. */
export function startWorkers(ctx: Context, transport: Transport, redisUrl: string, only: readonly WorkerName[] = WORKER_NAMES): Worker[] {
  const start: Record<WorkerName, () => Worker> = {
    route: () => startRouteWorker(ctx, redisUrl),
    deliver: () => startDeliverWorker(ctx, transport, redisUrl),
    consultation: () => startConsultationWorker(ctx, redisUrl),
    lists: () => startListsWorker(ctx, redisUrl),
  };
  return only.map((name) => start[name]());
}

/** Stops taking jobs and waits for the running ones to finish. */
export async function stopWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}
