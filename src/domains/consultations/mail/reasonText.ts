import { translatePhrase } from '../../../shared/i18n/phrase.ts';
import type { Refusal } from '../rules/reason.ts';

/** A refusal in `lang`'s words: a Reason through the catalogue, a string as written. */
export function reasonText(lang: string, refusal: Refusal): string {
  return typeof refusal === 'string' ? refusal : translatePhrase(lang, refusal);
}
