import fs from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../rules/language.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';

/**
 * The words of every mail and page, one catalogue per language
 * (templates/locales/CODE/*.json, one file per area — mail, commands, web… —
 * merged into one flat object, key → ICU MessageFormat message, plurals with
 * the language's own rules; a key in two files of a language is an error).
 * Translations are data: adding a language is adding its folder and its code
 * to LANGUAGES.
 * A key missing from a language falls back to English and is remembered,
 * so the completeness test (test/unit/i18nCatalogues.test.ts) can say
 * which key is missing where.
 */
export const LOCALE_DIR = path.join(PROJECT_ROOT, 'templates', 'locales');

type Catalogue = Readonly<Record<string, string>>;

const catalogues = new Map<string, Catalogue>();
const compiled = new Map<string, IntlMessageFormat>();
const missing = new Set<string>();

export function catalogue(language: string): Catalogue {
  let found = catalogues.get(language);
  if (!found) {
    found = readCatalogue(language);
    catalogues.set(language, found);
  }
  return found;
}

/** Every area file of `language`'s folder, merged; a key defined twice throws, naming both files. */
export function readCatalogue(language: string): Catalogue {
  const dir = path.join(LOCALE_DIR, language);
  if (!fs.existsSync(dir)) return {};
  const merged: Record<string, string> = {};
  const origin = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const area = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>;
    for (const [key, text] of Object.entries(area)) {
      if (origin.has(key)) throw new Error(`locales/${language}: "${key}" is in both ${origin.get(key)} and ${file}`);
      origin.set(key, file);
      merged[key] = text;
    }
  }
  return merged;
}

/** The message `key` in `language` (English where that language lacks it), formatted with `values`. */
export function translate(language: string | null | undefined, key: string, values: Record<string, unknown> = {}): string {
  const wanted = (LANGUAGES as readonly string[]).includes(language ?? '') ? (language as Language) : DEFAULT_LANGUAGE;
  let lang: string = wanted;
  let text = catalogue(wanted)[key];
  if (text === undefined) {
    missing.add(`${wanted}:${key}`);
    lang = DEFAULT_LANGUAGE;
    text = catalogue(DEFAULT_LANGUAGE)[key];
    if (text === undefined) return key;
  }
  const id = `${lang}:${key}`;
  let message = compiled.get(id);
  if (!message) {
    // ignoreTag: a "<" in a message is text, never an ICU tag.
    message = new IntlMessageFormat(text, lang, undefined, { ignoreTag: true });
    compiled.set(id, message);
  }
  return String(message.format(values as Record<string, string | number>));
}

/** Whether `language`'s catalogue has `key` (a view may fall back to a method's own English words otherwise). */
export function hasMessage(language: string, key: string): boolean {
  return catalogue(language)[key] !== undefined;
}

/** The "language:key" pairs that fell back to English since the last call (for the completeness test). */
export function takeMissingTranslations(): string[] {
  const list = [...missing].sort();
  missing.clear();
  return list;
}
