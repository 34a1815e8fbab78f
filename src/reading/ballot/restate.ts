/**
 * A ballot restated in words, for the receipt: the member sees what was
 * counted, not what was typed. Pure.
 */
import type { BallotOption, MotionVote, Ranking } from './types.ts';

const MOTION_WORDS: Record<MotionVote, string> = {
  yes: 'yes: for the motion',
  no: 'no: against the motion',
  abstain: 'abstain: a ballot cast, neither for nor against',
};

export function restateMotionVote(vote: MotionVote): string {
  return `Your vote: ${MOTION_WORDS[vote]}.`;
}

/** "1. B (Montreal)", "2. A (Lisbon) and C (Nairobi), tied", then the options left out. */
export function restateRanking(ranking: Ranking, options: readonly BallotOption[]): string {
  const named = (letter: string) => {
    const text = options.find((o) => o.letter.toUpperCase() === letter.toUpperCase())?.text.trim();
    return text ? `${letter} (${text})` : letter;
  };
  const lines = ranking.map((tier, i) => {
    const names = tier.map(named);
    const joined = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}, tied` : names[0];
    return `  ${i + 1}. ${joined}`;
  });
  const ranked = new Set(ranking.flat().map((l) => l.toUpperCase()));
  const left = options.filter((o) => !ranked.has(o.letter.toUpperCase())).map((o) => named(o.letter));
  const out = ['Your ranking, best first:', ...lines];
  if (left.length > 0) out.push(`Not ranked, so tied below every option you ranked: ${left.join(', ')}.`);
  return out.join('\n');
}
