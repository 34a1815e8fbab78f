/**
 * Words a pure part (a decision method, a reader refusing what was written)
 * says without knowing the reader's language: a catalogue key and its
 * values. The caller, which knows the reader, says it through the catalogue
 * (src/shared/i18n/phrase.ts). A value may be a phrase itself ("None of the
 * above"), a moment (written in UTC in the reader's language), or a list:
 * joined with `join` as written ("B = A"), or without it as the language
 * joins a list ("A, B and C"). Pure.
 */
export interface Phrase {
  key: string;
  values?: Readonly<Record<string, PhraseValue>>;
}

export interface PhraseList {
  list: readonly PhraseValue[];
  /** A separator that is no word ("; ", " > "); absent: the language's "and". */
  join?: string;
}

export type PhraseValue = string | number | Date | Phrase | PhraseList;

export const phrase = (key: string, values?: Record<string, PhraseValue>): Phrase => (values ? { key, values } : { key });

export const isPhrase = (v: unknown): v is Phrase => typeof v === 'object' && v !== null && typeof (v as Phrase).key === 'string';
