import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import { LANGUAGES } from '../../../src/shared/rules/language.ts';
import { renderMail, TEMPLATE_DIR } from '../../../src/shared/templates/render.ts';
import { catalogue, takeMissingTranslations } from '../../../src/shared/i18n/catalogue.ts';
import { bilingual, samples } from '../../helpers/i18nSamples.ts';
import { noticeSamples } from '../../helpers/i18nNoticeSamples.ts';
import { proxySamples } from '../../helpers/i18nProxySamples.ts';
import { openBrowser, screenshot } from '../../helpers/browser.ts';

/**
 * Every translated mail in every language, with realistic data (a French
 * chapter's choice and proposal, a member in Europe/Paris): no key falls
 * back to English, no English sentence is left in the words, and each HTML
 * part fits a 390 px phone and a 1000 px window without sideways scrolling.
 */
const TRANSLATED = [...new Set(samples('en').map((s) => s.template))];

/** Every mail template, by name: templates/NAME.text.hbs and NAME.html.hbs (web/ pages are web-languages.test.ts's; the layout wraps every HTML part). */
const EVERY_TEMPLATE = [...new Set(fs.readdirSync(TEMPLATE_DIR).map((f) => /^(.+)\.(?:text|html)\.hbs$/.exec(f)?.[1]).filter((n): n is string => !!n && n !== 'layout'))].sort();

/** The proxy mails, which renderProxy.test.ts renders with its own checks, from these cases. */
const PROXY_TEMPLATES = proxySamples('en').map((s) => s.template);

