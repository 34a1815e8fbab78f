/**
 * A second, independent count for the property tests, written the slow and
 * obvious way: one ballot per voter, positions instead of tiers, every
 * simple path enumerated for Schulze. It shares no code with
 * src/decisions/counting/.
 */

/** A voter's ballot as each option's position (1 = first; equal positions are a tie; absent = unranked). */
export type Positions = Map<string, number>;

export function positionsOf(ranking: string[][]): Positions {
  const p: Positions = new Map();
  ranking.filter((t) => t.length).forEach((tier, i) => tier.forEach((o) => p.set(o, i + 1)));
  return p;
}

const position = (b: Positions, o: string) => b.get(o) ?? Number.POSITIVE_INFINITY;

export function prefers(voters: Positions[], x: string, y: string): number {
  return voters.filter((b) => position(b, x) < position(b, y)).length;
}

export function condorcetWinner(options: string[], voters: Positions[]): string | null {
  return options.find((x) => options.every((y) => y === x || prefers(voters, x, y) > prefers(voters, y, x))) ?? null;
}

/** Schulze by enumerating every simple path from x to y and keeping the widest (winning votes). */
export function referenceSchulze(options: string[], voters: Positions[]) {
  const link = (x: string, y: string) => {
    const xy = prefers(voters, x, y);
    return xy > prefers(voters, y, x) ? xy : 0;
  };
  const widest = (x: string, y: string): number => {
    let best = 0;
    const walk = (at: string, visited: Set<string>, width: number) => {
      for (const next of options) {
        if (visited.has(next)) continue;
        const w = Math.min(width, link(at, next));
        if (w === 0 || w <= best) continue;
        if (next === y) best = w;
        else walk(next, new Set([...visited, next]), w);
      }
    };
    walk(x, new Set([x]), Number.POSITIVE_INFINITY);
    return best;
  };
  const p = new Map(options.map((x) => [x, new Map(options.filter((y) => y !== x).map((y) => [y, widest(x, y)]))]));
  const beats = (y: string, x: string) => p.get(y)!.get(x)! > p.get(x)!.get(y)!;
  const ranking: string[][] = [];
  let left = [...options];
  while (left.length) {
    const tier = left.filter((x) => !left.some((y) => y !== x && beats(y, x)));
    ranking.push(tier);
    left = left.filter((x) => !tier.includes(x));
  }
  return { ranking, winners: ranking[0]! };
}

/**
 * IRV voter by voter. A voter's vote goes to the continuing option in their
 * best position when it is alone there. Ties for exclusion: the earlier
 * rounds from the latest back; null when only a lot could decide.
 */
export function referenceIrv(options: string[], voters: Positions[]): { winner: string | null; rounds: Record<string, number>[] } | null {
  let continuing = [...options];
  const rounds: Record<string, number>[] = [];
  for (;;) {
    const tally: Record<string, number> = Object.fromEntries(continuing.map((o) => [o, 0]));
    let active = 0;
    for (const b of voters) {
      const ranked = continuing.filter((o) => b.has(o));
      if (!ranked.length) continue;
      const best = Math.min(...ranked.map((o) => b.get(o)!));
      const atBest = ranked.filter((o) => b.get(o) === best);
      if (atBest.length !== 1) continue;
      tally[atBest[0]!]!++;
      active++;
    }
    rounds.push(tally);
    if (active === 0) return { winner: null, rounds };
    const leader = continuing.find((o) => tally[o]! * 2 > active);
    if (leader) return { winner: leader, rounds };
    if (continuing.length === 1) return { winner: continuing[0]!, rounds };
    const low = Math.min(...continuing.map((o) => tally[o]!));
    let tied = continuing.filter((o) => tally[o] === low);
    for (let r = rounds.length - 2; r >= 0 && tied.length > 1; r--) {
      const least = Math.min(...tied.map((o) => rounds[r]![o]!));
      tied = tied.filter((o) => rounds[r]![o] === least);
    }
    if (tied.length > 1) return null;
    continuing = continuing.filter((o) => o !== tied[0]);
  }
}
