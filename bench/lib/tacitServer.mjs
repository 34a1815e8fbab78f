/**
 * A Tacit process for the benchmarks: what `tacit start` runs (startServer),
 * with BENCH_ONLY=ingest|workers|all choosing the parts, so a benchmark can
 * run the ingest without routing, or split ingest and workers over two
 * processes. It runs the build in dist/, as `tacit start` does (bench/run.ts
 * builds it first). Prints "ready PORT" on stdout once listening; SIGTERM stops it.
 * Plain JavaScript run by plain node, as `tacit start` is: under tsx the
 * loader's own thread added some 40 MiB to the RSS the benchmarks report.
 */
const dist = new URL('../../dist/src/', import.meta.url).href;
/** @type {typeof import('../../src/shared/config/config.ts')} */
const { loadConfig } = await import(`${dist}shared/config/config.js`);
/** @type {typeof import('../../src/app/runtime.ts')} */
const { openRuntime } = await import(`${dist}app/runtime.js`);
/** @type {typeof import('../../src/app/server.ts')} */
const { startServer } = await import(`${dist}app/server.js`);

const only = process.env.BENCH_ONLY ?? 'all';
const runtime = await openRuntime(loadConfig());
const server = await startServer(runtime, {
  smtp: only !== 'workers',
  workers: only !== 'ingest',
  reconciler: only !== 'ingest',
});
process.stdout.write(`ready ${server.smtpPort}\n`);
// BENCH_MEMORY_LOG=FILE: this process's memory every half second, one JSON line each (where a peak RSS comes from).
if (process.env.BENCH_MEMORY_LOG) {
  const fs = await import('node:fs');
  const file = process.env.BENCH_MEMORY_LOG;
  setInterval(() => {
    const m = process.memoryUsage();
    const mib = (n) => Math.round(n / 2 ** 20);
    fs.appendFileSync(file, `${JSON.stringify({ t: Math.round(performance.now()), rss: mib(m.rss), heapTotal: mib(m.heapTotal), heapUsed: mib(m.heapUsed), external: mib(m.external), arrayBuffers: mib(m.arrayBuffers) })}\n`);
  }, 500).unref();
}
let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await runtime.close();
  process.exit(0);
});
