/**
 * Reading deadlines, reminders and extensions written by people in mail.
 * Pure: the caller passes `now`; nothing here reads the clock.
 *
 *   parseWhen(text: string, now: Date): Date | WhenError
 *   parseReminder(text: string, deadline: Date, now: Date): Date | null | WhenError
 *   parseExtension(text: string, deadline: Date, now: Date): Date | WhenError
 *   isWhenError(x): x is WhenError
 *
 * Rules (decided here; the README says what users may write):
 * - No zone given → UTC. Deadlines are stored in UTC and an international
 *   committee has no better default than the zone everyone can convert from.
 * - IANA names ("Europe/London") and the usual abbreviations are accepted.
 *   Season-specific abbreviations are read as the region's local time
 *   (CET/CEST → Europe/Paris, BST → Europe/London, EST/EDT → America/New_York
 *   …), as chrono does for CET, because people write "CET" all year round.
 *   "UTC+2", "GMT-05:00" and ISO offsets are fixed offsets.
 * - A local time that does not exist (the hour skipped when clocks go
 *   forward) moves forward by the gap; a local time that happens twice (clocks
 *   go back) is the first one — the "compatible" choice of Temporal.
 * - A date without a time ("2026-12-03", "Friday", "tomorrow") means 23:59 of
 *   that day: a deadline "Friday" is expected to include Friday.
 * - Durations ("in 7 days", "in 36 hours") are exact elapsed time from now.
 * - Numeric dates such as 03/12/2026 are refused when day and month could be
 *   swapped; the error asks for 2026-12-03. Unambiguous ones (25/12/2026) pass.
 * - Leftover words that are not part of a date (e.g. a city name) are an error
 *   rather than silently ignored, so "Friday 18:00 London" cannot become UTC.
 */
// Only the English parser: loading every locale costs a quarter of a second on each CLI start.
import * as chrono from 'chrono-node/en';
import { reason, type Reason } from './reason.ts';

/** Why a time was not understood, for the caller to write in the reader's language (keys when.*). */
export interface WhenError {
  error: Reason;
}

export function isWhenError(x: unknown): x is WhenError {
  return typeof x === 'object' && x !== null && !(x instanceof Date) && typeof (x as WhenError).error === 'object';
}

const refused = (key: string, values?: Parameters<typeof reason>[1]): WhenError => ({ error: reason(key, values) });

type Zone = { kind: 'iana'; name: string } | { kind: 'fixed'; minutes: number };

const UTC: Zone = { kind: 'fixed', minutes: 0 };

// Abbreviations read as a region's wall clock (see header).
const ABBREVIATIONS: Record<string, string> = {
  UTC: 'UTC', GMT: 'UTC', UT: 'UTC',
  CET: 'Europe/Paris', CEST: 'Europe/Paris', MEZ: 'Europe/Paris', MESZ: 'Europe/Paris',
  WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon',
  EET: 'Europe/Athens', EEST: 'Europe/Athens',
  BST: 'Europe/London',
  ET: 'America/New_York', EST: 'America/New_York', EDT: 'America/New_York',
  CT: 'America/Chicago', CST: 'America/Chicago', CDT: 'America/Chicago',
  MT: 'America/Denver', MST: 'America/Denver', MDT: 'America/Denver',
  PT: 'America/Los_Angeles', PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles',
};

/** The forms the reader reads, in English words since the date reader reads English ("Friday", "in 7 days"). */
const EXAMPLES = reason('when.examples');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------- zones

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric',
      });
    } catch {
      return null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Offset of `zone` from UTC at `instant`, in minutes (east positive). */
export function zoneOffsetMinutes(instantMs: number, zone: string): number {
  const f = formatterFor(zone);
  if (!f) throw new RangeError(`unknown time zone ${zone}`);
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const flooredInstant = Math.floor(instantMs / 1000) * 1000;
  return Math.round((asUtc - flooredInstant) / MINUTE);
}

function offsetAt(instantMs: number, zone: Zone): number {
  return zone.kind === 'fixed' ? zone.minutes : zoneOffsetMinutes(instantMs, zone.name);
}

/** Wall-clock time (encoded as if it were UTC) → real instant, DST-correct. */
function wallToInstant(wallMs: number, zone: Zone): number {
  if (zone.kind === 'fixed') return wallMs - zone.minutes * MINUTE;
  const before = offsetAt(wallMs - DAY, zone);
  const after = offsetAt(wallMs + DAY, zone);
  const candidates = [...new Set([before, after])]
    .map((o) => wallMs - o * MINUTE)
    .filter((t) => offsetAt(t, zone) * MINUTE === wallMs - t)
    .sort((a, b) => a - b);
  // Overlap (clocks go back): the first occurrence. Gap: shift forward.
  return candidates.length > 0 ? candidates[0]! : wallMs - before * MINUTE;
}

function instantToWall(instantMs: number, zone: Zone): number {
  return instantMs + offsetAt(instantMs, zone) * MINUTE;
}

function isIanaZone(name: string): boolean {
  return formatterFor(name) !== null;
}

// ---------------------------------------------------------------- month names

// The English names chrono reads, not words for people: a refusal names a month by its number (when.month).
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];


