/**
 * What `tacit count` counts: a vote's tally sheet or a JSON document, and
 * the settings of the count, from the sheet's header and the flags (a flag
 * that contradicts the sheet is an error, never a silent choice).
 *
 * JSON: {"options": ["A", …], "ballots": [{"ranking": [["A"], ["B", "C"]], "count": 5}, …]}
 * A ballot may carry `"place": SLUG` (results per place, issue 22); the
 * places may be declared, `"places": [{"place", "level", "name", "parent"}]`
 * (a place not declared is a branch of its own).
 * Sheet (tallySheet.ts writes it):
 *
 *   Tacit tally sheet
 *   consultation C-12
 *   kind vote
 *   count schulze
 *   default on
 *   options A B C
 *   electorate 5
 *
 *   0K3M9ZQ4TX B>A=C
 *   1B7D2PW8RN silent
 *
 * Lines that are not ballots (silent, unreadable, unreachable, away) are
 * not cast. Equal ballots are grouped as they are read. A sheet with results
 * per place declares its rows (`place fr branch - France`) and ends each
 * line with the row it counts in (`0K3M9ZQ4TX yes @fr-paris`).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CountInputError, type Ranking } from './ballot.ts';
import { parseBallotText } from './ballotText.ts';
import type { CountSpec, MethodName, StvRules } from './methods.ts';
import { MOTION_OPTIONS, parseFraction, thresholdName, type Threshold } from './motion.ts';
import { parseQuorum, quorumText } from './quorum.ts';
import type { Quota } from './stv.ts';
import type { PlaceDecl, PlaceLevel } from '../places/places.ts';

export interface CountFlags {
  method?: string;
  fraction?: string;
  seats?: string;
  rules?: string;
  quota?: string;
  quorum?: string;
  electorate?: string;
  default?: string;
  branchQuorum?: string;
}

export interface CountInput {
  source: 'sheet' | 'json';
  /** The settings the input carries (a sheet's header), by the sheet's key names. */
  header: Map<string, string>;
  options: string[] | null;
  ballots: { ranking: Ranking; count: number; place?: string | null }[];
  sha256: string;
  /** The rows of its results per place, parents first; null when it has none. */
  places: PlaceDecl[] | null;
  /** Members per finest row (a sheet's lines, cast or not): each row's electorate. Null for JSON. */
  placeMembers: Map<string, number> | null;
}

const SHEET_FIRST_LINE = 'Tacit tally sheet';
/** Sheet values that are no ballot: not cast, not counted. */
const NOT_CAST = new Set(['silent', 'unreadable', 'unreachable', 'away']);

const jsonInput = z.object({
  options: z.array(z.string()).optional(),
  ballots: z.array(
    z.object({
      ranking: z.array(z.array(z.string())),
      count: z.number().int().nonnegative().default(1),
      place: z.string().min(1).optional(),
    }),
  ),
  places: z
    .array(z.object({ place: z.string().min(1), level: z.enum(['branch', 'chapter']).default('branch'), name: z.string().optional(), parent: z.string().nullable().optional() }))
    .optional(),
});

export function parseCountInput(text: string): CountInput {
  const sha256 = createHash('sha256').update(text).digest('hex');
  if (text.startsWith(SHEET_FIRST_LINE)) return { ...parseSheet(text), sha256 };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CountInputError(`the input is neither a tally sheet nor JSON (${(err as Error).message})`);
  }
  const parsed = jsonInput.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CountInputError(`the JSON does not have the expected shape: ${issue.path.join('.') || 'top level'}: ${issue.message} (expected {"options": [...], "ballots": [{"ranking": [["A"], ["B", "C"]], "count": 5}, ...]})`);
  }
  const { options, ballots, places } = parsed.data;
  return { source: 'json', header: new Map(), options: options ?? null, ballots, sha256, places: jsonPlaces(ballots, places), placeMembers: null };
}

/** The declared places, and a branch of its own for each place a ballot names that is not declared. */
function jsonPlaces(ballots: readonly { place?: string }[], declared: readonly { place: string; level: PlaceLevel; name?: string; parent?: string | null }[] | undefined): PlaceDecl[] | null {
  const places: PlaceDecl[] = (declared ?? []).map((p) => ({ place: p.place, level: p.level, name: p.name ?? p.place, parent: p.parent ?? null }));
  const known = new Set(places.map((p) => p.place));
  for (const p of places) {
    if (p.parent !== null && !known.has(p.parent)) throw new CountInputError(`place ${p.place} is part of ${p.parent}, which is not declared`);
  }
  for (const b of ballots) {
    if (b.place !== undefined && !known.has(b.place)) {
      known.add(b.place);
      places.push({ place: b.place, level: 'branch', name: b.place, parent: null });
    }
  }
  return places.length ? places : null;
}

