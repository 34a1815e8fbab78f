/**
 * Ties between options in a round-by-round count (which to exclude, whose
 * surplus first): the most recent earlier round in which the tied options
 * differed decides; when they never differed, a lot drawn from a seed (the
 * SHA-256 of the tally sheet), so that anyone recounting draws the same lot.
 * Every tie broken is reported.
 */
import { createHash } from 'node:crypto';

export interface TieBreak {
  /** 1-based round (stage) at which the tie was broken. */
  round: number;
  tied: string[];
  chosen: string;
  by: 'earlier-round' | 'lot';
}

/**
 * Picks one of `tied`: the lowest (`want: 'lowest'`, to exclude) or the
 * highest (`'highest'`, whose surplus goes first). `history` holds each
 * earlier round's votes, oldest first.
 */
export function breakTie(
  tied: readonly string[],
  history: readonly ReadonlyMap<string, number>[],
  want: 'lowest' | 'highest',
  lotSeed: string,
  round: number,
): TieBreak {
  let remaining = [...tied];
  for (let r = history.length - 1; r >= 0 && remaining.length > 1; r--) {
    const votes = history[r]!;
    const values = remaining.map((o) => votes.get(o) ?? 0);
    const pick = want === 'lowest' ? Math.min(...values) : Math.max(...values);
    const narrowed = remaining.filter((_, i) => values[i] === pick);
    if (narrowed.length < remaining.length) remaining = narrowed;
  }
  if (remaining.length === 1) return { round, tied: [...tied], chosen: remaining[0]!, by: 'earlier-round' };
  return { round, tied: [...tied], chosen: drawLot(remaining, lotSeed, round), by: 'lot' };
}

/** The option whose SHA-256 of seed, round and name is smallest: reproducible from the seed alone. */
export function drawLot(options: readonly string[], lotSeed: string, round: number): string {
  const ticket = (o: string) => createHash('sha256').update(`${lotSeed}\n${round}\n${o}`).digest('hex');
  return [...options].sort((a, b) => (ticket(a) < ticket(b) ? -1 : ticket(a) > ticket(b) ? 1 : 0))[0]!;
}

/** The ties of one count: breaks them against its rounds so far and keeps the report. */
export class Ties {
  readonly broken: TieBreak[] = [];

  constructor(
    private readonly history: readonly ReadonlyMap<string, number>[],
    private readonly lotSeed: string,
  ) {}

  /** One of the options with the fewest (or most) votes now. */
  pick(options: readonly string[], votes: ReadonlyMap<string, number>, want: 'lowest' | 'highest'): string {
    const values = options.map((o) => votes.get(o)!);
    const target = want === 'lowest' ? Math.min(...values) : Math.max(...values);
    const tied = options.filter((_, i) => values[i] === target);
    if (tied.length === 1) return tied[0]!;
    const tie = breakTie(tied, this.history, want, this.lotSeed, this.history.length + 1);
    this.broken.push(tie);
    return tie.chosen;
  }

  /** The options, most votes first (the order in which options reaching the quota are elected). */
  mostFirst(options: readonly string[], votes: ReadonlyMap<string, number>): string[] {
    const left = [...options];
    const order: string[] = [];
    while (left.length) {
      const next = this.pick(left, votes, 'highest');
      order.push(next);
      left.splice(left.indexOf(next), 1);
    }
    return order;
  }
}
