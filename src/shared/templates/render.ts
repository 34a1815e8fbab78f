import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatUtcValue } from '../rules/formatUtc.ts';
import { oneLine } from '../rules/sender.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';
import { translate } from '../i18n/catalogue.ts';

export const TEMPLATE_DIR = path.join(PROJECT_ROOT, 'templates');

/**
 * Every mail Tacit writes is a template in templates/: NAME.text.hbs starts
 * with a `Subject:` line, a blank line, then the text body; NAME.html.hbs,
 * when present, is the HTML body, set inside layout.html.hbs.
 */
export interface RenderedMail {
  subject: string;
  text: string;
  html?: string;
}

const cache = new Map<string, HandlebarsTemplateDelegate | null>();

/** The language a template is rendered in: its data's `lang` (a member's, set by the composer), else English. */
const languageOf = (options: Handlebars.HelperOptions) => (options.data?.root as { lang?: string } | undefined)?.lang ?? 'en';

/**
 * Two environments: text parts (nothing escaped) and HTML parts (values
 * escaped). Each has its own partials compiled its own way, since a partial
 * compiled once is otherwise reused with the escaping of whichever part used
 * it first (a text mail showed "&quot;" for a quote a partial wrote).
 */
function environment(noEscape: boolean) {
  const env = Handlebars.create();
  // Templates get dates from the database as Date, or as ISO strings from queued data.
  env.registerHelper('utc', (value: unknown, options: Handlebars.HelperOptions) => formatUtcValue(value, languageOf(options)));
  // {{t "key" name=value}}: the catalogue's message for key in the mail's language (src/shared/i18n/catalogue.ts).
  env.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => translate(languageOf(options), key, options.hash));
  // (both deadline deadlineLocal): a UTC time with the member's own clock beside it, as partials/deadline.hbs writes them.
  env.registerHelper('both', (utc: unknown, local: unknown) => (local ? `${String(utc)} (${String(local)})` : String(utc ?? '')));
  env.registerHelper('or', (a: unknown, b: unknown) => a || b);
  env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  env.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  env.registerHelper('percent', (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0));
  const dir = path.join(TEMPLATE_DIR, 'partials');
  if (fs.existsSync(dir)) {
    for (const file of fs.readdirSync(dir)) {
      const match = /^(.+)\.hbs$/.exec(file);
      if (match) env.registerPartial(match[1]!, env.compile(fs.readFileSync(path.join(dir, file), 'utf8'), { noEscape, strict: false }));
    }
  }
  return env;
}

let environments: { text: typeof Handlebars; html: typeof Handlebars } | null = null;
const env = (noEscape: boolean) => {
  environments ??= { text: environment(true), html: environment(false) };
  return noEscape ? environments.text : environments.html;
};

function compiled(file: string, noEscape: boolean): HandlebarsTemplateDelegate | null {
  const key = `${file}:${noEscape}`;
  if (!cache.has(key)) {
    const full = path.join(TEMPLATE_DIR, file);
    cache.set(key, fs.existsSync(full) ? env(noEscape).compile(fs.readFileSync(full, 'utf8'), { noEscape, strict: false }) : null);
  }
  return cache.get(key)!;
}

export function renderMail(name: string, data: object): RenderedMail {
  const text = compiledText(name);
  if (!text) throw new Error(`no template templates/${name}.text.hbs`);
  // The Subject line is rendered on its own and flattened, so no value in it
  // (a decoded inbound subject with a newline) can spill into the body.
  const subject = oneLine(text.subject(data));
  const htmlBody = compiled(`${name}.html.hbs`, false);
  const layout = compiled('layout.html.hbs', false);
  const html = htmlBody ? (layout ? layout({ ...data, subject, body: new Handlebars.SafeString(htmlBody(data)) }) : htmlBody(data)) : undefined;
  return { subject, text: text.body(data).replace(/\n{3,}/g, '\n\n'), html };
}

const textCache = new Map<string, { subject: HandlebarsTemplateDelegate; body: HandlebarsTemplateDelegate } | null>();

function compiledText(name: string) {
  if (!textCache.has(name)) {
    const full = path.join(TEMPLATE_DIR, `${name}.text.hbs`);
    if (!fs.existsSync(full)) {
      textCache.set(name, null);
    } else {
      const match = /^Subject: *(.*)\r?\n\r?\n?([\s\S]*)$/.exec(fs.readFileSync(full, 'utf8'));
      if (!match) throw new Error(`templates/${name}.text.hbs must start with a "Subject:" line`);
      const options = { noEscape: true, strict: false };
      textCache.set(name, { subject: env(true).compile(match[1]!, options), body: env(true).compile(match[2]!, options) });
    }
  }
  return textCache.get(name)!;
}
