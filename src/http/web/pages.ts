import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { TEMPLATE_DIR } from '../../shared/templates/render.ts';
import { formatUtcValue } from '../../shared/rules/formatUtc.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

/**
 * Server-rendered pages of the web record: templates/web/NAME.hbs inside
 * templates/web/layout.hbs, partials from templates/web/partials/. Escaping is
 * on (unlike mail text): everything from a message is untrusted.
 */
const WEB_DIR = path.join(TEMPLATE_DIR, 'web');
const hbs = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate>();
let ready = false;

function setup(): void {
  if (ready) return;
  const languageOf = (options: Handlebars.HelperOptions) => (options.data?.root as { lang?: string } | undefined)?.lang ?? 'en';
  hbs.registerHelper('utc', (value: unknown, options: Handlebars.HelperOptions) => formatUtcValue(value, languageOf(options)));
  // {{t "key" name=value}}: the page's words in its language (templates/locales/CODE/web.json). The catalogue's
  // text is ours and goes in as it is; every value is escaped, but for markup a helper below made (a link, a code).
  hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
    new hbs.SafeString(translate(languageOf(options), key, escapedValues(options.hash as Record<string, unknown>))));
  // A sentence's link, code or count, made here so a translation can place it anywhere in its words.
  hbs.registerHelper('asLink', (href: unknown, text: unknown) => new hbs.SafeString(`<a href="${escape(href)}">${escape(text)}</a>`));
  hbs.registerHelper('asCode', (text: unknown) => new hbs.SafeString(`<code>${escape(text)}</code>`));
  hbs.registerHelper('asCount', (n: unknown) => new hbs.SafeString(`<span class="count">${escape(n)}</span>`));
  hbs.registerHelper('concat', (...parts: unknown[]) => parts.slice(0, -1).map(String).join(''));
  // For an ICU select: {chapters, select, yes {…} other {…}}.
  hbs.registerHelper('yesNo', (value: unknown) => (value ? 'yes' : 'no'));
  hbs.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const partials = path.join(WEB_DIR, 'partials');
  for (const file of fs.readdirSync(partials)) {
    const match = /^(.+)\.hbs$/.exec(file);
    if (match) hbs.registerPartial(match[1]!, fs.readFileSync(path.join(partials, file), 'utf8'));
  }
  ready = true;
}

/** Handlebars' escaping, but for what a helper already made safe. */
function escape(value: unknown): string {
  return value instanceof hbs.SafeString ? value.toString() : hbs.escapeExpression(String(value ?? ''));
}

/** A message's values, escaped: numbers stay numbers (ICU plurals count them). */
function escapedValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? v : escape(v)]));
}

function template(name: string): HandlebarsTemplateDelegate {
  let t = cache.get(name);
  if (!t) {
    t = hbs.compile(fs.readFileSync(path.join(WEB_DIR, `${name}.hbs`), 'utf8'), { strict: false });
    cache.set(name, t);
  }
  return t;
}

export interface PageFrame {
  title: string;
  /** Prefix of every link (the path of PUBLIC_URL, '' at the root). */
  base: string;
  viewer: { name: string; email: string } | null;
  domain: string;
  /** The page's language (pageLanguage.ts) and the switcher's links. */
  lang: string;
  languages: { code: string; name: string; href: string; current: boolean }[];
}

export function renderPage(name: string, frame: PageFrame, data: object): string {
  setup();
  const body = template(name)({ ...data, base: frame.base, viewer: frame.viewer, domain: frame.domain, lang: frame.lang });
  return template('layout')({ ...frame, body: new hbs.SafeString(body) });
}
