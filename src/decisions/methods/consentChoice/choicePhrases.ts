/**
 * A choice ballot read back as phrases (src/shared/rules/phrase.ts), for
 * receipts and status answers in the reader's language: the same lines and
 * sentence as words.ts, which stays the English the tests and the tally
 * sheet's readers know. Pure.
 */
import type { BallotPhrases, MethodOption } from '../../decisionMethod.ts';
import type { ChoiceStance } from '../../../reading/stance.ts';
import { phrase, type Phrase, type PhraseValue } from '../../../shared/rules/phrase.ts';
import { alsoFineOf, optionName } from './words.ts';

const listOf = (items: readonly PhraseValue[]) => ({ list: items, join: ', ' });

function describeChoice(stance: ChoiceStance, options: readonly MethodOption[]): PhraseValue[] {
  if (stance.unreadable) return [phrase('ballots.unreadable')];
  const name = optionName(options);
  const lines: PhraseValue[] = [stance.first ? phrase('ballots.choice.first', { option: name(stance.first) }) : phrase('ballots.choice.firstNone')];
  if (stance.ranking && stance.ranking.length > 1) lines.push(phrase('ballots.choice.ranking', { ranking: { list: stance.ranking, join: ' > ' } }));
  const alsoFine = alsoFineOf(stance);
  if (alsoFine.length > 0) lines.push(phrase('ballots.choice.alsoFine', { options: listOf(alsoFine.map(name)) }));
  if (stance.any) lines.push(phrase('ballots.choice.anyFine'));
  const rejected = new Set(stance.reject ?? []);
  if (rejected.size > 0) lines.push(phrase('ballots.choice.rejected', { letters: listOf([...rejected]) }));
  const accepted = options.map((o) => o.letter).filter((l) => !rejected.has(l));
  lines.push(accepted.length ? phrase('ballots.choice.countedAccepting', { letters: listOf(accepted) }) : phrase('ballots.choice.countedAcceptingNone'));
  return lines;
}

/** "first choice C (Nairobi), then B; also fine: D; not acceptable: A", as restateChoiceStance says it. */
function readChoice(s: ChoiceStance, options: readonly MethodOption[]): Phrase {
  if (s.unreadable) return phrase('ballots.readAs.unreadable');
  const name = optionName(options);
  // Each further part carries its own separator, so no language's words sit in code.
  const then = { list: (s.ranking && s.ranking.length > 1 ? s.ranking.slice(1) : []).map((l) => phrase('ballots.choice.then', { option: name(l) })), join: '' };
  const more: Phrase[] = [];
  const alsoFine = alsoFineOf(s);
  if (alsoFine.length > 0) more.push(phrase('ballots.choice.moreAlsoFine', { options: listOf(alsoFine.map(name)) }));
  if (s.reject && s.reject.length > 0) more.push(phrase('ballots.choice.moreNotAcceptable', { options: listOf(s.reject.map(name)) }));
  const values = { then, more: { list: more, join: '' } };
  if (s.first && s.any) return phrase('ballots.choice.readAs.anyWithFirst', { option: name(s.first), ...values });
  if (s.first) return phrase('ballots.choice.readAs.first', { option: name(s.first), ...values });
  if (s.any) return phrase('ballots.choice.readAs.any', values);
  return phrase('ballots.choice.readAs.noFirst', values);
}

export const choiceBallotPhrases: BallotPhrases = {
  describe: (stance, settings) => describeChoice(stance as ChoiceStance, settings.options),
  recorded: (stance, settings) => describeChoice(stance as ChoiceStance, settings.options),
  readAs: (stance, settings) => readChoice(stance as ChoiceStance, settings.options),
};
