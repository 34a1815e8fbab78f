/**
 * `npm run bench`: every benchmark of Tacit against real peers, each figure a
 * ratio to a baseline measured in the same run (the machine is shared and
 * noisy). Sizes come from the environment (defaults finish in about 15
 * minutes on a shared 2-core machine); results go to bench/results.json.
 */
import fs from 'node:fs';

process.env.LOG_LEVEL ??= 'warn';
const { ensureLocalServices } = await import('../src/shared/services/localServices.ts');
const { ensurePeers } = await import('./lib/peers.ts');

const size = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const sizes = {
  BENCH_INGEST_MESSAGES: size('BENCH_INGEST_MESSAGES', 10_000),
  BENCH_FANOUT_MEMBERS: size('BENCH_FANOUT_MEMBERS', 20_000),
  BENCH_CLOSE_ELECTORS: size('BENCH_CLOSE_ELECTORS', 200_000),
  BENCH_CLOSE_REPLIES: size('BENCH_CLOSE_REPLIES', 60_000),
  /** A formal vote closed by Schulze: electors, ranked ballots over 10 options, and how many distinct rankings among them. */
  BENCH_VOTE_ELECTORS: size('BENCH_VOTE_ELECTORS', 300_000),
  BENCH_VOTE_BALLOTS: size('BENCH_VOTE_BALLOTS', 100_000),
  BENCH_VOTE_RANKINGS: size('BENCH_VOTE_RANKINGS', 2_000),
  BENCH_REPLIES: size('BENCH_REPLIES', 5_000),
  /** Rounds over the corpora's replies in the reading benchmark. */
  BENCH_READING_ROUNDS: size('BENCH_READING_ROUNDS', 20),
  BENCH_SCALEOUT_MESSAGES: size('BENCH_SCALEOUT_MESSAGES', 5_000),
  BENCH_SCALEOUT_MEMBERS: size('BENCH_SCALEOUT_MEMBERS', 10_000),
  /** Ranked ballots over 10 options for the counting methods (no services involved). */
  BENCH_COUNT_BALLOTS: size('BENCH_COUNT_BALLOTS', 100_000),
  BENCH_RESTART_ANSWERS: size('BENCH_RESTART_ANSWERS', 200),
  /** Clients sending one 24 MB message each at once (the bounded-memory rows). */
  BENCH_BIG_CLIENTS: process.env.BENCH_BIG_CLIENTS ?? '20,100',
  /** Fan-out rounds (Tacit and bare nodemailer alternating); the best of each counts. */
  BENCH_REPEAT: size('BENCH_REPEAT', 3),
  /** 0: the fan-out without DKIM on either side (the figure before signing). */
  BENCH_DKIM: size('BENCH_DKIM', 1),
};
const only = (process.env.BENCH_ONLY_RUN ?? 'ingest,ingest-memory,fanout,close,vote-close,replies,reading,scaleout,restart,cli,count').split(',');

// The Tacit processes run the build in dist/, as `tacit start` does.
const { ensureBuilt } = await import('../scripts/build.js');
ensureBuilt();
await ensurePeers();
fs.mkdirSync('var/bench', { recursive: true });
const services = await ensureLocalServices('var/bench');
const { databaseUrl, redisUrl } = services;
const results: Record<string, unknown> = { date: new Date().toISOString(), sizes };
const started = Date.now();
const show = (title: string, row: object) => {
  console.log(`\n${title}`);
  console.table([row]);
};
try {
  if (only.includes('ingest')) {
    const { benchIngest } = await import('./ingest.ts');
    const rows = [await benchIngest(databaseUrl, redisUrl, sizes.BENCH_INGEST_MESSAGES, false), await benchIngest(databaseUrl, redisUrl, sizes.BENCH_INGEST_MESSAGES, true)];
    results.ingest = rows;
    console.log('\ningest');
    console.table(rows);
  }
  if (only.includes('ingest-memory')) {
    const { benchIngestMemory } = await import('./ingestMemory.ts');
    const rows = [];
    // Each row printed as it ends: the 100-client one takes minutes.
    for (const clients of sizes.BENCH_BIG_CLIENTS.split(',').map(Number)) {
      rows.push(await benchIngestMemory(databaseUrl, redisUrl, clients));
      show('ingest of 24 MB messages, all clients at once', rows[rows.length - 1]!);
    }
    results.ingestMemory = rows;
  }
  if (only.includes('fanout')) {
    const { benchFanout } = await import('./fanout.ts');
    const { fanout, digest } = await benchFanout(databaseUrl, redisUrl, sizes.BENCH_FANOUT_MEMBERS, 10, sizes.BENCH_REPEAT, sizes.BENCH_DKIM !== 0);
    show('fan-out', (results.fanout = fanout));
    show('digest', (results.digest = digest));
  }
  if (only.includes('close')) {
    const { benchClose } = await import('./close.ts');
    show('close', (results.close = await benchClose(databaseUrl, redisUrl, sizes.BENCH_CLOSE_ELECTORS, sizes.BENCH_CLOSE_REPLIES)));
  }
  if (only.includes('vote-close')) {
    const { benchVoteClose } = await import('./voteClose.ts');
    show('closing a formal vote (Schulze, 10 options)', (results.voteClose = await benchVoteClose(
      databaseUrl, redisUrl, sizes.BENCH_VOTE_ELECTORS, sizes.BENCH_VOTE_BALLOTS, sizes.BENCH_VOTE_RANKINGS)));
  }
  if (only.includes('replies')) {
    const { benchReplies } = await import('./replies.ts');
    show('replies', (results.replies = await benchReplies(databaseUrl, redisUrl, sizes.BENCH_REPLIES)));
  }
  if (only.includes('reading')) {
    const { benchReading } = await import('./reading.ts');
    show('reading', (results.reading = await benchReading(sizes.BENCH_READING_ROUNDS)));
  }
  if (only.includes('scaleout')) {
    const { benchScaleOut } = await import('./scaleout.ts');
    show('scale-out', (results.scaleout = await benchScaleOut(databaseUrl, redisUrl, sizes.BENCH_SCALEOUT_MESSAGES, sizes.BENCH_SCALEOUT_MEMBERS)));
  }
  if (only.includes('count')) {
    const { benchCounting } = await import('./counting.ts');
    const rows = (results.count = benchCounting(sizes.BENCH_COUNT_BALLOTS, 10));
    console.log('\ncounting');
    console.table(rows);
  }
  if (only.includes('restart')) {
    const { benchRestart } = await import('./restart.ts');
    show('restart after SIGKILL (lease of an hour)', (results.restart = await benchRestart(databaseUrl, redisUrl, sizes.BENCH_RESTART_ANSWERS)));
  }
  if (only.includes('cli')) {
    const { benchCli } = await import('./cli.ts');
    show('command line vs node -e 0 (medians, same rounds)', (results.cli = await benchCli(databaseUrl, redisUrl)));
  }
} finally {
  results.minutes = +((Date.now() - started) / 60_000).toFixed(1);
  fs.writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  await services.stop();
}
console.log(`\nsizes: ${JSON.stringify(sizes)}; ${results.minutes} min; written to bench/results.json`);
process.exit(0);
