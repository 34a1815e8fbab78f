import type { BallotOption, RankingReading } from './types.ts';

/**
 * A ranked ballot over `options`, written with letters: `B > A = C`. Every
 * letter once at most; options left out are tied below all that are ranked
 * (the count's rule, not the reader's).
 */
export function readRanking(text: string, options: readonly BallotOption[]): RankingReading {
  const letters = new Set(options.map((o) => o.letter.toUpperCase()));
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  const tiers = line.split('>').map((tier) => tier.split('=').map((l) => l.trim().toUpperCase()));
  const seen = new Set<string>();
  for (const tier of tiers) {
    for (const letter of tier) {
      if (!letters.has(letter) || seen.has(letter)) return { doubt: `Rank the options by their letters, best first, for example: ${[...letters].slice(0, 3).join(' > ')}` };
      seen.add(letter);
    }
  }
  return { ranking: tiers };
}
