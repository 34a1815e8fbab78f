// The command grammar of request@D and LIST-request@D. Members write these
// from phones and webmail, so the reader is forgiving about case, blank
// lines, trailing punctuation and Re: prefixes, but strict about words: a
// line is a command or it is reported back as not understood, never guessed.
//
// Reading stops at "end", a signature ("-- "), a quoted block ("> ...",
// "On ... wrote:", an Outlook header block) or after MAX_UNKNOWN_LINES lines
// that were not understood: like Mailman, we do not answer a whole letter
// line by line; the member gets the first few lines back and the help text.

import { MAX_COMMAND_LINE_CHARS, trimEndOf } from './textBounds.ts';
import { SLUG_RE } from './addresses.ts';
import { countryCode } from './countries.ts';
import { canonicalTimeZone } from './timeZone.ts';
import { withoutReplyPrefixes } from './subjectPrefixes.ts';
import { normalizeLanguage, type Language } from './language.ts';

export type DeliveryMode = 'immediate' | 'digest' | 'nomail';

export type JoinDetails = {
  name?: string;
  /** ISO 3166-1 alpha-2, uppercase; absent when countryInput was unreadable. */
  country?: string;
  /** What the member wrote after "Country:". */
  countryInput?: string;
  city?: string;
};

export type Command =
  | { kind: 'help' }
  | { kind: 'lists' }
  | { kind: 'status' }
  | { kind: 'leave' }
  | { kind: 'join'; details: JoinDetails }
  | { kind: 'subscribe'; list: string; mode: 'immediate' | 'digest' }
  | { kind: 'unsubscribe'; list: string }
  | { kind: 'set'; list: string; mode: DeliveryMode }
  /** `set timezone ZONE`: zone is the canonical IANA name, or null when Node knows no such zone (input says what was written). */
  | { kind: 'set-timezone'; zone: string | null; input: string }
  /** `set language fr`: language is a code Tacit writes in, or null when it has no catalogue for what was written. */
  | { kind: 'set-language'; language: Language | null; input: string }
  | { kind: 'move'; country: string; city: string }
  | { kind: 'who'; list: string };

export type StopReason = 'eof' | 'end' | 'signature' | 'quote' | 'too-many-unknown';

export type ParsedCommands = {
  commands: Command[];
  /** Lines (trimmed, at most 200 chars) that were not understood. */
  unknown: string[];
  /** Why reading stopped. */
  stop: StopReason;
};

export type RequestMail = {
  subject?: string;
  body: string;
  /** The LIST of LIST-request@D: bare subscribe/unsubscribe/set/who apply to it. */
  defaultList?: string;
};

export const MAX_UNKNOWN_LINES = 3;
/** A command mail is short; a long letter is not read to the end. */
export const MAX_LINES = 50;

const MODES: ReadonlySet<string> = new Set(['immediate', 'digest', 'nomail']);


// "On <date>, <who> wrote:" in the languages of common clients; the verb
// may come before the name ("Am ... schrieb X <x@y>:"), so only the ending
// colon is anchored. Three separate tests: one pattern `.*verb.*:` backtracks
// quadratically on a long line.
const QUOTE_HEADER_START = /^(?:on|am|le|el|il|op|den|em|w dniu)\s/i;
const QUOTE_HEADER_VERB = /wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev|escreveu|napisał/i;
function isQuoteHeader(line: string): boolean {
  return QUOTE_HEADER_START.test(line) && line.trimEnd().endsWith(':') && QUOTE_HEADER_VERB.test(line);
}
// The closing dashes and spaces are one class: `\s*-*\s*$` backtracks quadratically on a long run.
const ORIGINAL_BANNER = /^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|messaggio originale|oorspronkelijk bericht|forwarded message)[\s-]*$/i;
const MOBILE_SIGNATURE =
  /^(?:sent from my |sent from mail for |get outlook for |von meinem .* gesendet|envoyé de mon |enviado desde mi |inviato da )/i;
const OUTLOOK_FROM = /^(?:from|von|de|da|van|från|od)\s*:\s+\S/i;
const OUTLOOK_NEXT = /^(?:sent|date|gesendet|datum|envoyé|enviado|inviato|verzonden|skickat|wysłano|to|an|à|para|a|aan|till|do)\s*:/i;
const DETAIL = /^(name|full name|country|city|town)\s*:\s*(.*)$/i;

