/**
 * A vote's ballot as one word on a tally sheet line: `yes`, `no`,
 * `abstain`, or a ranking `B>A=C` (best first, `=` for a tie). Option
 * letters hold no `>`, `=` or spaces, so the text reads back unambiguously.
 * A Schulze vote's "None of the above" is written `none` (a vote's letters
 * are capitals, so it is never one of them).
 */
import { CountInputError, type Ranking } from './ballot.ts';
import { DEFAULT_OPTION } from './schulze.ts';

const DEFAULT_WORD = 'none';
const word = (option: string) => (option === DEFAULT_OPTION ? DEFAULT_WORD : option);
const option = (word: string) => (word === DEFAULT_WORD ? DEFAULT_OPTION : word);

export function ballotText(ranking: Ranking): string {
  const tiers = ranking.filter((t) => t.length);
  if (tiers.length === 0) return 'abstain';
  return tiers.map((t) => t.map(word).join('=')).join('>');
}

export function parseBallotText(text: string): string[][] {
  if (text === 'abstain') return [];
  if (text === 'yes' || text === 'no') return [[text]];
  const tiers = text.split('>').map((t) => t.split('='));
  if (tiers.some((t) => t.some((o) => !/^[^\s>=]+$/.test(o)))) throw new CountInputError(`not a ballot: "${text}" (a sheet line's ballot is yes, no, abstain or a ranking such as B>A=C)`);
  return tiers.map((t) => t.map(option));
}
