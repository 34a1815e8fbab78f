/**
 * The question in more than one language (issue 23, item 4). Pure.
 *
 * An opening may give the question, the description and the option titles
 * again per language (`Question[fr]:`, `Description[fr]:`, `Options[fr]:`).
 * The consultation keeps its default version in `question`, `description`
 * and `options` (the lines without a language, else the first language
 * given) and the others in `versions` (sql/260). Each member reads the
 * version of their language, field by field, else the default; the letters
 * are the same in every version, and the reader takes an option's title in
 * any of them.
 */
import { normalizeLanguage, type Language } from '../../../shared/rules/language.ts';
import { reason, type Reason } from './reason.ts';

export interface VersionOption {
  letter: string;
  text: string;
}

/** What one language gives; a field it leaves out is read in the default version. */
export interface QuestionVersion {
  question?: string;
  description?: string;
  options?: VersionOption[];
}

/** By language code (one Tacit writes). */
export type QuestionVersions = Partial<Record<Language, QuestionVersion>>;

/** The language of a `[xx]` key ("fr", "FR", "pt-BR" is pt), or null when Tacit writes no such language. */
export function versionLanguage(code: string): Language | null {
  return normalizeLanguage(code);
}

/** The languages a consultation has a version in. */
export function versionLanguages(versions: QuestionVersions | null | undefined): Language[] {
  return Object.keys(versions ?? {}) as Language[];
}

interface Versioned {
  question: string;
  description: string;
  options: VersionOption[];
  versions?: QuestionVersions | null;
}

/**
 * The consultation as a reader of `lang` sees it: the question, description
 * and option titles of their version where it gives them, else the default.
 * The options keep the default's letters and order. The versions are left
 * out of what it returns: the choice is made once (a view built from it in
 * another language keeps it).
 */
export function inLanguage<C extends Versioned>(c: C, lang: Language): C {
  if (!c.versions || versionLanguages(c.versions).length === 0) return c;
  const v = c.versions[lang] ?? {};
  const titled = v.options ? new Map(v.options.map((o) => [o.letter, o.text])) : null;
  return {
    ...c,
    versions: {},
    question: v.question ?? c.question,
    description: v.description ?? c.description,
    options: titled ? c.options.map((o) => ({ ...o, text: titled.get(o.letter) ?? o.text })) : c.options,
  };
}

/** The options with every other title they have in some version (`titles`), so the reader takes any of them. */
export function optionsWithAllTitles<O extends VersionOption>(options: readonly O[], versions: QuestionVersions | null | undefined): Array<O & { titles?: string[] }> {
  const langs = versionLanguages(versions);
  if (langs.length === 0) return [...options];
  return options.map((o) => {
    const titles = [...new Set(langs.map((l) => versions![l]?.options?.find((x) => x.letter === o.letter)?.text).filter((t): t is string => !!t && t !== o.text))];
    return titles.length > 0 ? { ...o, titles } : o;
  });
}

/**
 * Why a language's options do not fit the default ones, or null: the same
 * count and the same letters, so a letter means one option in every version.
 */
export function optionsMismatch(lang: string, own: readonly VersionOption[], defaults: readonly VersionOption[]): Reason | null {
  const letters = (os: readonly VersionOption[]) => os.map((o) => o.letter).join(', ');
  const listed = (os: readonly VersionOption[]) => letters(os) || reason('opening.noLetters');
  if (own.length !== defaults.length) {
    return reason('opening.versionCount', { lang, n: own.length, own: listed(own), count: defaults.length, letters: listed(defaults) });
  }
  const wanted = new Set(defaults.map((o) => o.letter));
  if (own.some((o) => !wanted.has(o.letter)) || new Set(own.map((o) => o.letter)).size !== own.length) {
    return reason('opening.versionLetters', { lang, own: letters(own), letters: letters(defaults) });
  }
  return null;
}