function parseSheet(text: string): Omit<CountInput, 'sha256'> {
  const lines = text.split('\n');
  const header = new Map<string, string>();
  const places: PlaceDecl[] = [];
  let i = 1;
  for (; i < lines.length && lines[i] !== ''; i++) {
    const place = /^place (\S+) (branch|chapter) (\S+) (.*)$/.exec(lines[i]!);
    if (place) {
      const parent = place[3] === '-' ? null : place[3]!;
      if (parent !== null && !places.some((p) => p.place === parent)) throw new CountInputError(`tally sheet line ${i + 1}: place ${place[1]} is part of ${parent}, which is not declared before it`);
      places.push({ place: place[1]!, level: place[2] as PlaceLevel, parent, name: place[4]! });
      continue;
    }
    const m = /^(\S+) ?(.*)$/.exec(lines[i]!);
    if (!m) throw new CountInputError(`tally sheet line ${i + 1} is not "key value": "${lines[i]}"`);
    header.set(m[1]!, m[2]!);
  }
  const kind = header.get('kind');
  if (kind !== 'vote') throw new CountInputError(`this is the tally sheet of a ${kind ?? 'consultation of unknown kind'}; tacit count counts the sheets of votes (kind vote)`);
  // Grouped by ballot and row: "yes" and "yes @fr" are two groups.
  const grouped = new Map<string, { value: string; place: string | null; count: number }>();
  const declared = new Set(places.map((p) => p.place));
  const placeMembers = new Map<string, number>();
  for (i++; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    // A ballot a proxy cast carries the proxy's code (`yes proxy CODE`): it counts as the member's. `@PLACE`: where it counts.
    const m = /^(\S+) (\S+)(?: proxy \S+)?(?: @(\S+))?$/.exec(line);
    if (!m) throw new CountInputError(`tally sheet line ${i + 1} is not "CODE ballot": "${line}"`);
    const value = m[2]!;
    const place = m[3] ?? null;
    if (place !== null) {
      if (!declared.has(place)) throw new CountInputError(`tally sheet line ${i + 1} counts in place ${place}, which the head does not declare`);
      placeMembers.set(place, (placeMembers.get(place) ?? 0) + 1);
    }
    if (NOT_CAST.has(value)) continue;
    const key = `${value} ${place ?? ''}`;
    const group = grouped.get(key);
    if (group) group.count += 1;
    else grouped.set(key, { value, place, count: 1 });
  }
  const ballots = [...grouped.values()].map(({ value, place, count }) => ({ ranking: parseBallotText(value), count, ...(place !== null ? { place } : {}) }));
  const options = header.has('options') ? header.get('options')!.split(' ').filter(Boolean) : null;
  return { source: 'sheet', header, options, ballots, places: places.length ? places : null, placeMembers: places.length ? placeMembers : null };
}

const METHODS: readonly MethodName[] = ['majority', 'two-thirds', 'double-majority', 'schulze', 'irv', 'stv'];
const RULES: readonly StvRules[] = ['scottish', 'wigm', 'meek'];
const QUOTAS: readonly Quota[] = ['droop', 'hare', 'hagenbach-bischoff'];

function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\s*\d{1,12}\s*$/.test(text) || Number(text) < min) throw new CountInputError(`${name} must be a whole number ≥ ${min} (not "${text}")`);
  return Number(text);
}

/** `count` as a sheet writes it: majority, two-thirds, N/D, schulze, irv or stv. */
function normalCount(text: string): string {
  const fraction = parseFraction(text);
  if (fraction) return thresholdName(fraction);
  if (text === 'majority' || METHODS.includes(text as MethodName)) return text;
  throw new CountInputError(`unknown count "${text}" (majority, two-thirds, N/D, double-majority, schulze, irv or stv)`);
}

/** The flags in the sheet's terms, each checked on its own. */
function flagSettings(flags: CountFlags): Map<string, string> {
  const s = new Map<string, string>();
  if (flags.method !== undefined && !METHODS.includes(flags.method as MethodName)) {
    throw new CountInputError(`--method must be one of ${METHODS.join(', ')} (not "${flags.method}")`);
  }
  if (flags.fraction !== undefined) {
    const fraction = parseFraction(flags.fraction);
    if (!fraction) throw new CountInputError(`--fraction must be N/D with 0 < N ≤ D, such as 3/4 (not "${flags.fraction}")`);
    const name = thresholdName(fraction);
    if (flags.method !== undefined && flags.method !== name) throw new CountInputError(`--fraction ${flags.fraction} contradicts --method ${flags.method}: give one of them`);
    s.set('count', name);
  } else if (flags.method !== undefined) s.set('count', flags.method);
  if (flags.seats !== undefined) s.set('seats', String(wholeNumber('--seats', flags.seats, 1)));
  if (flags.rules !== undefined) {
    if (!RULES.includes(flags.rules as StvRules)) throw new CountInputError(`--rules must be one of ${RULES.join(', ')} (not "${flags.rules}")`);
    s.set('rules', flags.rules);
  }
  if (flags.quota !== undefined) {
    if (!QUOTAS.includes(flags.quota as Quota)) throw new CountInputError(`--quota must be one of ${QUOTAS.join(', ')} (not "${flags.quota}")`);
    s.set('quota', flags.quota);
  }
  if (flags.quorum !== undefined) {
    const rule = parseQuorum(flags.quorum);
    if (!rule) throw new CountInputError(`--quorum must be a number of ballots or a percentage such as 20% (not "${flags.quorum}")`);
    s.set('quorum', quorumText(rule));
  }
  if (flags.branchQuorum !== undefined) s.set('branch-quorum', String(wholeNumber('--branch-quorum', flags.branchQuorum, 1)));
  if (flags.electorate !== undefined) s.set('electorate', String(wholeNumber('--electorate', flags.electorate, 0)));
  if (flags.default !== undefined) {
    if (flags.default !== 'on' && flags.default !== 'off') throw new CountInputError(`--default must be on or off (not "${flags.default}")`);
    s.set('default', flags.default);
  }
  return s;
}

