/**
 * A formal vote's settings (issue 21): what its opening's key lines say, as
 * stored (in the method's settings slot, consultations.block_threshold,
 * jsonb), and the count they make (counting/methods.ts's CountSpec), so the
 * close, the tally sheet's head and `tacit count` read one set of settings.
 * Pure.
 *
 * - `Count:` majority | two-thirds | N/D | double-majority (a motion), schulze | irv | stv (ranked).
 * - `Branch quorum:` N: a double majority's places count with at least N ballots.
 * - `Base:` cast (default) | electorate: motions only.
 * - `Default:` on (default) | off: Schulze only; on adds "None of the above"
 *   as a last lettered option members may rank.
 * - `Seats:` N (stv, needed), `Rules:` scottish (default) | wigm | meek (stv).
 * - `Quorum:` 20% | 150 | none (default): every vote, applied outside the method.
 */
import type { CountSpec, MethodName, StvRules } from '../../counting/methods.ts';
import { DEFAULT_OPTION } from '../../counting/schulze.ts';
import { MOTION_OPTIONS, parseFraction, thresholdName, type Threshold } from '../../counting/motion.ts';
import { parseQuorum, quorumText } from '../../counting/quorum.ts';
import type { MethodOption, OpeningHeader, OpeningHeaders } from '../../decisionMethod.ts';

export type RankedCount = 'schulze' | 'irv' | 'stv';

export interface VoteSettings {
  /** The method as `tacit count` names it: majority, two-thirds, N/D, schulze, irv or stv. */
  count: string;
  /** Motions. */
  base?: 'cast' | 'electorate';
  /** Schulze: the letter of the "None of the above" option (the last), or null when off. */
  defaultLetter?: string | null;
  seats?: number;
  rules?: StvRules;
  /** As written on the sheet ("20%", "150"), or null. */
  quorum: string | null;
  /** A double majority's `Branch quorum:` (ballots a place needs to count), or null. */
  branchQuorum?: number | null;
}

export const RANKED_COUNTS: readonly RankedCount[] = ['schulze', 'irv', 'stv'];
const RULES: readonly StvRules[] = ['scottish', 'wigm', 'meek'];

export const isRankedCount = (count: string): count is RankedCount => (RANKED_COUNTS as readonly string[]).includes(count);

/** A motion's `Count:` value in its one name (majority, two-thirds, N/D), or null. */
export function motionCount(value: string): string | null {
  const v = value.trim().toLowerCase().replace(/\s+/g, ' ');
  if (v === 'majority' || v === 'simple majority') return 'majority';
  if (v === 'two-thirds' || v === 'two thirds' || v === '2/3') return 'two-thirds';
  const fraction = parseFraction(v);
  return fraction ? thresholdName(fraction) : null;
}

export const normalCount = (value: string) => value.trim().toLowerCase();

/** `Count: double-majority` (or "double majority"): the method of its own in methods/doubleMajority/. */
export const isDoubleMajority = (value: string) => /^double[ -]majority$/.test(normalCount(value).replace(/\s+/g, ' '));

/** The `Count:` line as written, or null. */
export const countLine = (headers: OpeningHeaders) => headers.headers.get('count') ?? null;

/**
 * The key lines a vote does not take: another method's (a proposal's
 * "Block:"), or one the vote has that does not go with its count. Each is
 * an error naming it and the settings that apply.
 */
export function foreignHeaders(headers: OpeningHeaders, own: readonly string[], what: string): string[] {
  const errors: string[] = [];
  for (const [key, h] of headers.headers) {
    if (!own.includes(key)) errors.push(`${h.name}: is not a setting of ${what}; its settings are ${own.map(title).join(', ')}.`);
  }
  return errors;
}

const title = (key: string) => key[0]!.toUpperCase() + key.slice(1);

/** `Quorum:`: a number of ballots, a percentage of the members, or none. */
export function readQuorum(h: OpeningHeader | undefined, errors: string[]): string | null {
  if (!h || /^(none|no|off)$/i.test(h.value.trim())) return null;
  const rule = parseQuorum(h.value);
  if (!rule) {
    errors.push(`${h.name}: "${h.value}" is not understood; write a number of ballots ("Quorum: 150") or a share of the members ("Quorum: 20%").`);
    return null;
  }
  return quorumText(rule);
}

/** `Branch quorum:` N ballots (a double majority only), or none. */
export function readBranchQuorum(h: OpeningHeader | undefined, count: string, errors: string[]): number | null {
  if (!h || /^(none|no|off)$/i.test(h.value.trim())) return null;
  if (count !== 'double-majority') {
    errors.push(`${h.name}: applies to "Count: double-majority" only (this count is ${count}).`);
    return null;
  }
  const n = /^\s*(\d{1,6})\s*$/.exec(h.value) ? Number(h.value) : NaN;
  if (!(n >= 1)) {
    errors.push(`${h.name}: "${h.value}" is not a number of ballots; write it like "Branch quorum: 10".`);
    return null;
  }
  return n;
}

export function readBase(h: OpeningHeader | undefined, errors: string[]): 'cast' | 'electorate' {
  if (!h) return 'cast';
  const v = h.value.trim().toLowerCase();
  if (v === 'cast' || v === 'votes cast') return 'cast';
  if (v === 'electorate' || v === 'members') return 'electorate';
  errors.push(`${h.name}: "${h.value}" is not understood; write "Base: cast" (the votes cast, the default) or "Base: electorate" (every member).`);
  return 'cast';
}

