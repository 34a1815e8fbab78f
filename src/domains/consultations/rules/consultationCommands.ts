/**
 * Consultation commands mailed by coordinators and members. Pure.
 *
 *   parseCommands(body: string): CommandParse
 *   parseConsultationId(text: string): string | null     "c12" → "C-12"
 *
 * One command per line:
 *   status [C-ID]          open consultations (all of mine, or one)
 *   results C-ID           the outcome or the running tally
 *   extend C-ID <when>     a new deadline (parseExtension reads <when>)
 *   close C-ID             close now
 *   cancel C-ID            cancel without an outcome
 *   tally C-ID             the tally sheet of a closed consultation (an attachment)
 *
 * Decisions made here (the README lists the commands):
 * - Reading stops at a line "end" (as in Mailman) or a signature line "-- ";
 *   blank lines and quoted lines ("> …") are skipped.
 * - Ids: "C-12", "c-12", "C12", "c 12", "#12", "#C-12", "C-012" all mean
 *   C-12. A bare number ("close 12") is refused: the prefix keeps a stray
 *   number in a sentence from naming a consultation.
 * - Command words are case-insensitive; trailing punctuation on a line is
 *   ignored ("close C-12.").
 * - Nothing is checked against the database here (existence, permissions):
 *   that is the handler's job.
 */

import { MAX_COMMAND_LINE_CHARS, trimEndOf } from '../../../shared/rules/textBounds.ts';
import { reason, type Reason } from './reason.ts';

/** A command mail names a few consultations; more lines than this are not read. */
const MAX_COMMAND_LINES = 50;

export type ConsultationCommand =
  | { name: 'status'; id: string | null }
  | { name: 'results'; id: string }
  | { name: 'extend'; id: string; when: string }
  | { name: 'close'; id: string }
  | { name: 'cancel'; id: string }
  | { name: 'tally'; id: string };

/** A line that is no command, and why (for the caller to write in the reader's language). */
export interface NotUnderstood {
  line: string;
  reason: Reason;
}

export interface CommandParse {
  commands: ConsultationCommand[];
  notUnderstood: NotUnderstood[];
}

// Whitespace is collapsed before this is tried: optional parts between unbounded runs would backtrack quadratically.
const ID = /^#?(?:c ?-? ?)?(\d{1,9})$/i;

/** Normalises a consultation id, or null when the text is not one. */
export function parseConsultationId(text: string): string | null {
  const t = trimEndOf(text.trim(), '.,;:!?').replace(/\s+/g, ' ');
  const m = ID.exec(t);
  if (!m) return null;
  if (!/^#|^c/i.test(t)) return null; // bare numbers are refused
  return `C-${Number(m[1])}`;
}

/** Splits "C-12 in 3 days" into an id and the rest; accepts "C 12" and "# 12". */
function takeId(rest: string): { id: string | null; raw: string; after: string } {
  const m = /^(#? ?c? ?-? ?\d+|#?c-?\d+|\S+)(.*)$/i.exec(rest.trim().replace(/\s+/g, ' '));
  if (!m) return { id: null, raw: '', after: '' };
  return { id: parseConsultationId(m[1]!.replace(/\s+/g, '')), raw: m[1]!.trim(), after: m[2]!.trim() };
}

const VERBS = ['status', 'results', 'extend', 'close', 'cancel', 'tally'] as const;

// Command words stay English (the parser reads them); extend's placeholder is words, in the catalogue.
const USAGE: Record<Exclude<(typeof VERBS)[number], 'extend'>, string> = {
  status: 'status [C-ID]',
  results: 'results C-ID',
  close: 'close C-ID',
  cancel: 'cancel C-ID',
  tally: 'tally C-ID',
};

/** A command's usage: the English command words and a placeholder in the reader's words (cmdline.newDeadline). */
const usage = (v: (typeof VERBS)[number]): string | Reason => (v === 'extend' ? reason('cmdline.extendUsage') : USAGE[v]);
const COMMANDS = reason('cmdline.commands');

function parseLine(line: string): ConsultationCommand | NotUnderstood {
  const cleaned = trimEndOf(line.trim(), '.!;').replace(/\s+/g, ' ');
  const m = /^(\S+) ?(.*)$/.exec(cleaned);
  if (!m) return { line, reason: reason('cmdline.notACommand', { word: line.trim(), commands: COMMANDS }) };
  const verb = trimEndOf(m[1]!.toLowerCase(), ':,');
  const rest = m[2]!.trim();
  if (!(VERBS as readonly string[]).includes(verb)) {
    return { line, reason: reason('cmdline.notACommand', { word: m[1]!, commands: COMMANDS }) };
  }
  const v = verb as (typeof VERBS)[number];
  if (v === 'status' && rest === '') return { name: 'status', id: null };
  const { id, raw, after } = takeId(rest);
  if (rest === '') return { line, reason: reason('cmdline.needsId', { command: v, usage: usage(v) }) };
  if (!id) return { line, reason: reason('cmdline.notAnId', { text: raw }) };
  if (v === 'extend') {
    if (!after) return { line, reason: reason('cmdline.needsDeadline', { usage: usage('extend'), id }) };
    return { name: 'extend', id, when: after };
  }
  if (after) return { line, reason: reason('cmdline.unexpected', { text: after, command: v, id }) };
  return { name: v, id };
}

/** Reads every command line of a mail body, stopping at "end" or a signature. */
export function parseCommands(body: string): CommandParse {
  const out: CommandParse = { commands: [], notUnderstood: [] };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    if (raw === '-- ' || raw.trim() === '--') break;
    const line = raw.trim();
    if (/^end\.?$/i.test(line)) break;
    if (line === '' || line.startsWith('>')) continue;
    if (line.length > MAX_COMMAND_LINE_CHARS) {
      out.notUnderstood.push({ line: line.slice(0, 80), reason: reason('cmdline.tooLong', { max: String(MAX_COMMAND_LINE_CHARS) }) });
      continue;
    }
    if (out.commands.length + out.notUnderstood.length >= MAX_COMMAND_LINES) {
      out.notUnderstood.push({ line: line.slice(0, 80), reason: reason('cmdline.tooMany', { max: String(MAX_COMMAND_LINES) }) });
      break;
    }
    const r = parseLine(line);
    if ('name' in r) out.commands.push(r);
    else out.notUnderstood.push(r);
  }
  return out;
}