/** The sheet's header values in the same normal form as the flags, so that equal settings compare equal. */
function normalHeader(header: Map<string, string>): Map<string, string> {
  const s = new Map(header);
  if (s.has('count')) s.set('count', normalCount(s.get('count')!));
  const quorum = s.get('quorum');
  if (quorum !== undefined && quorum !== 'none') {
    const rule = parseQuorum(quorum);
    if (!rule) throw new CountInputError(`the sheet's quorum "${quorum}" is neither a number nor a percentage`);
    s.set('quorum', quorumText(rule));
  }
  return s;
}

export function resolveCountSpec(input: CountInput, flags: CountFlags): CountSpec {
  const fromFlags = flagSettings(flags);
  const settings = normalHeader(input.header);
  for (const [key, value] of fromFlags) {
    const carried = settings.get(key);
    if (carried !== undefined && carried !== value) {
      throw new CountInputError(`the flag for ${key} (${value}) contradicts the tally sheet, which says ${key} ${carried}`);
    }
    settings.set(key, value);
  }
  const count = settings.get('count');
  if (count === undefined) throw new CountInputError('which method? Give --method (majority, two-thirds, schulze, irv or stv) or --fraction N/D');
  const fraction = parseFraction(count);
  const method: MethodName = fraction ? (count === 'two-thirds' ? 'two-thirds' : 'fraction') : (count as MethodName);
  const threshold: Threshold = method === 'two-thirds' ? { kind: 'fraction', numerator: 2, denominator: 3 } : (fraction ?? { kind: 'majority' });
  const motion = method === 'majority' || method === 'two-thirds' || method === 'fraction' || method === 'double-majority';

  const options = motion ? [...MOTION_OPTIONS] : input.options;
  if (!options) throw new CountInputError('the input lists no options');
  if (motion && input.options && !(input.options.length === 2 && MOTION_OPTIONS.every((o) => input.options!.includes(o)))) {
    throw new CountInputError(`a motion's options are "yes" and "no" (not ${input.options.map((o) => `"${o}"`).join(', ')})`);
  }

  const onlyFor = (key: string, allowed: boolean, what: string) => {
    if (settings.has(key) && !allowed) throw new CountInputError(`${key} applies to ${what} only (this count is ${count})`);
  };
  onlyFor('seats', method === 'stv', 'stv');
  onlyFor('rules', method === 'stv', 'stv');
  onlyFor('quota', method === 'stv', 'stv');
  onlyFor('default', method === 'schulze', 'schulze');
  onlyFor('base', motion, 'motions');
  const branchQuorumValue = settings.get('branch-quorum');
  if (branchQuorumValue !== undefined && branchQuorumValue !== 'none' && method !== 'double-majority') {
    throw new CountInputError(`branch-quorum applies to double-majority only (this count is ${count})`);
  }
  if (method === 'double-majority' && settings.get('base') === 'electorate') throw new CountInputError('a double majority counts the votes cast (base cast), not the electorate');

  const rules = (settings.get('rules') ?? 'scottish') as StvRules;
  const quota = (settings.get('quota') ?? 'droop') as Quota;
  if (rules === 'scottish' && quota !== 'droop') throw new CountInputError(`Scottish STV uses the Droop quota; for the ${quota} quota use --rules wigm or meek`);
  if (method === 'stv' && !settings.has('seats')) throw new CountInputError('stv needs the number of seats (--seats N)');
  const base = settings.get('base') ?? 'cast';
  if (base !== 'cast' && base !== 'electorate') throw new CountInputError(`base must be cast or electorate (not "${base}")`);
  const quorumValue = settings.get('quorum');
  const electorate = settings.has('electorate') ? wholeNumber('electorate', settings.get('electorate')!, 0) : undefined;
  // A vote's sheet without a default line had the vote's default (on); JSON has it off unless asked.
  const withDefault = (settings.get('default') ?? (input.source === 'sheet' ? 'on' : 'off')) === 'on';
  return {
    method,
    options,
    threshold,
    base,
    withDefault: method === 'schulze' && withDefault,
    seats: method === 'stv' ? wholeNumber('seats', settings.get('seats')!, 1) : 1,
    rules,
    quota,
    quorum: quorumValue === undefined || quorumValue === 'none' ? null : parseQuorum(quorumValue),
    ...(method === 'double-majority'
      ? { branchQuorum: branchQuorumValue === undefined || branchQuorumValue === 'none' ? null : wholeNumber('branch-quorum', branchQuorumValue, 1) }
      : {}),
    electorate,
    lotSeed: input.sha256,
  };
}
