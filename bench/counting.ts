import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BallotGroups, type Accumulator } from '../src/decisions/counting/ballot.ts';
import { countIrv } from '../src/decisions/counting/irv.ts';
import { countMeek } from '../src/decisions/counting/meek.ts';
import { countSchulze } from '../src/decisions/counting/schulze.ts';
import { countStv } from '../src/decisions/counting/stv.ts';
import { secondsSince } from './lib/peers.ts';

/**
 * Counting: `ballots` ranked ballots over `optionCount` options, fed one by
 * one (count 1, as if nothing grouped them) into each method, timed and
 * weighed. The ballots are generated on the fly from a fixed seed, never held,
 * so the heap growth is what the count itself keeps: it follows the number of
 * distinct rankings, not of ballots. Each method runs in a process of its own
 * (a heap figure taken after another count in the same process is off by
 * whatever V8 still holds of it). Baselines from the same process: one pass
 * that only generates the ballots, and the heap of holding them all.
 */
const METHODS: Record<string, (options: string[]) => Accumulator<unknown>> = {
  schulze: (options) => countSchulze({ options, withDefault: true }),
  irv: (options) => countIrv({ options, lotSeed: 'bench' }),
  'stv scottish, 3 seats': (options) => countStv({ options, seats: 3, quota: 'droop', lotSeed: 'bench' }),
  'stv meek, 3 seats': (options) => countMeek({ options, seats: 3, quota: 'droop', lotSeed: 'bench' }),
};

export function benchCounting(ballots: number, optionCount: number) {
  const self = fileURLToPath(import.meta.url);
  return Object.keys(METHODS).map((method) =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', self, method, String(ballots), String(optionCount)], { encoding: 'utf8' })),
  );
}

const gc = () => {
  for (let i = 0; i < 4; i++) (globalThis as { gc?: () => void }).gc!();
};
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);

// Each figure in a function of its own, so that nothing of one stays in the frame of the next.
function secondsToGenerate(ballots: number, options: string[]): number {
  const started = process.hrtime.bigint();
  for (const b of generateBallots(ballots, options)) void b;
  return secondsSince(started);
}
function distinctRankings(ballots: number, options: string[]): number {
  const groups = new BallotGroups(options);
  for (const b of generateBallots(ballots, options)) groups.add(b, 1);
  return groups.distinct;
}
function bytesToHold(ballots: number, options: string[]): number {
  const empty = heap();
  const held = [...generateBallots(ballots, options)];
  const bytes = heap() - empty;
  return held.length ? bytes : 0;
}
function count(method: string, ballots: number, options: string[]) {
  const empty = heap();
  let started = process.hrtime.bigint();
  const acc = METHODS[method]!(options);
  for (const b of generateBallots(ballots, options)) acc.add(b, 1);
  const fed = process.hrtime.bigint();
  // What the count keeps once every ballot is in (the ballots themselves are garbage by now).
  const kept = heap() - empty;
  started += process.hrtime.bigint() - fed;
  const result = acc.result() as { winner?: string | null; elected?: string[] };
  return { seconds: secondsSince(started), kept, result };
}

function measure(method: string, ballots: number, optionCount: number) {
  const options = Array.from({ length: optionCount }, (_, i) => `Option ${String.fromCharCode(65 + i)}`);
  const generateSeconds = secondsToGenerate(ballots, options);
  const distinct = distinctRankings(ballots, options);
  const heldBytes = bytesToHold(ballots, options);
  const { seconds, kept, result } = count(method, ballots, options);
  return {
    method,
    ballots,
    options: optionCount,
    'distinct rankings': distinct,
    s: +seconds.toFixed(2),
    's / generate': +(seconds / generateSeconds).toFixed(1),
    'count MB': mb(kept),
    'ballots held MB': mb(heldBytes),
    'count / held': +(kept / heldBytes).toFixed(2),
    'bytes / distinct ranking': Math.max(0, Math.round(kept / distinct)),
    outcome: result.elected ? result.elected.join(', ') : String(result.winner),
  };
}

/** A seeded generator (mulberry32): the same ballots on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Ballots as members write them: five factions, each around its own order;
 * a voter swaps a few neighbours, ranks 3 to all options, and sometimes ties
 * two of them.
 */
function* generateBallots(count: number, options: string[]): Generator<string[][]> {
  const next = random(42);
  const factions = Array.from({ length: 5 }, () => [...options].sort(() => next() - 0.5));
  for (let i = 0; i < count; i++) {
    const order = [...factions[Math.floor(next() * factions.length)]!];
    for (let s = Math.floor(-Math.log(1 - next()) * 1.5); s > 0; s--) {
      const j = Math.floor(next() * (order.length - 1));
      [order[j], order[j + 1]] = [order[j + 1]!, order[j]!];
    }
    const ranked = order.slice(0, 3 + Math.floor(next() * (options.length - 2)));
    const tiers = ranked.map((o) => [o]);
    if (next() < 0.1 && tiers.length > 2) tiers.splice(1, 2, [ranked[1]!, ranked[2]!]);
    yield tiers;
  }
}

// Run as a child by benchCounting: one method, one JSON line.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [method, ballots, optionCount] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(measure(method!, Number(ballots), Number(optionCount))) + '\n');
}
