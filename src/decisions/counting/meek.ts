/**
 * Meek's method of STV (I. D. Hill, B. A. Wichmann, D. R. Woodall,
 * "Algorithm 123: Single transferable vote by Meek's method", The Computer
 * Journal 30, 1987): each elected option keeps only the fraction of every
 * ballot reaching it that it needs for the quota and passes the rest on,
 * also to options elected earlier; the quota falls as ballots exhaust.
 * Keep values are iterated until every elected option is within 0.00001 of
 * the quota. A ballot stops at a tier of two or more.
 */
import { BallotGroups, type Accumulator, type Ranking } from './ballot.ts';
import { checkSeats, type Quota, type StvResult, type StvStage } from './stv.ts';
import { Ties } from './tieBreak.ts';

export interface MeekSettings {
  options: readonly string[];
  seats: number;
  quota: Quota;
  lotSeed: string;
}

const TOLERANCE = 0.00001;
const MAX_ITERATIONS = 10_000;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function countMeek(settings: MeekSettings): Accumulator<StvResult> {
  checkSeats(settings.seats);
  const groups = new BallotGroups(settings.options);
  return { add: (ranking: Ranking, count: number) => groups.add(ranking, count), result: () => runMeek(groups, settings) };
}

function runMeek(groups: BallotGroups, settings: MeekSettings): StvResult {
  const { seats } = settings;
  const keep = new Map(settings.options.map((o) => [o, 1]));
  const hopeful = new Set(settings.options);
  const elected: string[] = [];
  const rounds: StvStage[] = [];
  const history: Map<string, number>[] = [];
  const ties = new Ties(history, settings.lotSeed);
  let votes = new Map<string, number>();
  let excess = 0;
  let quota = 0;

  const tally = () => {
    votes = new Map([...keep].filter(([, k]) => k > 0).map(([o]) => [o, 0]));
    excess = 0;
    for (const { ranking, count } of groups) {
      let weight = 1;
      for (const tier of ranking) {
        const inCount = tier.filter((o) => keep.get(o)! > 0);
        if (inCount.length === 0) continue;
        if (inCount.length > 1) break;
        const o = inCount[0]!;
        const k = keep.get(o)!;
        votes.set(o, votes.get(o)! + weight * k * count);
        weight *= 1 - k;
        if (weight <= 0) break;
      }
      excess += weight * count;
    }
    const counted = groups.total - excess;
    quota = settings.quota === 'hare' ? counted / seats : counted / (seats + 1);
  };
  // Droop and Hagenbach-Bischoff need more than the quota, Hare reaches it.
  const reaches = (v: number) => (settings.quota === 'hare' ? v >= quota - 1e-9 : v > quota + 1e-9);
  const converge = () => {
    for (let i = 0; i < MAX_ITERATIONS; i++) {
      tally();
      if (elected.every((o) => Math.abs(votes.get(o)! - quota) <= TOLERANCE)) return;
      for (const o of elected) keep.set(o, Math.min(1, (keep.get(o)! * quota) / votes.get(o)!));
    }
  };
  const record = (stage: Omit<StvStage, 'stage' | 'votes' | 'non_transferable' | 'quota'>) => {
    rounds.push({
      stage: rounds.length + 1,
      ...stage,
      votes: Object.fromEntries([...elected, ...hopeful].map((o) => [o, round6(votes.get(o)!)])),
      non_transferable: round6(excess),
      elected: stage.elected,
      quota: round6(quota),
    });
    history.push(new Map(votes));
  };

  /** Elects the options given, most votes first, while seats are left; gives back whom. */
  const elect = (options: string[]) => {
    const chosen = ties.mostFirst(options, votes).slice(0, seats - elected.length);
    for (const o of chosen) {
      hopeful.delete(o);
      elected.push(o);
    }
    return chosen;
  };

  converge();
  let action: StvStage['action'] = 'first';
  let option: string | undefined;
  for (;;) {
    const stageElected = elect([...hopeful].filter((o) => reaches(votes.get(o)!)));
    record({ action, ...(option ? { option } : {}), elected: stageElected });
    if (elected.length >= seats) break;
    if (hopeful.size <= seats - elected.length) {
      record({ action: 'last-seats', elected: elect([...hopeful]) });
      break;
    }
    if (stageElected.length) {
      // Someone new was elected: their keep value settles before anyone is excluded.
      action = 'surplus';
      option = stageElected[stageElected.length - 1];
    } else {
      const out = ties.pick([...hopeful], votes, 'lowest');
      hopeful.delete(out);
      keep.set(out, 0);
      action = 'exclusion';
      option = out;
    }
    converge();
  }
  return { quota: round6(quota), elected, rounds, tie_breaks: ties.broken };
}
