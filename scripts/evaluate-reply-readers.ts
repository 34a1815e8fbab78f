/**
 * Scores reply readers on the reply-trimmer corpus (../shared/corpus/reply-trimmer):
 * a case counts when the reader's output equals trimmed/<case>.txt after
 * collapsing runs of white space.
 *
 *   node --import tsx scripts/evaluate-reply-readers.ts [--verbose]
 *
 * planer and email-reply-parser are the npm candidates we evaluated; planer's
 * HTML mode needs a DOM, given here by jsdom. They are loaded lazily so that
 * this script keeps working (and reports them as missing) once they are
 * removed from the dependencies.
 */
import { createRequire } from 'node:module';
import { newTextOfBody } from '../src/reading/replyText.ts';
import { REPLY_CORPUS_DIR, collapseWhitespace, loadReplyCorpus, type CorpusCase } from '../test/helpers/replyCorpus.ts';

const verbose = process.argv.includes('--verbose');

type Reader = (email: string) => string;

function score(name: string, read: Reader, cases: CorpusCase[]): void {
  const failed: string[] = [];
  for (const { name: caseName, email, expected } of cases) {
    let actual: string;
    try {
      actual = read(email);
    } catch (error) {
      actual = `<threw ${(error as Error).message}>`;
    }
    if (collapseWhitespace(actual) !== collapseWhitespace(expected)) failed.push(caseName);
  }
  console.log(`${name.padEnd(40)} ${cases.length - failed.length}/${cases.length}`);
  if (verbose && failed.length > 0) console.log(`  failed: ${failed.join(', ')}`);
}

// --- the npm candidates (CommonJS / untyped, hence require) ----------------

const require = createRequire(import.meta.url);

function optional<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}

interface Planer {
  extractFrom(body: string, contentType: string, dom?: unknown): string;
}
interface EmailReplyParserClass {
  new (): { parseReply(text: string): string; read(text: string): { getVisibleText(): string } };
}

const planer = optional(() => require('planer') as Planer);
const jsdom = optional(() => require('jsdom') as { JSDOM: new (html?: string) => { window: { document: unknown } } });
const EmailReplyParser = optional(
  () => (require('email-reply-parser') as { default?: EmailReplyParserClass }).default ?? (require('email-reply-parser') as EmailReplyParserClass),
);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlResultToText(html: string): string {
  const document = new jsdom!.JSDOM(html).window.document as { body: { textContent: string | null } };
  return document.body.textContent ?? '';
}

const cases = loadReplyCorpus();
console.log(`reply-trimmer corpus: ${cases.length} cases (${REPLY_CORPUS_DIR})\n`);

if (planer) {
  score('planer (text/plain)', (email) => planer.extractFrom(email, 'text/plain'), cases);
  if (jsdom) {
    // The same bodies as HTML (one <div> per line), read by planer's DOM mode.
    const document = new jsdom.JSDOM('').window.document;
    const asHtml = (email: string) =>
      email.replace(/\r\n?/g, '\n').split('\n').map((line) => `<div>${escapeHtml(line) || '<br>'}</div>\n`).join('');
    score('planer (text/html via jsdom)', (email) => htmlResultToText(planer.extractFrom(asHtml(email), 'text/html', document)), cases);
  } else {
    console.log('planer (text/html via jsdom)             not available (jsdom not installed)');
  }
} else {
  console.log('planer                                   not installed or not loadable');
}

if (EmailReplyParser) {
  score('email-reply-parser (parseReply)', (email) => new EmailReplyParser().parseReply(email), cases);
  score('email-reply-parser (getVisibleText)', (email) => new EmailReplyParser().read(email).getVisibleText(), cases);
} else {
  console.log('email-reply-parser                       not installed or not loadable');
}

score('ours (src/reading/replyText.ts)', newTextOfBody, cases);
