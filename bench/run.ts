/**
 * `npm run bench`: every benchmark of Tacit, each reported as a ratio to a
 * baseline measured in the same run. Results also go to var/bench/results.json.
 */
import fs from 'node:fs';

process.env.LOG_LEVEL ??= 'warn';
const { benchIngest } = await import('./ingest.ts');

const results: Record<string, unknown> = {};
const messages = Number(process.env.BENCH_MESSAGES ?? 2000);

console.log(`ingest: ${messages} messages of 2 KiB over 10 sessions, smtp-source → smtp-sink vs smtp-source → Tacit`);
// smtp-server holds each new connection 100 ms to catch clients that talk before the greeting
// (an anti-spam pause, like Postfix's postscreen), so connection reuse is measured as well.
results.ingest = [await benchIngest(messages, 10, 2048, true), await benchIngest(Math.min(messages, 1000), 10, 2048, false)];
console.table(results.ingest);

// Consultation fan-out and close memory, in a child with a 64 MiB heap: flat
// memory means the peak at the larger electorate stays near the smaller one.
const sizes = (process.env.BENCH_ELECTORATES ?? '2000,20000').split(',');
console.log(`consultation fan-out and close, electorates ${sizes.join(' and ')}, heap limited to 64 MiB`);
const { ensureLocalServices } = await import('../src/services/localServices.ts');
const services = await ensureLocalServices('var/bench');
const { execFileSync } = await import('node:child_process');
const fanoutFile = 'var/bench/fanout.json';
execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=64', '--import', 'tsx', 'bench/consultation-fanout.ts', ...sizes], {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, BENCH_RESULTS_FILE: fanoutFile },
});
const fanout = JSON.parse(fs.readFileSync(fanoutFile, 'utf8')) as Record<string, number>[];
results.fanout = fanout;
const peakKeys = Object.keys(fanout[0]).filter((k) => / heap MiB$/.test(k));
results.fanoutPeakRatio = Object.fromEntries(peakKeys.map((k) => [k, Number((fanout[fanout.length - 1][k] / Math.max(fanout[0][k], 0.1)).toFixed(2))]));
console.log(`peak heap, largest electorate / smallest (${Number(sizes[sizes.length - 1]) / Number(sizes[0])}× the members):`);
console.table(results.fanoutPeakRatio);
await services.stop();

fs.mkdirSync('var/bench', { recursive: true });
fs.writeFileSync('var/bench/results.json', JSON.stringify(results, null, 2) + '\n');
process.exit(0);
