import type { Queues } from '../../shared/queue/queues.ts';
import { addJobsBestEffort } from '../../shared/queue/queues.ts';

/**
 * Deliveries a routing job names at most (what ingest stored in one commit,
 * what the reconciler found). The job routes them in one transaction, with
 * others waiting (routeBatch.ts, claimAndRoute), so a burst of replies costs
 * a job, a claim and a commit per batch, not per reply.
 */
export const ROUTE_BATCH = 50;

/** A job's id is derived from the rows it names, so queuing the same deliveries twice is one job. */
export function routeJobId(deliveryIds: number | readonly number[]): string {
  const ids = typeof deliveryIds === 'number' ? [deliveryIds] : deliveryIds;
  return ids.length === 1 ? `route-${ids[0]}` : `route-${ids[0]}-${ids[ids.length - 1]}-${ids.length}`;
}

/** Routing jobs for stored deliveries, ROUTE_BATCH a job (what ingest stored in one commit goes together). */
export function routeJobs(deliveryIds: readonly number[]) {
  const jobs = [];
  for (let i = 0; i < deliveryIds.length; i += ROUTE_BATCH) {
    const ids = deliveryIds.slice(i, i + ROUTE_BATCH);
    jobs.push({ name: 'route', data: { ids }, opts: { jobId: routeJobId(ids) } });
  }
  return jobs;
}

/** The deliveries a routing job names (a job queued before batches named one, as `id`). */
export function deliveriesOfJob(data: { ids?: number[]; id?: number }): number[] {
  return data.ids ?? (data.id === undefined ? [] : [data.id]);
}

export async function enqueueRouting(queues: Queues, deliveryIds: readonly number[]): Promise<boolean> {
  return addJobsBestEffort(queues.route, routeJobs(deliveryIds));
}
