/** Counting a consent choice from ballots grouped by their reading: `add(ballot, count)`. Pure. */
import type { MethodCount, MethodOption } from '../../decisionMethod.ts';
import type { ElectorateFigures } from '../../electorateFigures.ts';
import type { ChoiceStance } from '../../../reading/stance.ts';

export interface OptionCount {
  letter: string;
  text: string;
  first: number;
  accept: number;
  reject: number;
}

export interface ChoiceResult extends ElectorateFigures {
  options: OptionCount[];
  winner: string | null;
  /** How the winner was found: most first preferences, or fewer rejections among those tied. */
  decidedBy: 'first' | 'rejections' | null;
  /** Options still tied after the rejection tie-break; [] when there is a winner or no preference. */
  tie: string[];
  /** Nobody named a first preference: the coordinators settle it. */
  noPreference: boolean;
}

export function createChoiceCount(choices: readonly MethodOption[]): MethodCount<ChoiceStance, ChoiceResult> {
  const letters = choices.map((o) => o.letter);
  const first = new Map<string, number>(letters.map((l) => [l, 0]));
  const reject = new Map<string, number>(letters.map((l) => [l, 0]));
  const acceptByRepliers = new Map<string, number>(letters.map((l) => [l, 0]));
  return {
    add(s, count) {
      if (s.first) first.set(s.first, first.get(s.first)! + count);
      const rejected = new Set(s.reject ?? []);
      for (const l of rejected) reject.set(l, reject.get(l)! + count);
      for (const l of letters) if (!rejected.has(l)) acceptByRepliers.set(l, acceptByRepliers.get(l)! + count);
    },
    result(figures) {
      const options: OptionCount[] = choices.map((o) => ({
        letter: o.letter,
        text: o.text,
        first: first.get(o.letter)!,
        accept: figures.buckets.silent + acceptByRepliers.get(o.letter)!,
        reject: reject.get(o.letter)!,
      }));
      let winner: string | null = null;
      let decidedBy: ChoiceResult['decidedBy'] = null;
      let tie: string[] = [];
      const maxFirst = Math.max(0, ...options.map((o) => o.first));
      const noPreference = maxFirst === 0;
      if (!noPreference) {
        const leaders = options.filter((o) => o.first === maxFirst);
        if (leaders.length === 1) {
          winner = leaders[0]!.letter;
          decidedBy = 'first';
        } else {
          const fewest = Math.min(...leaders.map((o) => o.reject));
          const still = leaders.filter((o) => o.reject === fewest);
          if (still.length === 1) {
            winner = still[0]!.letter;
            decidedBy = 'rejections';
          } else {
            tie = still.map((o) => o.letter);
          }
        }
      }
      return { ...figures, options, winner, decidedBy, tie, noPreference };
    },
  };
}
