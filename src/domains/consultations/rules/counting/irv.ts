/**
 * Instant-runoff voting, one winner. Each round every ballot counts for its
 * highest continuing option (stopping at a tier of two or more); an option
 * with more than half of the ballots still counting wins; otherwise the
 * lowest is excluded (ties: tieBreak.ts) and the count goes again.
 */
import { BallotGroups, firstContinuing, type Accumulator, type Ranking } from './ballot.ts';
import { breakTie, type TieBreak } from './tieBreak.ts';

export interface IrvResult {
  winner: string | null;
  winners: string[];
  /** The winner, then the others in reverse order of exclusion (options excluded together share a tier). */
  ranking: string[][];
  /** Each round's votes per continuing option. */
  rounds: Record<string, number>[];
  exhausted: number[];
  tie_breaks: TieBreak[];
}

export interface IrvSettings {
  options: readonly string[];
  /** The seed of any lot (the tally sheet's SHA-256). */
  lotSeed: string;
}

export function countIrv(settings: IrvSettings): Accumulator<IrvResult> {
  const groups = new BallotGroups(settings.options);
  return {
    add: (ranking: Ranking, count: number) => groups.add(ranking, count),
    result() {
      const continuing = new Set(settings.options);
      const history: Map<string, number>[] = [];
      const rounds: Record<string, number>[] = [];
      const exhausted: number[] = [];
      const tieBreaks: TieBreak[] = [];
      const excluded: string[] = [];
      for (;;) {
        const votes = new Map([...continuing].map((o) => [o, 0]));
        let stopped = 0;
        for (const { ranking, count } of groups) {
          const o = firstContinuing(ranking, continuing);
          if (o === null) stopped += count;
          else votes.set(o, votes.get(o)! + count);
        }
        history.push(votes);
        rounds.push(Object.fromEntries(votes));
        exhausted.push(stopped);
        const counting = groups.total - stopped;
        if (counting === 0) {
          // No ballot ranks any continuing option: nobody is chosen.
          return { winner: null, winners: [], ranking: [[...continuing], ...excluded.reverse().map((o) => [o])], rounds, exhausted, tie_breaks: tieBreaks };
        }
        const [top, topVotes] = [...votes].reduce((a, b) => (b[1] > a[1] ? b : a));
        if (2 * topVotes > counting || continuing.size === 1) {
          const rest = [...continuing].filter((o) => o !== top).sort((a, b) => votes.get(b)! - votes.get(a)!);
          return {
            winner: top,
            winners: [top],
            ranking: [[top], ...rest.map((o) => [o]), ...excluded.reverse().map((o) => [o])],
            rounds,
            exhausted,
            tie_breaks: tieBreaks,
          };
        }
        const lowest = Math.min(...votes.values());
        const tied = [...continuing].filter((o) => votes.get(o) === lowest);
        let out = tied[0]!;
        if (tied.length > 1) {
          const tie = breakTie(tied, history, 'lowest', settings.lotSeed, history.length);
          tieBreaks.push(tie);
          out = tie.chosen;
        }
        continuing.delete(out);
        excluded.push(out);
      }
    },
  };
}
