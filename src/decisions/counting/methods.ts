/**
 * The counting methods, one line each: a method turns the settings of a
 * count into an accumulator (ballot.ts). Quorum is applied in count.ts,
 * once, outside every method.
 */
import type { Accumulator } from './ballot.ts';
import { countIrv } from './irv.ts';
import { countMeek } from './meek.ts';
import { countMotion, type Threshold } from './motion.ts';
import type { QuorumRule } from './quorum.ts';
import { countSchulze } from './schulze.ts';
import { countStv, type Quota } from './stv.ts';

export type MethodName = 'majority' | 'two-thirds' | 'fraction' | 'double-majority' | 'schulze' | 'irv' | 'stv';
export type StvRules = 'scottish' | 'wigm' | 'meek';

/** Everything a count needs besides the ballots, defaults filled in. */
export interface CountSpec {
  method: MethodName;
  /** The ranked options (for a motion: yes, no). */
  options: string[];
  /** Motions: majority, 2/3 or N/D, over the votes cast or the electorate. */
  threshold: Threshold;
  base: 'cast' | 'electorate';
  /** Schulze: add "None of the above". */
  withDefault: boolean;
  seats: number;
  rules: StvRules;
  quota: Quota;
  quorum: QuorumRule | null;
  /** A double majority: the ballots a place needs to count among the places (`Branch quorum:`), or null. */
  branchQuorum?: number | null;
  electorate?: number;
  /** The seed of any lot: the SHA-256 of the tally sheet (or of the JSON counted). */
  lotSeed: string;
}

const motion = (spec: CountSpec) => countMotion({ threshold: spec.threshold, base: spec.base, electorate: spec.electorate });

export const countingMethods: Record<MethodName, (spec: CountSpec) => Accumulator<object>> = {
  majority: motion,
  'two-thirds': motion,
  fraction: motion,
  // The total of a double majority is a majority; its places are decided after (doubleMajority.ts).
  'double-majority': motion,
  schulze: (spec) => countSchulze({ options: spec.options, withDefault: spec.withDefault }),
  irv: (spec) => countIrv({ options: spec.options, lotSeed: spec.lotSeed }),
  stv: (spec) => (spec.rules === 'meek' ? countMeek : countStv)({ options: spec.options, seats: spec.seats, quota: spec.quota, lotSeed: spec.lotSeed }),
};

export const isMotion = (method: MethodName) => method === 'majority' || method === 'two-thirds' || method === 'fraction' || method === 'double-majority';
