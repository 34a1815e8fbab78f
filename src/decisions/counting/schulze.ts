/**
 * The Schulze method (M. Schulze, "A new monotonic, clone-independent,
 * reversal symmetric, and Condorcet-consistent single-winner election
 * method", Social Choice and Welfare 36, 2011), strength by winning votes.
 *
 * add() folds each distinct ranking into the pairwise matrix at once, so the
 * count keeps n² numbers whatever the number of ballots. The result is in
 * tiers: tier k holds the options not yet placed that no other unplaced
 * option beats (p[Y][X] > p[X][Y]); a tie is reported, never broken.
 *
 * With a default option ("None of the above"), an option that does not beat
 * it pairwise cannot win and is listed in `below_default`.
 */
import { canonicalRanking, checkCount, checkOptions, type Accumulator, type Ranking } from './ballot.ts';

export const DEFAULT_OPTION = 'None of the above';

export type Matrix = Record<string, Record<string, number>>;

export interface SchulzeResult {
  winner: string | null;
  winners: string[];
  ranking: string[][];
  pairwise: Matrix;
  strongest_paths: Matrix;
  below_default: string[];
}

export interface SchulzeSettings {
  options: readonly string[];
  /** Adds DEFAULT_OPTION as a last option. */
  withDefault: boolean;
}

export function countSchulze(settings: SchulzeSettings): Accumulator<SchulzeResult> {
  const options = settings.withDefault ? [...settings.options, DEFAULT_OPTION] : [...settings.options];
  checkOptions(options);
  const n = options.length;
  const index = new Map(options.map((o, i) => [o, i]));
  /** d[i*n+j]: ballots ranking option i strictly above option j. */
  const d = new Float64Array(n * n);
  const level = new Int32Array(n);

  return {
    add(ranking: Ranking, count: number) {
      checkCount(count);
      const tiers = canonicalRanking(ranking, options);
      if (count === 0) return;
      // Each option's tier; the options a ballot leaves out share the tier below all it ranks.
      level.fill(tiers.length);
      tiers.forEach((tier, k) => tier.forEach((o) => (level[index.get(o)!] = k)));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (level[i]! < level[j]!) d[i * n + j] += count;
    },
    result() {
      // Widest paths over the winning-votes links (Floyd–Warshall).
      const p = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) if (i !== j && d[i * n + j]! > d[j * n + i]!) p[i * n + j] = d[i * n + j]!;
      for (let k = 0; k < n; k++)
        for (let i = 0; i < n; i++) {
          if (i === k) continue;
          for (let j = 0; j < n; j++) {
            if (j === i || j === k) continue;
            const via = Math.min(p[i * n + k]!, p[k * n + j]!);
            if (via > p[i * n + j]!) p[i * n + j] = via;
          }
        }

      const ranking: string[][] = [];
      let unplaced = options.map((_, i) => i);
      while (unplaced.length) {
        const tier = unplaced.filter((x) => !unplaced.some((y) => p[y * n + x]! > p[x * n + y]!));
        ranking.push(tier.map((i) => options[i]!));
        unplaced = unplaced.filter((x) => !tier.includes(x));
      }

      const nota = settings.withDefault ? n - 1 : -1;
      const belowDefault = settings.withDefault
        ? options.slice(0, -1).filter((_, i) => !(d[i * n + nota]! > d[nota * n + i]!))
        : [];
      const eligible = ranking[0]!.filter((o) => o !== DEFAULT_OPTION && !belowDefault.includes(o));
      // When every option in the first tier fails the default, the default wins: nothing is chosen.
      const winners = eligible.length ? eligible : settings.withDefault ? [DEFAULT_OPTION] : ranking[0]!;
      const matrix = (m: Float64Array): Matrix =>
        Object.fromEntries(options.map((x, i) => [x, Object.fromEntries(options.flatMap((y, j) => (i === j ? [] : [[y, m[i * n + j]!]])))]));
      return {
        winner: winners.length === 1 ? winners[0]! : null,
        winners,
        ranking,
        pairwise: matrix(d),
        strongest_paths: matrix(p),
        below_default: belowDefault,
      };
    },
  };
}
