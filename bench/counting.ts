import v8 from 'node:v8';
import vm from 'node:vm';
import { BallotGroups, type Accumulator } from '../src/domains/consultations/rules/counting/ballot.ts';
import { countIrv } from '../src/domains/consultations/rules/counting/irv.ts';
import { countMeek } from '../src/domains/consultations/rules/counting/meek.ts';
import { countSchulze } from '../src/domains/consultations/rules/counting/schulze.ts';
import { countStv } from '../src/domains/consultations/rules/counting/stv.ts';
import { secondsSince } from './lib/peers.ts';

/**
 * Counting: `ballots` ranked ballots over `optionCount` options, fed one by
 * one (count 1, as if nothing grouped them) into each method, timed and
 * weighed. The ballots are generated on the fly from a fixed seed, never held,
 * so the heap growth is what the count itself keeps: it follows the number of
 * distinct rankings, not of ballots. Baselines from the same run: the time of
 * one pass that only generates the ballots, and the heap of holding them all.
 */
export function benchCounting(ballots: number, optionCount: number) {
  const options = Array.from({ length: optionCount }, (_, i) => `Option ${String.fromCharCode(65 + i)}`);
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const mb = (bytes: number) => +(bytes / 2 ** 20).toFixed(1);

  let started = process.hrtime.bigint();
  for (const b of generateBallots(ballots, options)) void b;
  const generateSeconds = secondsSince(started);

  let before = heap();
  const held = [...generateBallots(ballots, options)];
  const heldBytes = heap() - before;
  void held.length;
  held.length = 0;

  const groups = new BallotGroups(options);
  for (const b of generateBallots(ballots, options)) groups.add(b, 1);
  const distinct = groups.distinct;

  const methods: [string, () => Accumulator<unknown>][] = [
    ['schulze', () => countSchulze({ options, withDefault: true })],
    ['irv', () => countIrv({ options, lotSeed: 'bench' })],
    ['stv scottish, 3 seats', () => countStv({ options, seats: 3, quota: 'droop', lotSeed: 'bench' })],
    ['stv meek, 3 seats', () => countMeek({ options, seats: 3, quota: 'droop', lotSeed: 'bench' })],
  ];
  const rows = methods.map(([method, make]) => {
    before = heap();
    started = process.hrtime.bigint();
    const acc = make();
    for (const b of generateBallots(ballots, options)) acc.add(b, 1);
    const kept = heap() - before;
    const result = acc.result() as { winner?: string | null; elected?: string[] };
    const seconds = secondsSince(started);
    return {
      method,
      ballots,
      options: optionCount,
      'distinct rankings': distinct,
      's': +seconds.toFixed(2),
      's / generate': +(seconds / generateSeconds).toFixed(1),
      'count MB': mb(kept),
      'ballots held MB': mb(heldBytes),
      'count / held': +(kept / heldBytes).toFixed(2),
      'bytes / distinct ranking': Math.max(0, Math.round(kept / distinct)),
      outcome: result.elected ? result.elected.join(', ') : String(result.winner),
    };
  });
  return rows;
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
