/**
 * Instant-runoff voting, one winner. Each round every ballot counts for its
 * highest continuing option (stopping at a tier of two or more); an option
 * with more than half of the ballots still counting wins; otherwise the
 * lowest is excluded (ties: tieBreak.ts) and the count goes again.
 */
import { BallotGroups, firstContinuing, type Accumulator, type Ranking } from './ballot.ts';
import { Ties, type TieBreak } from './tieBreak.ts';

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
      const ties = new Ties(history, settings.lotSeed);
      const excluded: string[] = [];
      for (;;) {
        const votes = new Map([...continuing].map((o) => [o, 0]));
        let stopped = 0;
        for (const { ranking, count } of groups) {
          const o = firstContinuing(ranking, continuing);
          if (o === null) stopped += count;
          else votes.set(o, votes.get(o)! + count);
        }
        rounds.push(Object.fromEntries(votes));
        exhausted.push(stopped);
        const counting = groups.total - stopped;
        if (counting === 0) {
          // No ballot ranks any continuing option: nobody is chosen.
          return { winner: null, winners: [], ranking: [[...continuing], ...excluded.reverse().map((o) => [o])], rounds, exhausted, tie_breaks: ties.broken };
        }
        const [top, topVotes] = [...votes].reduce((a, b) => (b[1] > a[1] ? b : a));
        if (2 * topVotes > counting || continuing.size === 1) {
          // The others still in the count by their last votes, equal votes sharing a tier.
          const rest = [...new Set([...continuing].filter((o) => o !== top).map((o) => votes.get(o)!))]
            .sort((a, b) => b - a)
            .map((v) => [...continuing].filter((o) => o !== top && votes.get(o) === v));
          return {
            winner: top,
            winners: [top],
            ranking: [[top], ...rest, ...excluded.reverse().map((o) => [o])],
            rounds,
            exhausted,
            tie_breaks: ties.broken,
          };
        }
        const out = ties.pick([...continuing], votes, 'lowest');
        history.push(votes);
        continuing.delete(out);
        excluded.push(out);
      }
    },
  };
}
