/**
 * A motion: yes / no / abstain. `majority` is adopted when yes > no; a
 * fraction N/D (two-thirds is 2/3) when yes ≥ N/D × (yes + no), in whole
 * numbers so that 2/3 of 99 is exact. Abstentions count towards a quorum,
 * never towards the base. With `base: 'electorate'` the base is the whole
 * electorate instead of the votes cast (silence then weighs like no).
 */
import { CountInputError, canonicalRanking, checkCount, type Accumulator, type Ranking } from './ballot.ts';

export type Threshold = { kind: 'majority' } | { kind: 'fraction'; numerator: number; denominator: number };

export interface MotionSettings {
  threshold: Threshold;
  base: 'cast' | 'electorate';
  /** Needed when base is the electorate. */
  electorate?: number;
}

export interface MotionResult {
  verdict: 'adopted' | 'rejected';
  yes: number;
  no: number;
  abstain: number;
}

export const MOTION_OPTIONS = ['yes', 'no'] as const;

/** "2/3" → {2, 3}; null unless 0 < N ≤ D. */
export function parseFraction(text: string): Threshold | null {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (!m) return null;
  const numerator = Number(m[1]);
  const denominator = Number(m[2]);
  if (numerator <= 0 || denominator <= 0 || numerator > denominator) return null;
  return { kind: 'fraction', numerator, denominator };
}

export function thresholdName(t: Threshold): string {
  if (t.kind === 'majority') return 'majority';
  return t.numerator * 3 === t.denominator * 2 ? 'two-thirds' : `${t.numerator}/${t.denominator}`;
}

export function countMotion(settings: MotionSettings): Accumulator<MotionResult> {
  if (settings.base === 'electorate' && settings.electorate === undefined) {
    throw new CountInputError('a motion counted over the electorate needs the electorate size');
  }
  let yes = 0;
  let no = 0;
  let abstain = 0;
  return {
    add(ranking: Ranking, count: number) {
      checkCount(count);
      const tiers = canonicalRanking(ranking, MOTION_OPTIONS);
      if (tiers.length === 0) abstain += count;
      else if (tiers.length === 1 && tiers[0]!.length === 1) {
        if (tiers[0]![0] === 'yes') yes += count;
        else no += count;
      } else throw new CountInputError('a motion ballot is "yes", "no" or empty (an abstention)');
    },
    result() {
      const base = settings.base === 'electorate' ? settings.electorate! : yes + no;
      const t = settings.threshold;
      // Majority: yes > no is 2·yes > yes + no. Nothing is adopted by nobody: a motion with no yes fails even when the base is empty.
      const adopted = yes > 0 && (t.kind === 'majority' ? 2 * yes > base : yes * t.denominator >= t.numerator * base);
      return { verdict: adopted ? 'adopted' : 'rejected', yes, no, abstain };
    },
  };
}
