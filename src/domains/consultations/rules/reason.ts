/**
 * Why a reader refused what a person wrote, as words still to be written: a
 * phrase (src/shared/rules/phrase.ts) whose keys are in
 * templates/locales/CODE/notices.json, its moments written in UTC and its
 * inner reasons ("Deadline: {error}") said first. Pure rules return these
 * and never read a catalogue; the code that answers puts them into the
 * reader's language (mail/reasonText.ts). A decision method's refusals are
 * phrases too (keys in refusals.json). A plain string is words already
 * written, said as they are.
 */
import { isPhrase, phrase, type Phrase } from '../../../shared/rules/phrase.ts';

export type Reason = Phrase;

/** What an opening or a command line may be refused with: a Reason (a decision method's too), or words already written. */
export type Refusal = Reason | string;

export const reason = phrase;
export const isReason = isPhrase;
