import type { ConsultationOption } from './consultation.ts';
import type { ChoiceStance } from './rules/stance.ts';
import type { ProposalStance } from './rules/tally.ts';

/**
 * A stance in plain words, for receipts and status answers: what exactly was
 * recorded, and what it means for the count (a replier accepts every option
 * they did not reject).
 */
export function describeChoiceStance(stance: ChoiceStance, options: ConsultationOption[]): string[] {
  if (stance.unreadable) return ['nothing Tacit could read as an answer (kept as a comment)'];
  const name = (letter: string) => {
    const text = options.find((o) => o.letter === letter)?.text;
    return text ? `${letter} (${text})` : letter;
  };
  const lines: string[] = [];
  if (stance.first) lines.push(`first preference: ${name(stance.first)}`);
  else lines.push('first preference: none');
  if (stance.ranking && stance.ranking.length > 1) lines.push(`ranking: ${stance.ranking.join(' > ')}`);
  if (stance.any) lines.push('any option is fine with you');
  const rejected = new Set(stance.reject ?? []);
  if (rejected.size > 0) lines.push(`rejected: ${[...rejected].join(', ')}`);
  const accepted = options.map((o) => o.letter).filter((l) => !rejected.has(l));
  lines.push(`counted as accepting: ${accepted.length ? accepted.join(', ') : 'none of the options'}`);
  return lines;
}

export function describeProposalStance(stance: ProposalStance): string[] {
  switch (stance.stance) {
    case 'agree':
      return ['agree'];
    case 'abstain':
      return ['abstain'];
    case 'object':
      return [stance.reason ? `object, because: ${stance.reason}` : 'object (no reason given)'];
    default:
      return ['nothing Tacit could read as an answer (kept as a comment)'];
  }
}

export function describeStance(kind: 'choice' | 'proposal', stance: unknown, options: ConsultationOption[]): string[] {
  return kind === 'choice'
    ? describeChoiceStance(stance as ChoiceStance, options)
    : describeProposalStance(stance as ProposalStance);
}

/** One line, for status answers. */
export function stanceSummary(kind: 'choice' | 'proposal', stance: unknown, options: ConsultationOption[]): string {
  return describeStance(kind, stance, options).join('; ');
}
