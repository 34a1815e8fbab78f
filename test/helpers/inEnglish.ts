import { reasonText } from '../../src/domains/consultations/mail/reasonText.ts';
import { isReason } from '../../src/domains/consultations/rules/reason.ts';

/**
 * A pure reader's result with every reason it gives (a catalogue key and its
 * values) written out in English, as an English-speaking member reads it:
 * the tests of the readers compare the words they always compared.
 */
export function inEnglish(value: unknown): any {
  if (isReason(value)) return reasonText('en', value);
  if (Array.isArray(value)) return value.map(inEnglish);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inEnglish(v)]));
  }
  return value;
}
