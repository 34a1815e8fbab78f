import type { Queues } from '../../shared/queue/queues.ts';
import { addJobsBestEffort } from '../../shared/queue/queues.ts';

export function routeJobId(deliveryId: number): string {
  return `route-${deliveryId}`;
}

/** One routing job per stored delivery, its id derived from the row. */
export function routeJobs(deliveryIds: readonly number[]) {
  return deliveryIds.map((id) => ({ name: 'route', data: { id }, opts: { jobId: routeJobId(id) } }));
}

export async function enqueueRouting(queues: Queues, deliveryIds: readonly number[]): Promise<boolean> {
  return addJobsBestEffort(queues.route, routeJobs(deliveryIds));
}