export function readOnOff(h: OpeningHeader | undefined, errors: string[]): boolean {
  if (!h) return true;
  const v = h.value.trim().toLowerCase();
  if (v === 'on' || v === 'yes') return true;
  if (v === 'off' || v === 'no') return false;
  errors.push(`${h.name}: "${h.value}" is not understood; write "Default: on" (adds "None of the above", the default) or "Default: off".`);
  return true;
}

export function readSeats(h: OpeningHeader | undefined, options: number, errors: string[]): number {
  if (!h) {
    errors.push('Count: stv needs the number of seats: add a line like "Seats: 2".');
    return 1;
  }
  const n = /^\s*(\d{1,4})\s*$/.exec(h.value) ? Number(h.value) : NaN;
  if (!(n >= 1)) errors.push(`${h.name}: "${h.value}" is not a number of seats; write it like "Seats: 2".`);
  else if (n > options) errors.push(`${h.name}: ${n} seats for ${options} options; there must be at least as many options as seats.`);
  return n >= 1 ? n : 1;
}

export function readRules(h: OpeningHeader | undefined, errors: string[]): StvRules {
  if (!h) return 'scottish';
  const v = h.value.trim().toLowerCase() as StvRules;
  if (RULES.includes(v)) return v;
  errors.push(`${h.name}: "${h.value}" is not understood; write "Rules: scottish" (the default), "Rules: wigm" or "Rules: meek".`);
  return 'scottish';
}

/** The count a vote's settings make, the electorate and the lot's seed given. */
export function countSpecOf(settings: VoteSettings, options: readonly MethodOption[], electorate: number, lotSeed: string): CountSpec {
  const ranked = isRankedCount(settings.count);
  const fraction = ranked ? null : parseFraction(settings.count);
  const method: MethodName = ranked
    ? (settings.count as MethodName)
    : settings.count === 'majority'
      ? 'majority'
      : settings.count === 'double-majority'
        ? 'double-majority'
        : settings.count === 'two-thirds'
        ? 'two-thirds'
        : 'fraction';
  const threshold: Threshold =
    method === 'two-thirds' ? { kind: 'fraction', numerator: 2, denominator: 3 } : (fraction ?? { kind: 'majority' });
  return {
    method,
    options: ranked ? realOptions(settings, options).map((o) => o.letter) : [...MOTION_OPTIONS],
    threshold,
    base: settings.base ?? 'cast',
    withDefault: method === 'schulze' && !!settings.defaultLetter,
    seats: settings.seats ?? 1,
    rules: settings.rules ?? 'scottish',
    quota: 'droop',
    quorum: settings.quorum ? parseQuorum(settings.quorum) : null,
    ...(settings.count === 'double-majority' ? { branchQuorum: settings.branchQuorum ?? null } : {}),
    electorate,
    lotSeed,
  };
}

/** The options members rank, without the "None of the above" a Schulze vote adds. */
export function realOptions(settings: VoteSettings, options: readonly MethodOption[]): MethodOption[] {
  return options.filter((o) => o.letter !== settings.defaultLetter);
}

/** An option's name in a count: its letter, or the count's own name for "None of the above". */
export const countName = (settings: VoteSettings, letter: string) => (letter === settings.defaultLetter ? DEFAULT_OPTION : letter);

/** Every setting with its value, defaults included, as the opening writes them. */
export function settingLines(settings: VoteSettings): string[] {
  const lines = [`Count: ${settings.count}`];
  if (settings.base) lines.push(`Base: ${settings.base}`);
  if (settings.count === 'double-majority') lines.push(`Branch quorum: ${settings.branchQuorum ?? 'none'}`);
  if (settings.count === 'schulze') lines.push(`Default: ${settings.defaultLetter ? 'on' : 'off'}`);
  if (settings.count === 'stv') lines.push(`Seats: ${settings.seats}`, `Rules: ${settings.rules ?? 'scottish'}`);
  lines.push(`Quorum: ${settings.quorum ?? 'none'}`);
  return lines;
}

/** The settings as `tacit consultation --json` gives them, beside `count`. */
export function settingsDocument(settings: VoteSettings): Record<string, unknown> {
  const doc: Record<string, unknown> = {};
  if (settings.base) doc.base = settings.base;
  if (settings.count === 'double-majority') doc.branch_quorum = settings.branchQuorum ?? null;
  if (settings.count === 'schulze') doc.default = settings.defaultLetter ? 'on' : 'off';
  if (settings.count === 'stv') Object.assign(doc, { seats: settings.seats, rules: settings.rules ?? 'scottish' });
  doc.quorum = settings.quorum;
  return doc;
}

/** The quorum in words, for the counting rule. */
export function quorumWords(quorum: string | null): string {
  if (!quorum) return 'no quorum';
  return quorum.endsWith('%')
    ? `a quorum of ${quorum} of the members (ballots cast, abstentions included)`
    : `a quorum of ${quorum} ballots cast (abstentions included)`;
}

export const SILENCE = 'an abstention, never consent';
export const SILENT_MEANS = 'abstention, never consent';
