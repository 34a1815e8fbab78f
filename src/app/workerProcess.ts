import { loadConfig } from '../shared/config/config.ts';
import { assertNoEviction } from '../shared/queue/redisPolicy.ts';
import { openTransport } from '../pipeline/outbound/send/index.ts';
import { installProcessGuards } from './processGuards.ts';
import { openRuntime } from './runtime.ts';
import { startWorkers, type WorkerName } from './workers/index.ts';

/**
 * A process that works only the named queues (the entry points in workers/):
 * for a deployment that gives, say, delivery its own machines. `tacit start`
 * runs every worker and the reconciler; one such process must run somewhere.
 */
export async function runWorkerProcess(names: readonly WorkerName[]): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  const { ctx } = runtime;
  installProcessGuards(ctx.log);
  await assertNoEviction(runtime.redisUrl);
  const transport = openTransport(ctx.config);
  const workers = startWorkers(ctx, transport, runtime.redisUrl, names);
  ctx.log.info({ workers: names }, 'workers running');
  const stop = async () => {
    await Promise.all(workers.map((w) => w.close()));
    await transport.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