export function parseRequestCommands(mail: RequestMail): ParsedCommands {
  const defaultList = mail.defaultList?.toLowerCase();
  const parsed: Array<Command | 'move-pending' | 'join'> = [];
  const unknown: string[] = [];
  const details: { name?: string; countryInput?: string; city?: string } = {};
  let stop: StopReason = 'eof';

  // The subject counts only when it is a command; otherwise it is just a
  // subject ("Hello") and is not reported.
  const subject = withoutReplyPrefixes(mail.subject ?? '').trim();
  if (subject && subject.length <= MAX_COMMAND_LINE_CHARS) {
    const c = parseLine(subject, defaultList);
    if (c && c !== 'end') parsed.push(c);
  }

  const lines = mail.body.replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n');
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^--\s*$/.test(raw)) { stop = 'signature'; break; }
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('>') || isQuoteHeader(line) || ORIGINAL_BANNER.test(line) || /^_{10,}$/.test(line)) {
      stop = 'quote';
      break;
    }
    if (OUTLOOK_FROM.test(line) && OUTLOOK_NEXT.test(nextNonBlank(lines, i) ?? '')) { stop = 'quote'; break; }
    if (MOBILE_SIGNATURE.test(line)) { stop = 'signature'; break; }
    if (++seen > MAX_LINES) { stop = 'too-many-unknown'; break; }
    if (line.length > MAX_COMMAND_LINE_CHARS) {
      unknown.push(line.slice(0, 200));
      if (unknown.length >= MAX_UNKNOWN_LINES) { stop = 'too-many-unknown'; break; }
      continue;
    }

    const d = DETAIL.exec(line);
    if (d) {
      const key = d[1]!.toLowerCase();
      const value = d[2]!.trim();
      const field = key === 'country' ? 'countryInput' : key === 'city' || key === 'town' ? 'city' : 'name';
      if (value && details[field] === undefined) details[field] = value;
      continue;
    }

    const c = parseLine(line, defaultList);
    if (c === 'end') { stop = 'end'; break; }
    if (c) { parsed.push(c); continue; }
    unknown.push(line.slice(0, 200));
    if (unknown.length >= MAX_UNKNOWN_LINES) { stop = 'too-many-unknown'; break; }
  }

  // Join and a bare move take their residence from the detail lines.
  const joinDetails: JoinDetails = {};
  if (details.name) joinDetails.name = details.name;
  if (details.countryInput) {
    joinDetails.countryInput = details.countryInput;
    const code = countryCode(details.countryInput);
    if (code) joinDetails.country = code;
  }
  if (details.city) joinDetails.city = details.city;

  const commands: Command[] = [];
  const keys = new Set<string>();
  for (const c of parsed) {
    let cmd: Command;
    if (c === 'join') cmd = { kind: 'join', details: joinDetails };
    else if (c === 'move-pending') {
      if (!joinDetails.country || !joinDetails.city) {
        unknown.push('move');
        continue;
      }
      cmd = { kind: 'move', country: joinDetails.country, city: joinDetails.city };
    } else cmd = c;
    // The same command in subject and body (or twice) runs once.
    const key = JSON.stringify(cmd);
    if (keys.has(key)) continue;
    keys.add(key);
    commands.push(cmd);
  }
  return { commands, unknown, stop };
}

function nextNonBlank(lines: string[], i: number): string | undefined {
  for (let j = i + 1; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t) return t;
  }
  return undefined;
}

/** One line as a command; 'end' for the terminator; null if not understood. */
function parseLine(line: string, defaultList: string | undefined): Command | 'end' | 'join' | 'move-pending' | null {
  const words = trimEndOf(line, '.!').trim().split(/\s+/);
  const verb = words[0]!.toLowerCase();
  const args = words.slice(1);
  switch (verb) {
    case 'end':
      return args.length === 0 ? 'end' : null;
    case 'help':
    case 'lists':
    case 'status':
    case 'leave':
      return args.length === 0 ? { kind: verb as 'help' | 'lists' | 'status' | 'leave' } : null;
    case 'join':
      return args.length === 0 ? 'join' : null;
    case 'subscribe': {
      const a = listAndMode(args, defaultList);
      if (!a || a.mode === 'nomail') return null;
      return { kind: 'subscribe', list: a.list, mode: a.mode ?? 'immediate' };
    }
    case 'unsubscribe': {
      const a = listAndMode(args, defaultList);
      return a && !a.mode ? { kind: 'unsubscribe', list: a.list } : null;
    }
    case 'who': {
      const a = listAndMode(args, defaultList);
      return a && !a.mode ? { kind: 'who', list: a.list } : null;
    }
    case 'set': {
      // "timezone" and "language" are reserved words here, never lists: `set timezone Europe/Lisbon`, `set language fr`.
      if (args[0]?.toLowerCase() === 'timezone') {
        return args.length === 2 ? { kind: 'set-timezone', zone: canonicalTimeZone(args[1]!), input: args[1]! } : null;
      }
      if (args[0]?.toLowerCase() === 'language') {
        return args.length === 2 ? { kind: 'set-language', language: normalizeLanguage(args[1]!), input: args[1]! } : null;
      }
      const a = listAndMode(args, defaultList);
      return a?.mode ? { kind: 'set', list: a.list, mode: a.mode } : null;
    }
    case 'move':
      return args.length === 0 ? 'move-pending' : parseMove(args);
    default:
      return null;
  }
}

/**
 * At most one list and one mode word, in either order ("set gb digest",
 * "set digest gb"); the list defaults to LIST of LIST-request@. Mode words
 * are never list names.
 */
function listAndMode(
  args: string[],
  defaultList: string | undefined,
): { list: string; mode?: DeliveryMode } | null {
  let list: string | undefined;
  let mode: DeliveryMode | undefined;
  for (const arg of args) {
    const a = arg.toLowerCase();
    if (MODES.has(a)) {
      if (mode) return null;
      mode = a as DeliveryMode;
      continue;
    }
    // "gb@example.org" is what people copy from the list's address.
    const slug = a.includes('@') ? a.slice(0, a.indexOf('@')) : a;
    if (list || !SLUG_RE.test(slug)) return null;
    list = slug;
  }
  list ??= defaultList;
  if (!list) return null;
  return mode ? { list, mode } : { list };
}

/** "move gb london", "move United Kingdom, Milton Keynes": longest country prefix wins. */
function parseMove(args: string[]): Command | null {
  const words = args.map((w) => w.replace(/,+$/, '')).filter(Boolean);
  for (let n = Math.min(4, words.length - 1); n >= 1; n--) {
    const country = countryCode(words.slice(0, n).join(' '));
    if (country) return { kind: 'move', country, city: words.slice(n).join(' ') };
  }
  return null;
}
