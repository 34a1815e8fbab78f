/**
 * A Tacit process for the benchmarks: what `tacit start` runs (startServer),
 * with BENCH_ONLY=ingest|workers|all choosing the parts, so a benchmark can
 * run the ingest without routing, or split ingest and workers over two
 * processes. Prints "ready PORT" on stdout once listening; SIGTERM stops it.
 */
import { loadConfig } from '../../src/shared/config/config.ts';
import { openRuntime } from '../../src/app/runtime.ts';
import { startServer } from '../../src/app/server.ts';

const only = process.env.BENCH_ONLY ?? 'all';
const runtime = await openRuntime(loadConfig());
const server = await startServer(runtime, {
  smtp: only !== 'workers',
  workers: only !== 'ingest',
  reconciler: only !== 'ingest',
});
process.stdout.write(`ready ${server.smtpPort}\n`);
let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await runtime.close();
  process.exit(0);
});
