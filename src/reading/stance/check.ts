/**
 * The two readings compared: the grammar's (choiceGrammar.ts,
 * proposalGrammar.ts) and the mention-and-polarity scorer's (mentions.ts).
 * A reply counts only when they do not contradict each other; a
 * contradiction is doubt, explained to the member in the how-to-answer mail.
 */
import { optionPolarities, proposalWords } from './mentions.ts';
import type { ChoiceOption, ChoiceStance, ProposalStanceValue } from './types.ts';
import { phrase, type Phrase } from '../../shared/rules/phrase.ts';

/** Where the key of a disagreement's doubt starts (`npm run eval` counts these). */
export const READS_TWO_WAYS = 'doubt.twoWays.';

/** Why the scorer contradicts the grammar's choice stance, or undefined. */
export function choiceDisagreement(text: string, options: readonly ChoiceOption[], stance: ChoiceStance): Phrase | undefined {
  if (stance.unreadable) return undefined;
  const wanted = new Set([...(stance.first ? [stance.first] : []), ...(stance.ranking ?? []), ...(stance.accept ?? [])]);
  const refused = new Set(stance.reject ?? []);
  for (const [letter, polarities] of optionPolarities(text, options)) {
    if (wanted.has(letter) && polarities.every((p) => p === 'against')) {
      return phrase(`${READS_TWO_WAYS}chosenRefused`, { letter });
    }
    if (refused.has(letter) && polarities.every((p) => p === 'for')) {
      return phrase(`${READS_TWO_WAYS}refusedChosen`, { letter });
    }
  }
  return undefined;
}

/** Why the scorer contradicts the grammar's proposal stance, or undefined. */
export function proposalDisagreement(text: string, stance: ProposalStanceValue): Phrase | undefined {
  const words = proposalWords(text);
  if (stance === 'agree' && words.has('object') && !words.has('agree')) {
    return phrase(`${READS_TWO_WAYS}agreeObjects.proposal`);
  }
  if (stance === 'object' && words.has('agree') && !words.has('object')) {
    return phrase(`${READS_TWO_WAYS}objectAgrees.proposal`);
  }
  return undefined;
}
