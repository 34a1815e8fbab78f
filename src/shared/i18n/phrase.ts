import type { Phrase, PhraseValue } from '../rules/phrase.ts';
import { isPhrase } from '../rules/phrase.ts';
import { translate } from './catalogue.ts';
import { formatUtcIn } from '../rules/formatUtc.ts';

/**
 * A phrase (src/shared/rules/phrase.ts) in `lang`, through the catalogue.
 * Numbers go in as written ("1500", never "1,500"): a count's figures are
 * the sheet's, and an ICU plural reads them all the same.
 */
export function translatePhrase(lang: string, p: Phrase): string {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.values ?? {})) values[name] = translateValue(lang, value);
  return translate(lang, p.key, values);
}

/** A phrase's value in `lang`: a phrase said, a moment in UTC, a list joined, text and numbers as they are. */
export function translateValue(lang: string, v: PhraseValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return formatUtcIn(v, lang);
  if (isPhrase(v)) return translatePhrase(lang, v);
  const items = v.list.map((item) => translateValue(lang, item));
  if (v.join !== undefined) return items.join(v.join);
  return listIn(lang, items);
}

/** "A, B and C": English without the serial comma, as Tacit always wrote it; other languages as Intl says. */
function listIn(lang: string, items: string[]): string {
  if (lang === 'en') return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
  return new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);
}
