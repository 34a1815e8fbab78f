import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { LANGUAGES } from '../../../src/shared/rules/language.ts';
import { LOCALE_DIR, readCatalogue } from '../../../src/shared/i18n/catalogue.ts';
import { PROJECT_ROOT } from '../../../src/shared/projectRoot.ts';

/**
 * The catalogues are complete: every key a template or the code asks for is
 * in English, every English key is in every language, no translation is
 * left in English, and each message names the same values as the English one.
 * A failure names the file and the key, so adding a key is: add it to
 * en/AREA.json, then to each language's AREA.json the message lists.
 */
const read = (lang: string): Record<string, string> => ({ ...readCatalogue(lang) });
const en = read('en');
const sameAsEnglish: Record<string, string[]> = JSON.parse(fs.readFileSync(path.join(LOCALE_DIR, 'same-as-english.json'), 'utf8'));

function filesUnder(dir: string, pattern: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** Keys written out in templates ({{t "key"}}, (t "key")) and in the code (translate(lang, 'key')). */
function usedKeys(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of filesUnder(path.join(PROJECT_ROOT, 'templates'), /\.hbs$/)) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/[{(]t "([\w.]+)"/g)) keys.set(m[1]!, path.relative(PROJECT_ROOT, file));
  }
  for (const file of filesUnder(path.join(PROJECT_ROOT, 'src'), /\.ts$/)) {
    const code = fs.readFileSync(file, 'utf8');
    for (const m of code.matchAll(/translate\([^,]+, '([\w.]+)'/g)) keys.set(m[1]!, path.relative(PROJECT_ROOT, file));
    // Words a pure part says as a phrase (src/shared/rules/phrase.ts): phrase('key', …), and a reader's unsureOf('key', …).
    for (const m of code.matchAll(/\b(?:phrase|unsureOf|reason)\('([\w.]+)'[,)]/g)) keys.set(m[1]!, path.relative(PROJECT_ROOT, file));
  }
  return keys;
}

function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const e of elements) {
      if (e.type !== TYPE.literal && e.type !== TYPE.pound && 'value' in e) names.add(String(e.value));
      if ('options' in e) for (const option of Object.values(e.options)) walk(option.value);
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return [...names].sort();
}

describe('the catalogues', () => {
  it('have a file for every language Tacit writes, and no other', () => {
    const files = fs.readdirSync(LOCALE_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && /^[a-z]{2}$/.test(e.name)).map((e) => e.name).sort();
    expect(files).toEqual([...LANGUAGES].sort());
  });

  it('hold in English every key the templates and the code ask for', () => {
    const missing = [...usedKeys()].filter(([key]) => !(key in en)).map(([key, file]) => `en/ lacks "${key}" (used in ${file})`);
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has every English key and no other', (lang) => {
    const catalogue = read(lang);
    const missing = Object.keys(en).filter((k) => !(k in catalogue)).map((k) => `${lang}/ lacks "${k}" (English: ${JSON.stringify(en[k])})`);
    const extra = Object.keys(catalogue).filter((k) => !(k in en)).map((k) => `${lang}/ has "${k}", which en/ has not`);
    expect([...missing, ...extra]).toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s leaves nothing in English (same-as-english.json lists the words that are the same)', (lang) => {
    const catalogue = read(lang);
    const allowed = new Set(sameAsEnglish[lang] ?? []);
    const untranslated = Object.keys(en).filter((k) => catalogue[k] === en[k] && !allowed.has(k)).map((k) => `${lang}/ "${k}" is still English: ${JSON.stringify(en[k])}`);
    expect(untranslated).toEqual([]);
  });

  it.each([...LANGUAGES])('%s: every message is valid ICU and names the values the English one names', (lang) => {
    const catalogue = read(lang);
    const wrong: string[] = [];
    for (const [key, message] of Object.entries(catalogue)) {
      try {
        const mine = argumentsOf(message).join(', ');
        const english = key in en ? argumentsOf(en[key]!).join(', ') : mine;
        if (mine !== english) wrong.push(`${lang}/ "${key}" names {${mine}}, English names {${english}}`);
      } catch (err) {
        wrong.push(`${lang}/ "${key}" is not valid ICU MessageFormat: ${(err as Error).message}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