// ---------------------------------------------------------------- parsing

/** What the person wrote, on one line: the messages put it in their language's quotes. */
function quote(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Pulls the zone out of the text; returns the rest, or an error. */
function extractZone(text: string): { rest: string; zone: Zone | null } | WhenError {
  let rest = text;
  const zones: Zone[] = [];

  // IANA names contain a slash: Europe/London, America/Argentina/Buenos_Aires.
  rest = rest.replace(/\b([A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)\b/g, (m) => {
    zones.push({ kind: 'iana', name: m });
    return ' ';
  });
  for (const z of zones) {
    if (z.kind === 'iana' && !isIanaZone(z.name)) {
      return refused('when.unknownZone', { zone: quote(z.name) });
    }
  }

  // UTC+2, GMT-05:00, UTC+0530
  rest = rest.replace(/\b(?:UTC|GMT)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?(?![\d:])/gi, (_m, sign: string, h: string, mm?: string) => {
    const minutes = (Number(h) * 60 + Number(mm ?? 0)) * (sign === '-' ? -1 : 1);
    zones.push({ kind: 'fixed', minutes });
    return ' ';
  });

  // Abbreviations (whole words, any case for the unambiguous UTC/GMT, upper case otherwise).
  rest = rest.replace(/\b([A-Za-z]{2,4})\b/g, (m) => {
    const upper = m.toUpperCase();
    const known = ABBREVIATIONS[upper];
    if (!known) return m;
    if (m !== upper && upper !== 'UTC' && upper !== 'GMT') return m; // "et", "mt"… are words
    zones.push(known === 'UTC' ? UTC : { kind: 'iana', name: known });
    return ' ';
  });

  if (zones.length > 1) {
    const same = zones.every((z) => JSON.stringify(z) === JSON.stringify(zones[0]));
    if (!same) return refused('when.twoZones', { text: quote(text) });
  }
  return { rest: rest.replace(/\s+/g, ' ').trim(), zone: zones[0] ?? null };
}

/** Rewrites numeric d/m/y dates, refusing those where day and month could swap. */
function rewriteNumericDates(text: string): string | WhenError {
  let err: WhenError | null = null;
  const out = text.replace(/\b(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?\b(?![.:]\d)/g, (m, a: string, b: string, y?: string) => {
    const x = Number(a);
    const z = Number(b);
    // "18.00" is a time, not a date: only rewrite when a year is present or a slash is used.
    if (!y && !m.includes('/')) return m;
    let day: number;
    let month: number;
    if (x > 12 && z <= 12) { day = x; month = z; }
    else if (z > 12 && x <= 12) { day = z; month = x; }
    else if (x === z && x <= 12) { day = x; month = x; }
    else if (x <= 12 && z <= 12) {
      err = refused('when.dayOrMonth', { text: quote(m), a: String(x), monthB: reason('when.month', { month: String(z) }), b: String(z), monthA: reason('when.month', { month: String(x) }) });
      return m;
    } else {
      err = refused('when.notADate', { text: quote(m), examples: EXAMPLES });
      return m;
    }
    const year = y ? (y.length === 2 ? 2000 + Number(y) : Number(y)) : null;
    return `${MONTH_NAMES[month - 1]} ${day}${year !== null ? ` ${year}` : ''}`;
  });
  return err ?? out;
}

// Words that may surround a date without changing it.
const NOISE = new Set(['at', 'on', 'by', 'the', 'until', 'till', 'til', 'before', 'please', 'deadline',
  'of', 'time', 'latest', 'around', 'h']);

function leftoverWords(text: string, parsed: string): string[] {
  const rest = text.replace(parsed, ' ');
  return (rest.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !NOISE.has(w.toLowerCase()));
}

/**
 * Reads a point in time. Returns a Date in the future, or `{ error }`: the
 * reason, for the caller to mail back in the words of the person who wrote it.
 */
export function parseWhen(text: string, now: Date): Date | WhenError {
  const original = text.replace(/\s+/g, ' ').trim();
  if (!original) return refused('when.none', { examples: EXAMPLES });

  const z = extractZone(original);
  if (isWhenError(z)) return z;
  const rewritten = rewriteNumericDates(z.rest);
  if (isWhenError(rewritten)) return rewritten;
  const zone = z.zone ?? UTC;

  const wallNow = instantToWall(now.getTime(), zone);
  const results = chrono.parse(rewritten, { instant: new Date(wallNow), timezone: 0 }, { forwardDate: true });
  if (results.length === 0) return refused('when.unreadable', { text: quote(original), examples: EXAMPLES });
  if (results.length > 1) return refused('when.twoDates', { text: quote(original), examples: EXAMPLES });
  const r = results[0]!;
  const extra = leftoverWords(rewritten, r.text);
  if (extra.length > 0) {
    return refused('when.leftover', { words: quote(extra.join(' ')), text: quote(original), examples: EXAMPLES });
  }

  const tags = r.tags();
  const pureDuration = tags.has('result/relativeDate') && ![...tags].some((t) => t.startsWith('parser/') || t.startsWith('casualReference/'));
  let instant: number;
  if (pureDuration) {
    // "in 7 days": exact elapsed time, whatever the zone.
    instant = now.getTime() + (r.start.date().getTime() - wallNow);
  } else if (r.start.isCertain('timezoneOffset')) {
    if (z.zone) return refused('when.twoZones', { text: quote(original) });
    instant = r.start.date().getTime();
  } else {
    const wall = new Date(r.start.date().getTime());
    if (!r.start.isCertain('hour')) wall.setUTCHours(23, 59, 0, 0);
    else wall.setUTCSeconds(wall.getUTCSeconds(), 0);
    instant = wallToInstant(wall.getTime(), zone);
  }

  const when = new Date(instant);
  if (Number.isNaN(when.getTime())) return refused('when.unreadable', { text: quote(original), examples: EXAMPLES });
  if (when.getTime() <= now.getTime()) return refused('when.past', { text: quote(original), when, now });
  return when;
}

const UNIT_MS: Record<string, number> = {
  m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  d: DAY, day: DAY, days: DAY,
  w: 7 * DAY, wk: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY,
};

const WORD_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

/** "2 days", "36h", "a week", "week" → milliseconds; null when it is not a duration. */
function readDuration(text: string): number | null {
  const m = /^(?:(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven)\s*)?([a-z]+)$/i.exec(text.trim());
  if (!m) return null;
  const n = m[1] === undefined ? 1 : WORD_NUMBERS[m[1].toLowerCase()] ?? Number(m[1]);
  const unit = UNIT_MS[m[2]!.toLowerCase()];
  if (!unit || !Number.isFinite(n) || n <= 0) return null;
  return n * unit;
}

/**
 * A reminder: "24 hours before", "2 days before", "the day before", "none",
 * or an absolute time. `null` means no reminder. It must fall after now and
 * before the deadline.
 */
export function parseReminder(text: string, deadline: Date, now: Date): Date | null | WhenError {
  const t = text.replace(/\s+/g, ' ').trim();
  if (/^(none|no|off|never|no reminder|-)\.?$/i.test(t)) return null;
  let when: Date | WhenError;
  const rel = /^(.+?)\s+(?:before|earlier|prior)(?:\s+(?:the\s+)?(?:deadline|close|closing|end))?\.?$/i.exec(t);
  if (/^the day before\.?$/i.test(t)) {
    when = new Date(deadline.getTime() - DAY);
  } else if (rel && readDuration(rel[1]!) !== null) {
    when = new Date(deadline.getTime() - readDuration(rel[1]!)!);
    if (when.getTime() <= now.getTime()) {
      return refused('when.reminderPast', { text: t, when });
    }
  } else {
    when = parseWhen(t, now);
    if (isWhenError(when)) return refused('when.reminderField', { error: when.error });
  }
  if (when.getTime() >= deadline.getTime()) {
    return refused('when.reminderAfterDeadline', { when, deadline });
  }
  return when;
}

/**
 * A new deadline for `extend`: a duration added to the current deadline
 * ("2 days", "+2 days", "by 2 days", "2 more days") or any form parseWhen
 * reads. It must be later than the current deadline.
 */
export function parseExtension(text: string, deadline: Date, now: Date): Date | WhenError {
  const t = text.replace(/\s+/g, ' ').trim();
  // "2 days" / "+2 days" / "by 2 days" / "another 2 days" / "2 more days" extend the
  // current deadline; "in 2 days" is counted from now by parseWhen.
  const dur = readDuration(t.replace(/^(?:by|\+|another)\s*/i, '').replace(/\s+more\b/i, ''));
  let when: Date | WhenError;
  if (dur !== null) {
    when = new Date(deadline.getTime() + dur);
  } else {
    when = parseWhen(t, now);
    if (isWhenError(when)) return when;
  }
  if (when.getTime() <= deadline.getTime()) {
    return refused('when.extensionNotLater', { when, deadline });
  }
  if (when.getTime() <= now.getTime()) {
    return refused('when.extensionPast', { when, now });
  }
  return when;
}
