/**
 * The single transferable vote by the weighted inclusive Gregory method, as
 * the Scottish local government elections count it (The Scottish Local
 * Government Elections Order 2007, Schedule 1, rules 45–52): Droop quota
 * ⌊valid / (seats + 1)⌋ + 1; a surplus is transferred from every ballot its
 * candidate holds, each at (surplus × its value) / the candidate's votes,
 * truncated to 5 decimals; an excluded candidate's ballots all move at the
 * value they arrived with; the largest surplus goes first; ties by the most
 * recent stage at which the tied candidates differed, else the lot.
 *
 * `wigm` is the same count with the quota chosen (droop, hare or
 * hagenbach-bischoff, where election needs more than the quota). Values are
 * whole numbers of 1/100,000 of a vote, so the 5-decimal truncation is exact.
 * A ballot stops at a tier of two or more.
 */
import { BallotGroups, CountInputError, firstContinuing, type Accumulator, type Ranking } from './ballot.ts';
import { Ties, type TieBreak } from './tieBreak.ts';

export type Quota = 'droop' | 'hare' | 'hagenbach-bischoff';

export interface StvSettings {
  options: readonly string[];
  seats: number;
  quota: Quota;
  lotSeed: string;
}

export interface StvStage {
  stage: number;
  /** first: first preferences; surplus / exclusion: whose ballots moved; last-seats: as many continuing as seats left. */
  action: 'first' | 'surplus' | 'exclusion' | 'last-seats';
  option?: string;
  /** A surplus's value per whole ballot (a ballot that arrived at a lower value moves at proportionally less). */
  transfer_value?: number;
  /** Votes after the stage, elected and continuing options. */
  votes: Record<string, number>;
  /** Votes no continuing option could take, in total so far. */
  non_transferable: number;
  elected: string[];
  /** Meek only: the quota of this stage (it falls as ballots exhaust). */
  quota?: number;
}

export interface StvResult {
  quota: number;
  elected: string[];
  rounds: StvStage[];
  tie_breaks: TieBreak[];
}

const UNIT = 100_000;

export function checkSeats(seats: number): void {
  if (!Number.isSafeInteger(seats) || seats < 1) throw new CountInputError(`seats must be a whole number ≥ 1 (not ${seats})`);
}

export function countStv(settings: StvSettings): Accumulator<StvResult> {
  checkSeats(settings.seats);
  const groups = new BallotGroups(settings.options);
  return { add: (ranking: Ranking, count: number) => groups.add(ranking, count), result: () => runGregory(groups, settings) };
}

interface Bundle {
  ranking: string[][];
  count: number;
  /** Value of each ballot, in 1/UNIT of a vote. */
  value: number;
}

function runGregory(groups: BallotGroups, settings: StvSettings): StvResult {
  const { seats } = settings;
  const hopeful = new Set(settings.options);
  const elected: string[] = [];
  const pendingSurplus = new Set<string>();
  const held = new Map(settings.options.map((o) => [o, [] as Bundle[]]));
  const votes = new Map(settings.options.map((o) => [o, 0]));
  let lost = 0;
  const history: Map<string, number>[] = [];
  const rounds: StvStage[] = [];
  const ties = new Ties(history, settings.lotSeed);

  /** Hands bundles to each one's next hopeful option; those with none are lost. */
  const distribute = (bundles: Iterable<Bundle>) => {
    for (const b of bundles) {
      if (b.value === 0 || b.count === 0) continue;
      const to = firstContinuing(b.ranking, hopeful);
      if (to === null) lost += b.count * b.value;
      else {
        held.get(to)!.push(b);
        votes.set(to, votes.get(to)! + b.count * b.value);
      }
    }
  };

  distribute([...groups].map((g) => ({ ranking: g.ranking, count: g.count, value: UNIT })));
  const valid = [...votes.values()].reduce((a, b) => a + b, 0) / UNIT;
  // Lost ballots at the first stage had no usable first preference: they are not valid votes.
  lost = 0;
  const quota =
    settings.quota === 'droop' ? (Math.floor(valid / (seats + 1)) + 1) * UNIT : settings.quota === 'hare' ? Math.floor((valid * UNIT) / seats) : Math.floor((valid * UNIT) / (seats + 1));
  const reaches = (v: number) => (settings.quota === 'hagenbach-bischoff' ? v > quota : v >= quota);

  const elect = (options: string[], stageElected: string[]) => {
    for (const next of ties.mostFirst(options, votes).slice(0, seats - elected.length)) {
      hopeful.delete(next);
      elected.push(next);
      stageElected.push(next);
      if (votes.get(next)! > quota) pendingSurplus.add(next);
    }
  };
  const electReaching = (stageElected: string[]) => elect([...hopeful].filter((o) => reaches(votes.get(o)!)), stageElected);
  const record = (stage: Omit<StvStage, 'stage' | 'votes' | 'non_transferable'>) => {
    const shown = [...elected, ...hopeful];
    rounds.push({ stage: rounds.length + 1, ...stage, votes: Object.fromEntries(shown.map((o) => [o, votes.get(o)! / UNIT])), non_transferable: lost / UNIT });
    history.push(new Map(votes));
  };

  const firstElected: string[] = [];
  electReaching(firstElected);
  record({ action: 'first', elected: firstElected });

  while (elected.length < seats) {
    const stageElected: string[] = [];
    if (hopeful.size <= seats - elected.length) {
      // As many continuing as seats left: elected in order of votes (ties as always).
      elect([...hopeful], stageElected);
      record({ action: 'last-seats', elected: stageElected });
      break;
    }
    const surpluses = [...pendingSurplus];
    if (surpluses.length) {
      const from = ties.pick(surpluses, votes, 'highest');
      pendingSurplus.delete(from);
      const total = votes.get(from)!;
      const surplus = total - quota;
      const moved = held.get(from)!.map((b) => ({ ...b, value: Number((BigInt(surplus) * BigInt(b.value)) / BigInt(total)) }));
      held.set(from, []);
      votes.set(from, quota);
      distribute(moved);
      // What truncation leaves behind is lost, as the Scottish rules say.
      lost += surplus - moved.reduce((a, b) => a + b.count * b.value, 0);
      electReaching(stageElected);
      record({ action: 'surplus', option: from, transfer_value: Math.floor((surplus * UNIT) / total) / UNIT, elected: stageElected });
    } else {
      const out = ties.pick([...hopeful], votes, 'lowest');
      hopeful.delete(out);
      const moved = held.get(out)!;
      held.set(out, []);
      votes.delete(out);
      distribute(moved);
      electReaching(stageElected);
      record({ action: 'exclusion', option: out, elected: stageElected });
    }
  }
  return { quota: quota / UNIT, elected, rounds, tie_breaks: ties.broken };
}
