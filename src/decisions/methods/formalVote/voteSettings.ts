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
 *
 * A setting refused is a phrase (templates/locales/CODE/refusals.json) the
 * caller says in the reader's language; the key lines it quotes ("Seats: 2")
 * stay as written, in every language, since they are what the opening reads.
 */
import type { CountSpec, MethodName, StvRules } from '../../counting/methods.ts';
import { DEFAULT_OPTION } from '../../counting/schulze.ts';
import { MOTION_OPTIONS, parseFraction, thresholdName, type Threshold } from '../../counting/motion.ts';
import { parseQuorum, quorumText } from '../../counting/quorum.ts';
import type { MethodOption, OpeningHeader, OpeningHeaders } from '../../decisionMethod.ts';
import { phrase, type Phrase } from '../../../shared/rules/phrase.ts';

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

/** Whose settings a refused key line is not among: a motion's, a double majority's, or a ranked count's ("Count: schulze"). */
export type SettingsOf = { motion: true } | { doubleMajority: true } | { count: string };

/**
 * The key lines a vote does not take: another method's (a proposal's
 * "Block:"), or one the vote has that does not go with its count. Each is
 * an error naming it and the settings that apply (their key names, which
 * the opening reads, stay as written in every language).
 */
export function foreignHeaders(headers: OpeningHeaders, own: readonly string[], of: SettingsOf): Phrase[] {
  const errors: Phrase[] = [];
  const settings = { list: own.map(title), join: ', ' };
  for (const [key, h] of headers.headers) {
    if (own.includes(key)) continue;
    if ('count' in of) errors.push(phrase('refusals.notASettingOfCount', { name: h.name, count: of.count, settings }));
    else errors.push(phrase('motion' in of ? 'refusals.notASettingOfMotion' : 'refusals.notASettingOfDoubleMajority', { name: h.name, settings }));
  }
  return errors;
}

const title = (key: string) => key[0]!.toUpperCase() + key.slice(1);

/** `Quorum:`: a number of ballots, a percentage of the members, or none. */
export function readQuorum(h: OpeningHeader | undefined, errors: Phrase[]): string | null {
  if (!h || /^(none|no|off)$/i.test(h.value.trim())) return null;
  const rule = parseQuorum(h.value);
  if (!rule) {
    errors.push(phrase('refusals.quorum', { name: h.name, value: h.value }));
    return null;
  }
  return quorumText(rule);
}

/** `Branch quorum:` N ballots (a double majority only), or none. */
export function readBranchQuorum(h: OpeningHeader | undefined, count: string, errors: Phrase[]): number | null {
  if (!h || /^(none|no|off)$/i.test(h.value.trim())) return null;
  if (count !== 'double-majority') {
    errors.push(phrase('refusals.branchQuorumCount', { name: h.name, count }));
    return null;
  }
  const n = /^\s*(\d{1,6})\s*$/.exec(h.value) ? Number(h.value) : NaN;
  if (!(n >= 1)) {
    errors.push(phrase('refusals.branchQuorumNumber', { name: h.name, value: h.value }));
    return null;
  }
  return n;
}

export function readBase(h: OpeningHeader | undefined, errors: Phrase[]): 'cast' | 'electorate' {
  if (!h) return 'cast';
  const v = h.value.trim().toLowerCase();
  if (v === 'cast' || v === 'votes cast') return 'cast';
  if (v === 'electorate' || v === 'members') return 'electorate';
  errors.push(phrase('refusals.base', { name: h.name, value: h.value }));
  return 'cast';
}

/** `Default:` on | off. Its refusal names "None of the above" by votePhrases.ts's key (not imported: votePhrases imports this file). */
export function readOnOff(h: OpeningHeader | undefined, errors: Phrase[]): boolean {
  if (!h) return true;
  const v = h.value.trim().toLowerCase();
  if (v === 'on' || v === 'yes') return true;
  if (v === 'off' || v === 'no') return false;
  errors.push(phrase('refusals.default', { name: h.name, value: h.value, none: phrase('methods.noneOfTheAbove') }));
  return true;
}

export function readSeats(h: OpeningHeader | undefined, options: number, errors: Phrase[]): number {
  if (!h) {
    errors.push(phrase('refusals.stvSeatsMissing'));
    return 1;
  }
  const n = /^\s*(\d{1,4})\s*$/.exec(h.value) ? Number(h.value) : NaN;
  if (!(n >= 1)) errors.push(phrase('refusals.seatsNumber', { name: h.name, value: h.value }));
  else if (n > options) errors.push(phrase('refusals.seatsOverOptions', { name: h.name, seats: n, options }));
  return n >= 1 ? n : 1;
}

export function readRules(h: OpeningHeader | undefined, errors: Phrase[]): StvRules {
  if (!h) return 'scottish';
  const v = h.value.trim().toLowerCase() as StvRules;
  if (RULES.includes(v)) return v;
  errors.push(phrase('refusals.rules', { name: h.name, value: h.value }));
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