/** The prose of a template once its expressions, comments and markup are taken out: what a translator could not reach. */
function literalWords(source: string): string[] {
  const text = source
    .replace(/^Subject:/, '')
    .replace(/\{\{!--[\s\S]*?--\}\}/g, '')
    .replace(/\{\{[\s\S]*?\}\}/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
  // What is not a word to translate: the signature separator, the arrows and rules of text mail, the command "tally", an address.
  return (text.match(/\p{L}{2,}/gu) ?? []).filter((w) => !['Subject', 'tally', 'consult'].includes(w));
}

function templateFiles(name: string): string[] {
  return [`${name}.text.hbs`, `${name}.html.hbs`].filter((f) => fs.existsSync(path.join(TEMPLATE_DIR, f)));
}

function partialsOf(source: string): string[] {
  return [...source.matchAll(/\{\{>\s*([\w-]+)/g)].map((m) => `partials/${m[1]}.hbs`);
}

describe('translated templates', () => {
  it('are every template: each has a render case here (samples) or in renderProxy.test.ts', () => {
    const covered = new Set([...TRANSLATED, ...PROXY_TEMPLATES]);
    expect(EVERY_TEMPLATE.length).toBeGreaterThan(30);
    expect(EVERY_TEMPLATE.filter((name) => !covered.has(name)), 'templates with no render case').toEqual([]);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('in %s give the reasons of a refusal in the language, none as in English', (lang) => {
    const english = noticeSamples('en');
    const own = noticeSamples(lang);
    const reasonsOf = (data: object) => {
      const d = data as { errors?: string[]; results?: { result: string }[]; lines?: string[] };
      return [...(d.errors ?? []), ...(d.results ?? []).map((r) => r.result), ...(d.lines ?? [])];
    };
    let compared = 0;
    own.forEach(({ template, data }, i) => {
      const mail = renderMail(template, data);
      for (const sentence of reasonsOf(english[i]!.data)) {
        compared += 1;
        expect(mail.text, `${template} (${lang})`).not.toContain(sentence);
      }
    });
    expect(compared).toBeGreaterThan(15);
  });
  it('write no words of their own: every sentence is a catalogue key', () => {
    const seen = new Set<string>();
    const queue = TRANSLATED.flatMap(templateFiles).concat('layout.html.hbs');
    const literal: string[] = [];
    while (queue.length) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = fs.readFileSync(path.join(TEMPLATE_DIR, file), 'utf8');
      queue.push(...partialsOf(source));
      const words = literalWords(source);
      if (words.length) literal.push(`templates/${file}: ${words.join(' ')}`);
    }
    expect(literal).toEqual([]);
  });

  describe.each([...LANGUAGES])('in %s', (lang) => {
    it('render every mail with every key in the language itself', () => {
      takeMissingTranslations();
      for (const { template, data } of samples(lang)) {
        const mail = renderMail(template, data);
        expect(mail.subject.length, template).toBeGreaterThan(0);
        expect(mail.text, template).not.toMatch(/\{\{|\}\}|undefined|\[object Object\]|NaN/);
      }
      expect(takeMissingTranslations(), `keys that fell back to English in ${lang}`).toEqual([]);
    });

  });

  it.each([
    ['fr', 'Où tenir l\'université d\'été ?', 'B. Bruxelles, à l\'auberge de jeunesse', 'Trois sections proposent'],
    ['nl', 'Waar houden we de zomerschool?', 'B. Brussel, in de jeugdherberg', 'Three chapters offered'],
    ['de', 'Where do we hold the summer school?', 'B. Brussels, at the youth hostel', 'Three chapters offered'],
  ])('give the bilingual copy, outcome and preview in %s with its version of the question', (lang, question, option, description) => {
    const mails = samples(lang as never).filter((s) => (s.data as { id?: string }).id === 'C-43').map((s) => ({ template: s.template, mail: renderMail(s.template, s.data) }));
    const copy = mails.find((m) => m.template === 'consultation-copy')!.mail;
    expect(copy.subject).toContain(question);
    expect(copy.text).toContain(option);
    expect(copy.text).toContain(description);
    expect(copy.html).toContain(question.replace(/'/g, '&#x27;'));
    expect(mails.find((m) => m.template === 'consultation-outcome')!.mail.subject).toContain(question);
    // The preview lists every version, whatever the coordinator's language.
    const preview = mails.find((m) => m.template === 'consultation-preview')!.mail.text;
    for (const q of [bilingual.question, 'Où tenir l\'université d\'été ?', 'Waar houden we de zomerschool?']) expect(preview).toContain(q);
    expect(preview).toContain('(fr)');
    expect(preview).toContain('(nl)');
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('in %s leave no English sentence of the catalogue in the mail', (lang) => {
    const english = catalogue('en');
    const own = catalogue(lang);
    // An English message of several words that the language translates must not appear in its mails.
    const sentences = Object.entries(english)
      .filter(([key, text]) => own[key] !== text && !/[{}]/.test(text) && text.split(' ').length >= 4)
      .map(([, text]) => text);
    for (const { template, data } of samples(lang)) {
      const mail = renderMail(template, data);
      for (const sentence of sentences) expect(`${mail.subject}\n${mail.text}`, `${template} (${lang})`).not.toContain(sentence);
    }
  });
});

describe('translated HTML parts in Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await openBrowser();
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each([...LANGUAGES])('%s: fit 390 px and 1000 px without sideways scrolling', async (lang) => {
    const overflows: string[] = [];
    let shot = false;
    for (const width of [390, 1000]) {
      await page.setViewport({ width, height: 800, deviceScaleFactor: 1 });
      for (const { template, data } of samples(lang)) {
        const html = renderMail(template, data).html;
        if (!html) continue;
        await page.setContent(html, { waitUntil: 'load' });
        const { scrollWidth, viewport } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, viewport: window.innerWidth }));
        if (scrollWidth > viewport) overflows.push(`${template} at ${width} px: ${scrollWidth} px wide`);
        if (!shot && width === 390 && template === 'consultation-outcome') {
          await screenshot(page, `i18n-outcome-${lang}-390`);
          shot = true;
        }
      }
    }
    expect(overflows).toEqual([]);
  }, 120_000);
});
