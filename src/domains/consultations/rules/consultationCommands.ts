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

/** A command mail names a few consultations; more lines than this are not read. */
const MAX_COMMAND_LINES = 50;

export type ConsultationCommand =
  | { name: 'status'; id: string | null }
  | { name: 'results'; id: string }
  | { name: 'extend'; id: string; when: string }
  | { name: 'close'; id: string }
  | { name: 'cancel'; id: string }
  | { name: 'tally'; id: string };

export interface NotUnderstood {
  line: string;
  reason: string;
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

const USAGE: Record<(typeof VERBS)[number], string> = {
  status: 'status [C-ID]',
  results: 'results C-ID',
  extend: 'extend C-ID <new deadline>',
  close: 'close C-ID',
  cancel: 'cancel C-ID',
  tally: 'tally C-ID',
};

function parseLine(line: string): ConsultationCommand | NotUnderstood {
  const cleaned = trimEndOf(line.trim(), '.!;').replace(/\s+/g, ' ');
  const m = /^(\S+) ?(.*)$/.exec(cleaned);
  if (!m) return { line, reason: `"${line.trim()}" is not a command; the commands are: ${VERBS.map((v) => USAGE[v]).join(', ')}.` };
  const verb = trimEndOf(m[1]!.toLowerCase(), ':,');
  const rest = m[2]!.trim();
  if (!(VERBS as readonly string[]).includes(verb)) {
    return { line, reason: `"${m[1]}" is not a command; the commands are: ${VERBS.map((v) => USAGE[v]).join(', ')}.` };
  }
  const v = verb as (typeof VERBS)[number];
  if (v === 'status' && rest === '') return { name: 'status', id: null };
  const { id, raw, after } = takeId(rest);
  if (rest === '') return { line, reason: `${v} needs a consultation id: ${USAGE[v]}, e.g. "${v} C-12".` };
  if (!id) return { line, reason: `"${raw}" is not a consultation id; ids look like C-12.` };
  if (v === 'extend') {
    if (!after) return { line, reason: `extend needs the new deadline: ${USAGE.extend}, e.g. "extend ${id} Friday 18:00 UTC".` };
    return { name: 'extend', id, when: after };
  }
  if (after) return { line, reason: `unexpected "${after}" after ${v} ${id}; write just "${v} ${id}".` };
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
      out.notUnderstood.push({ line: line.slice(0, 80), reason: `a line longer than ${MAX_COMMAND_LINE_CHARS} characters is not a command.` });
      continue;
    }
    if (out.commands.length + out.notUnderstood.length >= MAX_COMMAND_LINES) {
      out.notUnderstood.push({ line: line.slice(0, 80), reason: `only the first ${MAX_COMMAND_LINES} command lines are read; this one and the rest were not.` });
      break;
    }
    const r = parseLine(line);
    if ('name' in r) out.commands.push(r);
    else out.notUnderstood.push(r);
  }
  return out;
}
