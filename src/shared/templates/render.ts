import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatUtcValue } from '../rules/formatUtc.ts';
import { oneLine } from '../rules/sender.ts';
import { PROJECT_ROOT } from '../projectRoot.ts';

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

const hbs = Handlebars.create();
const cache = new Map<string, HandlebarsTemplateDelegate | null>();

// Templates get dates from the database as Date, or as ISO strings from queued data.
hbs.registerHelper('utc', formatUtcValue);
hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
hbs.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
hbs.registerHelper('percent', (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : 0));

let partialsLoaded = false;
function loadPartials() {
  if (partialsLoaded) return;
  const dir = path.join(TEMPLATE_DIR, 'partials');
  if (fs.existsSync(dir)) {
    for (const file of fs.readdirSync(dir)) {
      const match = /^(.+)\.hbs$/.exec(file);
      if (match) hbs.registerPartial(match[1], fs.readFileSync(path.join(dir, file), 'utf8'));
    }
  }
  partialsLoaded = true;
}

function compiled(file: string, noEscape: boolean): HandlebarsTemplateDelegate | null {
  const key = `${file}:${noEscape}`;
  if (!cache.has(key)) {
    const full = path.join(TEMPLATE_DIR, file);
    cache.set(key, fs.existsSync(full) ? hbs.compile(fs.readFileSync(full, 'utf8'), { noEscape, strict: false }) : null);
  }
  return cache.get(key)!;
}

export function renderMail(name: string, data: object): RenderedMail {
  loadPartials();
  const text = compiledText(name);
  if (!text) throw new Error(`no template templates/${name}.text.hbs`);
  // The Subject line is rendered on its own and flattened, so no value in it
  // (a decoded inbound subject with a newline) can spill into the body.
  const subject = oneLine(text.subject(data));
  const htmlBody = compiled(`${name}.html.hbs`, false);
  const layout = compiled('layout.html.hbs', false);
  const html = htmlBody ? (layout ? layout({ ...data, subject, body: new hbs.SafeString(htmlBody(data)) }) : htmlBody(data)) : undefined;
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
      textCache.set(name, { subject: hbs.compile(match[1]!, options), body: hbs.compile(match[2]!, options) });
    }
  }
  return textCache.get(name)!;
}
