/**
 * A choice ballot in plain words, for receipts and status answers: what
 * exactly was recorded, and what it means for the count (a replier accepts
 * every option they did not reject). Pure.
 */
import type { MethodOption } from '../../decisionMethod.ts';
import type { ChoiceStance } from '../../../reading/stance.ts';

export function describeChoiceStance(stance: ChoiceStance, options: readonly MethodOption[]): string[] {
  if (stance.unreadable) return ['nothing Tacit could read as an answer (kept as a comment)'];
  const name = optionName(options);
  const lines: string[] = [];
  if (stance.first) lines.push(`first preference: ${name(stance.first)}`);
  else lines.push('first preference: none');
  if (stance.ranking && stance.ranking.length > 1) lines.push(`ranking: ${stance.ranking.join(' > ')}`);
  const alsoFine = alsoFineOf(stance);
  if (alsoFine.length > 0) lines.push(`also fine: ${alsoFine.map(name).join(', ')}`);
  if (stance.any) lines.push('any option is fine with you');
  const rejected = new Set(stance.reject ?? []);
  if (rejected.size > 0) lines.push(`rejected: ${[...rejected].join(', ')}`);
  const accepted = options.map((o) => o.letter).filter((l) => !rejected.has(l));
  lines.push(`counted as accepting: ${accepted.length ? accepted.join(', ') : 'none of the options'}`);
  return lines;
}

/**
 * The reading in one sentence of plain words, for the receipt: "first choice
 * C (Nairobi), then B, A; also fine: D; not acceptable: A". A member who
 * reads it can tell at once whether Tacit understood, and correct it.
 */
export function restateChoiceStance(s: ChoiceStance, options: readonly MethodOption[]): string {
  if (s.unreadable) return 'nothing Tacit could read as an answer';
  const name = optionName(options);
  const parts: string[] = [];
  if (s.first && s.any) parts.push(`every option is fine, with a preference for ${name(s.first)}`);
  else if (s.first) parts.push(`first choice ${name(s.first)}`);
  else if (s.any) parts.push('every option is fine with you, no preference');
  else parts.push('no single first choice');
  if (s.ranking && s.ranking.length > 1) parts[0] += `, then ${s.ranking.slice(1).map(name).join(', then ')}`;
  const alsoFine = alsoFineOf(s);
  if (alsoFine.length > 0) parts.push(`also fine: ${alsoFine.map(name).join(', ')}`);
  if (s.reject && s.reject.length > 0) parts.push(`not acceptable: ${s.reject.map(name).join(', ')}`);
  return parts.join('; ');
}

/** An option as a receipt names it: "C (Nairobi)". */
export function optionName(options: readonly MethodOption[]) {
  return (letter: string) => {
    const text = options.find((o) => o.letter === letter)?.text;
    return text ? `${letter} (${text})` : letter;
  };
}

/** Options said to be fine besides the first choice and the ranking. */
export function alsoFineOf(stance: ChoiceStance): string[] {
  const placed = new Set([...(stance.first ? [stance.first] : []), ...(stance.ranking ?? [])]);
  return (stance.accept ?? []).filter((l) => !placed.has(l));
}
