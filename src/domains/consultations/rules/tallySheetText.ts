/**
 * The tally sheet's canonical text (DESIGN.md: "Every member can check the
 * count"). Pure: rows in, text out; the adapter streams rows through it and
 * hashes the text as it goes.
 *
 *   sheetHeader(head: SheetHead): string
 *   recordedBallot(method, settings, row: SheetRow): string  (recordedValue(kind, letters, row) by kind)
 *   sheetLine(code: string, recorded: string): string
 *
 * The text is UTF-8, LF line endings, every line ending in LF:
 *
 *   Tacit tally sheet
 *   consultation C-12
 *   kind choice
 *   options A B C
 *   rule most first preferences; a tie goes to fewer refusals; a tie on both is left to the coordinators
 *   electorate 5
 *
 *   0K3M9ZQ4TX first=A accept=A,B reject=C
 *   1B7D2PW8RN silent
 *
 * one line per electorate member, in ballot-code order. The head states the
 * counting rule (a proposal's also its `block N`, the objections that block
 * it), so a recount needs nothing but the sheet. Sheets of consultations
 * closed before the rule was written on them keep their old head (no `rule`
 * line), or their stored SHA-256 would no longer match. What is recorded
 * follows the tally's rules exactly, so the outcome can be recounted from the
 * sheet alone:
 * - choice: `first=L|-  accept=L,…|-  reject=L,…|-` (a replier accepts every
 *   option they did not reject);
 * - proposal: `agree`, `abstain` or `object`: the stance only, never the
 *   reason (the outcome quotes reasons; beside a code one would name the
 *   code's holder). Where the list names its objectors (`--objections
 *   named`), an objection's line says so: `object named`, for its code is
 *   not secret (sheets of consultations closed before issue 21 carried
 *   `object: reason`; theirs now differ from the digest their outcome stated);
 * - `unreadable`: a reply Tacit could not read, counted as silent (consent);
 * - `silent` (consent), `unreachable`, `away` (not consent).
 *
 * A vote's sheet (kind vote) carries its settings as header lines after the
 * kind (`count schulze`, `default on`, `seats 3`, `quorum 20%`, …: see
 * counting/sheetSettings.ts) and one ballot per line: `yes`, `no`, `abstain`
 * or a ranking `B>A=C` (counting/ballotText.ts); silence is abstention there,
 * never consent. `tacit count` recounts it (counting/countInput.ts).
 *
 * A consultation of a parent list with results per place (issue 22) declares
 * its public rows in the head, one line each, parents first:
 *
 *   place fr branch - France
 *   place fr-paris chapter fr Paris
 *   place fr~waiting chapter fr waiting for a chapter
 *
 * (slug, level, the row it is part of or "-", name), and every member's line
 * ends with the finest public row they count in: `0K3M9ZQ4TX yes @fr-paris`
 * (none when only the total holds them). Sheets without places are unchanged.
 *
 * A ballot a member's proxy cast for them (issue 22) is marked with the
 * proxy's ballot code for the vote, before any place: `yes proxy 7Q2M0XK4TD @fr-paris`.
 */
import { oneLine } from '../../../shared/rules/sender.ts';
import type { Bucket } from '../../../decisions/electorateFigures.ts';
import type { DecisionMethod, MethodSettings } from '../../../decisions/decisionMethod.ts';
import { methodOfKind } from '../../../decisions/methods/index.ts';
import { matchesPattern } from '../../../decisions/electorateFigures.ts';
import type { PlaceDecl } from '../../../decisions/places/places.ts';
export { CHOICE_RULE } from '../../../decisions/methods/consentChoice/consentChoice.ts';
export { PROPOSAL_RULE } from '../../../decisions/methods/lazyConsensus/lazyConsensus.ts';

