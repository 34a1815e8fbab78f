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

fs.mkdirSync('var/bench', { recursive: true });
fs.writeFileSync('var/bench/results.json', JSON.stringify(results, null, 2) + '\n');
process.exit(0);
