/**
 * The two readings compared: the grammar's (choiceGrammar.ts,
 * proposalGrammar.ts) and the mention-and-polarity scorer's (mentions.ts).
 * A reply counts only when they do not contradict each other; a
 * contradiction is doubt, explained to the member in the how-to-answer mail.
 */
import { optionPolarities, proposalWords } from './mentions.ts';
import type { ChoiceOption, ChoiceStance, ProposalStanceValue } from './types.ts';

/** Where the doubt of a disagreement starts (`npm run eval` counts these). */
export const READS_TWO_WAYS = 'the reply reads two ways';

/** Why the scorer contradicts the grammar's choice stance, or undefined. */
export function choiceDisagreement(text: string, options: readonly ChoiceOption[], stance: ChoiceStance): string | undefined {
  if (stance.unreadable) return undefined;
  const wanted = new Set([...(stance.first ? [stance.first] : []), ...(stance.ranking ?? []), ...(stance.accept ?? [])]);
  const refused = new Set(stance.reject ?? []);
  for (const [letter, polarities] of optionPolarities(text, options)) {
    if (wanted.has(letter) && polarities.every((p) => p === 'against')) {
      return `${READS_TWO_WAYS}: option ${letter} as chosen, but every mention of it refuses it; which options do you choose, and which do you refuse?`;
    }
    if (refused.has(letter) && polarities.every((p) => p === 'for')) {
      return `${READS_TWO_WAYS}: option ${letter} as refused, but no word refuses it; which options do you choose, and which do you refuse?`;
    }
  }
  return undefined;
}

/** Why the scorer contradicts the grammar's proposal stance, or undefined. */
export function proposalDisagreement(text: string, stance: ProposalStanceValue): string | undefined {
  const words = proposalWords(text);
  if (stance === 'agree' && words.has('object') && !words.has('agree')) {
    return `${READS_TWO_WAYS}: as agreement, but its only stance words object; do you agree, object or abstain?`;
  }
  if (stance === 'object' && words.has('agree') && !words.has('object')) {
    return `${READS_TWO_WAYS}: as an objection, but its only stance words agree; do you agree, object or abstain?`;
  }
  return undefined;
}