export interface SheetHead {
  id: string;
  kind: string;
  letters: readonly string[];
  electorate: number;
  /** A vote's settings, one header line each, in order (its method is its rule). */
  settings?: readonly (readonly [string, string])[];
  /** Objections that block a proposal (the resolved threshold); absent on sheets written before the rule was. */
  blockAt?: number;
  /** Whether the head of a consultation's sheet states the counting rule (every sheet written since it does). */
  withRule?: boolean;
  /** A consultation's head lines from its decision method (DecisionMethod.sheetHead); replaces letters, blockAt and withRule. */
  method?: readonly string[];
  /** The public rows of its results per place (issue 22), parents first. */
  places?: readonly PlaceDecl[];
}

/** One electorate member as stored at the close: their bucket and the reply that counts. */
export interface SheetRow {
  bucket: Bucket;
  /** null when there is no reply. */
  readable: boolean | null;
  stance: unknown;
}

export function sheetHeader(head: SheetHead): string {
  return [
    'Tacit tally sheet',
    `consultation ${head.id}`,
    `kind ${head.kind}`,
    ...(head.settings ?? []).map(([key, value]) => `${key} ${value}`),
    ...(head.method ?? (head.kind === 'vote' ? voteHead(head) : consultationHead(head))),
    ...(head.places ?? []).map(placeLine),
    `electorate ${head.electorate}`,
    '',
    '',
  ].join('\n');
}

/** A public row's head line: slug, level, parent or "-", name. */
export const placeLine = (p: PlaceDecl) => `place ${p.place} ${p.level} ${p.parent ?? '-'} ${oneLine(p.name)}`;

const voteHead = (head: SheetHead) => (head.letters.length ? [`options ${head.letters.join(' ')}`] : []);

/** The head of a choice's or proposal's sheet given by its kind (what callers without the method write). */
function consultationHead(head: SheetHead): readonly string[] {
  const method = methodOfKind(head.kind);
  const settings = { options: head.letters.map((letter) => ({ letter, text: '' })), block: head.blockAt ?? null };
  return method.sheetHead(settings, head.electorate, head.withRule ?? false);
}

/** The marker of a line whose voter the outcome names (an objection where the list names objectors). */
export const NAMED_MARKER = 'named';

/**
 * What a member's line records: the method's ballot, or why none counts.
 * `votersNamed` (voterNames.ts namesVoters) marks the ballots the outcome
 * quotes with their voter's name, so the sheet never pretends those are secret.
 */
export function recordedBallot(method: DecisionMethod, settings: MethodSettings, row: SheetRow, votersNamed = false): string {
  // The same reading as the count (close/outcome.ts): an unreadable reply keeps the silence rule.
  if (row.readable === false) return 'unreadable';
  if (row.bucket !== 'replied') return row.bucket;
  const ballot = row.stance == null ? null : method.ballot(row.stance, settings);
  if (ballot === null) return 'unreadable';
  const value = oneLine(method.sheetValue(ballot, settings));
  return votersNamed && matchesPattern(ballot, method.namedBallots) ? `${value} ${NAMED_MARKER}` : value;
}

/** The marker before the proxy's ballot code on a line whose counted ballot a proxy cast. */
export const PROXY_MARKER = 'proxy';

/** A counted ballot (a readable reply) that a proxy cast says so, with the proxy's code; nothing else is marked. */
export function withProxyMark(recorded: string, row: SheetRow, proxyCode: string | null): string {
  return proxyCode && row.bucket === 'replied' && row.readable === true ? `${recorded} ${PROXY_MARKER} ${proxyCode}` : recorded;
}

export function recordedValue(kind: 'choice' | 'proposal', letters: readonly string[], row: SheetRow): string {
  return recordedBallot(methodOfKind(kind), { options: letters.map((letter) => ({ letter, text: '' })), block: null }, row);
}

/** `place`: the finest public row the member counts in (results per place), or none. */
export function sheetLine(code: string, recorded: string, place?: string | null): string {
  return place ? `${code} ${recorded} @${place}\n` : `${code} ${recorded}\n`;
}
