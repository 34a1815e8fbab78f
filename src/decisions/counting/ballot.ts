/**
 * What every counting method is fed: ranked ballots, grouped.
 *
 * A ranking is a list of tiers, best first; the options in one tier are tied.
 * Options a ballot leaves out are tied below all it ranks. A motion's ballot
 * ranks `yes` or `no` alone; an empty ranking is an abstention.
 *
 * Ballots arrive grouped (`add(ranking, count)`, from SQL's `group by` or a
 * tally sheet), and every method keeps them grouped: memory is bounded by the
 * number of distinct rankings, never by the number of ballots.
 */

export type Ranking = readonly (readonly string[])[];

/** A mistake in what is counted (an unknown option, a repeated one, a bad count): the caller's input, not a bug. */
export class CountInputError extends Error {
  override name = 'CountInputError';
}

/** A method's running count: fed every distinct ranking with how many ballots carry it, then asked once. */
export interface Accumulator<R> {
  add(ranking: Ranking, count: number): void;
  result(): R;
}

/**
 * Checks a ranking against the options and gives it back in canonical form
 * (empty tiers dropped, each tier in the options' order), so that equal
 * ballots group under one key.
 */
export function canonicalRanking(ranking: Ranking, options: readonly string[]): string[][] {
  const index = new Map(options.map((o, i) => [o, i]));
  const seen = new Set<string>();
  const tiers: string[][] = [];
  for (const tier of ranking) {
    for (const option of tier) {
      if (!index.has(option)) throw new CountInputError(`unknown option "${option}" (the options are ${options.map((o) => `"${o}"`).join(', ')})`);
      if (seen.has(option)) throw new CountInputError(`option "${option}" appears twice in one ranking`);
      seen.add(option);
    }
    if (tier.length) tiers.push([...tier].sort((a, b) => index.get(a)! - index.get(b)!));
  }
  return tiers;
}

export function checkCount(count: number): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new CountInputError(`a ballot count must be a whole number ≥ 0 (not ${count})`);
}

/** Far beyond any ballot a member fills in; keeps Schulze's n² matrices and the rounds of IRV and STV small. */
export const MAX_OPTIONS = 500;

export function checkOptions(options: readonly string[]): void {
  if (options.length === 0) throw new CountInputError('there are no options to count');
  if (options.length > MAX_OPTIONS) throw new CountInputError(`${options.length} options: a count takes at most ${MAX_OPTIONS}`);
  const seen = new Set<string>();
  for (const o of options) {
    if (typeof o !== 'string' || !o.trim()) throw new CountInputError('an option name must be a non-empty string');
    if (seen.has(o)) throw new CountInputError(`option "${o}" is listed twice`);
    seen.add(o);
  }
}

/** Distinct rankings with their counts: the memory every ranked method keeps. */
export class BallotGroups {
  private readonly groups = new Map<string, { ranking: string[][]; count: number }>();
  total = 0;

  constructor(readonly options: readonly string[]) {
    checkOptions(options);
  }

  add(ranking: Ranking, count: number): void {
    checkCount(count);
    const tiers = canonicalRanking(ranking, this.options);
    if (count === 0) return;
    const key = JSON.stringify(tiers);
    const group = this.groups.get(key);
    if (group) group.count += count;
    else this.groups.set(key, { ranking: tiers, count });
    this.total += count;
  }

  get distinct(): number {
    return this.groups.size;
  }

  *[Symbol.iterator](): IterableIterator<{ ranking: string[][]; count: number }> {
    yield* this.groups.values();
  }
}

/**
 * The option a ballot counts for among those still in the count: the first
 * tier holding any continuing option, when it holds exactly one. A ballot
 * stops at a tier of two or more (its voter did not choose between them).
 */
export function firstContinuing(ranking: readonly (readonly string[])[], continuing: ReadonlySet<string>): string | null {
  for (const tier of ranking) {
    let found: string | null = null;
    let n = 0;
    for (const option of tier) {
      if (continuing.has(option)) {
        found = option;
        n++;
      }
    }
    if (n === 1) return found;
    if (n > 1) return null;
  }
  return null;
}
