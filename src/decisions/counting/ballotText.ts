/**
 * A vote's ballot as one word on a tally sheet line: `yes`, `no`,
 * `abstain`, or a ranking `B>A=C` (best first, `=` for a tie). Option
 * letters hold no `>`, `=` or spaces, so the text reads back unambiguously.
 */
import { CountInputError, type Ranking } from './ballot.ts';

export function ballotText(ranking: Ranking): string {
  const tiers = ranking.filter((t) => t.length);
  if (tiers.length === 0) return 'abstain';
  return tiers.map((t) => t.join('=')).join('>');
}

export function parseBallotText(text: string): string[][] {
  if (text === 'abstain') return [];
  if (text === 'yes' || text === 'no') return [[text]];
  const tiers = text.split('>').map((t) => t.split('='));
  if (tiers.some((t) => t.some((o) => !/^[^\s>=]+$/.test(o)))) throw new CountInputError(`not a ballot: "${text}" (a sheet line's ballot is yes, no, abstain or a ranking such as B>A=C)`);
  return tiers;
}
