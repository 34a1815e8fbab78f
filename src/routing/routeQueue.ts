import type { Queues } from '../queue/queues.ts';
import { addJobsBestEffort } from '../queue/queues.ts';

export function routeJobId(deliveryId: number): string {
  return `route-${deliveryId}`;
}

export async function enqueueRouting(queues: Queues, deliveryIds: readonly number[]): Promise<boolean> {
  return addJobsBestEffort(
    queues.route,
    deliveryIds.map((id) => ({ name: 'route', data: { id }, opts: { jobId: routeJobId(id) } })),
  );
}
