/**
 * Counting a consultation (DESIGN.md, "Counting a choice" and "Closing").
 * Pure: members come in, counts come out; no I/O, no clock.
 *
 *   createTally(spec: ChoiceTallySpec): TallyAccumulator<ChoiceTally>
 *   createTally(spec: ProposalTallySpec): TallyAccumulator<ProposalTally>
 *   tally(spec: ChoiceTallySpec, members: Iterable<ElectorateMember>): ChoiceTally
 *   tally(spec: ProposalTallySpec, members: Iterable<ElectorateMember>): ProposalTally
 *   resolveBlockThreshold(block: BlockRule | undefined, electorate: number): number
 *
 * The accumulator holds only counters (and, for proposals, the objections to
 * quote), so a 100k electorate can be streamed through `add` without being
 * held in memory. `tally` is the same thing over an iterable.
 *
 * Rules:
 * - The bucket is authoritative: only `replied` members' stances are read;
 *   `unreachable` and `away` members count for nothing (not consent).
 * - A `replied` member whose stance is missing, unreadable, of the wrong kind
 *   or names a letter that is not an option counts as silent (consent), as
 *   DESIGN.md says for unreadable replies; they are counted in `unreadable`
 *   and in `buckets.silent`, not in `buckets.replied`.
 * - Choice: first preferences = stances whose `first` is the option (a
 *   ranking's head is its `first`); rejections = stances whose `reject`
 *   names it; acceptances = silent members + readable repliers who did not
 *   reject it. Winner: most first preferences; a tie goes to fewer
 *   rejections; a remaining tie is reported in `tie`; no first preference at
 *   all is `noPreference`.
 * - Proposal: blocked when objections reach the threshold (default one
 *   objection). A percentage threshold is taken of the whole frozen
 *   electorate and rounded up, never below one objection.
 * - Turnout = readable replies / electorate (0 for an empty electorate).
 * - Provisional (running) tallies use the same rules with "silent" meaning
 *   "has not replied yet": what the outcome would be if the deadline were now.
 */
import type { ChoiceStance, ProposalStanceValue } from '../../../reading/stance.ts';

export type Bucket = 'replied' | 'silent' | 'unreachable' | 'away';

export interface TallyOption {
  letter: string;
  text: string;
}

export interface ProposalStance {
  stance: ProposalStanceValue;
  reason?: string;
}

export interface ElectorateMember {
  email: string;
  bucket: Bucket;
  stance?: ChoiceStance | ProposalStance | null;
}

/** A number of objections, or a percentage of the electorate. */
export type BlockRule = number | { percent: number };

export interface ChoiceTallySpec {
  kind: 'choice';
  options: TallyOption[];
  provisional?: boolean;
}

export interface ProposalTallySpec {
  kind: 'proposal';
  block?: BlockRule;
  provisional?: boolean;
}

export type TallySpec = ChoiceTallySpec | ProposalTallySpec;

export interface Buckets {
  replied: number;
  silent: number;
  unreachable: number;
  away: number;
}

export interface OptionCount {
  letter: string;
  text: string;
  first: number;
  accept: number;
  reject: number;
}

interface TallyBase {
  provisional: boolean;
  electorate: number;
  buckets: Buckets;
  /** Replies that could not be read (already included in buckets.silent). */
  unreadable: number;
  /** buckets.replied / electorate. */
  turnout: number;
}

export interface ChoiceTally extends TallyBase {
  kind: 'choice';
  options: OptionCount[];
  winner: string | null;
  /** How the winner was found: most first preferences, or fewer rejections among those tied. */
  decidedBy: 'first' | 'rejections' | null;
  /** Options still tied after the rejection tie-break; [] when there is a winner or no preference. */
  tie: string[];
  /** Nobody named a first preference: the coordinators settle it. */
  noPreference: boolean;
}

export interface Objection {
  email: string;
  reason: string;
}

export interface ProposalTally extends TallyBase {
  kind: 'proposal';
  counts: { agree: number; object: number; abstain: number };
  /** Number of objections that blocks. */
  blockAt: number;
  verdict: 'adopted' | 'blocked';
  objections: Objection[];
}

export type TallyResult = ChoiceTally | ProposalTally;

export interface TallyAccumulator<R extends TallyResult> {
  add(member: ElectorateMember): void;
  result(): R;
}

export function isProposalStance(s: ChoiceStance | ProposalStance): s is ProposalStance {
  return typeof (s as ProposalStance).stance === 'string';
}

/** Objections needed to block, for a rule and an electorate size. */
export function resolveBlockThreshold(block: BlockRule | undefined, electorate: number): number {
  if (block === undefined) return 1;
  if (typeof block === 'number') return Math.max(1, Math.ceil(block));
  // Rounded up: "10%" of 45 members means 5 objections, never 4.
  return Math.max(1, Math.ceil((block.percent * electorate) / 100 - 1e-9));
}

function emptyBuckets(): Buckets {
  return { replied: 0, silent: 0, unreachable: 0, away: 0 };
}

/**
 * Puts a member in their bucket. Returns the stance to count when the member
 * replied readably; an unreadable reply counts as silent (it keeps the silence
 * rule) and is counted in `unreadable`.
 */
function bucketMember<S extends ChoiceStance | ProposalStance>(
  member: ElectorateMember,
  counts: { buckets: Buckets; unreadable: number },
  readable: (s: ChoiceStance | ProposalStance) => s is S,
): S | null {
  if (member.bucket !== 'replied') {
    counts.buckets[member.bucket]++;
    return null;
  }
  const s = member.stance;
  if (!s || !readable(s)) {
    counts.unreadable++;
    counts.buckets.silent++;
    return null;
  }
  counts.buckets.replied++;
  return s;
}

/** What both kinds of tally report about the electorate, in this order. */
function electorateFigures(tallied: { buckets: Buckets; unreadable: number }, provisional: boolean | undefined) {
  const { buckets } = tallied;
  const electorate = buckets.replied + buckets.silent + buckets.unreachable + buckets.away;
  return {
    provisional: provisional ?? false,
    electorate,
    buckets: { ...buckets },
    unreadable: tallied.unreadable,
    turnout: electorate === 0 ? 0 : buckets.replied / electorate,
  };
}

/** Only stances whose letters are all options count; anything else is unreadable. */
export function validChoiceStance(s: ChoiceStance, letters: ReadonlySet<string>): boolean {
  if (s.unreadable) return false;
  const named = [
    ...(s.first ? [s.first] : []), ...(s.ranking ?? []), ...(s.accept ?? []), ...(s.reject ?? []),
  ];
  if (named.length === 0 && !s.any) return false;
  return named.every((l) => letters.has(l));
}

function createChoiceTally(spec: ChoiceTallySpec): TallyAccumulator<ChoiceTally> {
  const letters = new Set(spec.options.map((o) => o.letter));
  const first = new Map<string, number>(spec.options.map((o) => [o.letter, 0]));
  const reject = new Map<string, number>(spec.options.map((o) => [o.letter, 0]));
  const acceptByRepliers = new Map<string, number>(spec.options.map((o) => [o.letter, 0]));
  const counts = { buckets: emptyBuckets(), unreadable: 0 };
  const { buckets } = counts;

  return {
    add(member) {
      const s = bucketMember(member, counts, (s): s is ChoiceStance => !isProposalStance(s) && validChoiceStance(s, letters));
      if (!s) return;
      if (s.first) first.set(s.first, first.get(s.first)! + 1);
      const rejected = new Set(s.reject ?? []);
      for (const l of rejected) reject.set(l, reject.get(l)! + 1);
      for (const l of letters) if (!rejected.has(l)) acceptByRepliers.set(l, acceptByRepliers.get(l)! + 1);
    },
    result() {
      const options: OptionCount[] = spec.options.map((o) => ({
        letter: o.letter,
        text: o.text,
        first: first.get(o.letter)!,
        accept: buckets.silent + acceptByRepliers.get(o.letter)!,
        reject: reject.get(o.letter)!,
      }));
      let winner: string | null = null;
      let decidedBy: ChoiceTally['decidedBy'] = null;
      let tie: string[] = [];
      const maxFirst = Math.max(0, ...options.map((o) => o.first));
      const noPreference = maxFirst === 0;
      if (!noPreference) {
        const leaders = options.filter((o) => o.first === maxFirst);
        if (leaders.length === 1) {
          winner = leaders[0]!.letter;
          decidedBy = 'first';
        } else {
          const fewest = Math.min(...leaders.map((o) => o.reject));
          const still = leaders.filter((o) => o.reject === fewest);
          if (still.length === 1) {
            winner = still[0]!.letter;
            decidedBy = 'rejections';
          } else {
            tie = still.map((o) => o.letter);
          }
        }
      }
      return {
        kind: 'choice',
        ...electorateFigures(counts, spec.provisional),
        options,
        winner,
        decidedBy,
        tie,
        noPreference,
      };
    },
  };
}

function createProposalTally(spec: ProposalTallySpec): TallyAccumulator<ProposalTally> {
  const tallied = { buckets: emptyBuckets(), unreadable: 0 };
  const counts = { agree: 0, object: 0, abstain: 0 };
  const objections: Objection[] = [];

  return {
    add(member) {
      const s = bucketMember(member, tallied, (s): s is ProposalStance & { stance: 'agree' | 'object' | 'abstain' } => isProposalStance(s) && s.stance !== 'unreadable');
      if (!s) return;
      counts[s.stance]++;
      if (s.stance === 'object') objections.push({ email: member.email, reason: (s.reason ?? '').trim() });
    },
    result() {
      const figures = electorateFigures(tallied, spec.provisional);
      const blockAt = resolveBlockThreshold(spec.block, figures.electorate);
      return {
        kind: 'proposal',
        ...figures,
        counts: { ...counts },
        blockAt,
        verdict: counts.object >= blockAt ? 'blocked' : 'adopted',
        objections: [...objections],
      };
    },
  };
}

export function createTally(spec: ChoiceTallySpec): TallyAccumulator<ChoiceTally>;
export function createTally(spec: ProposalTallySpec): TallyAccumulator<ProposalTally>;
export function createTally(spec: TallySpec): TallyAccumulator<TallyResult>;
export function createTally(spec: TallySpec): TallyAccumulator<TallyResult> {
  return spec.kind === 'choice' ? createChoiceTally(spec) : createProposalTally(spec);
}

export function tally(spec: ChoiceTallySpec, members: Iterable<ElectorateMember>): ChoiceTally;
export function tally(spec: ProposalTallySpec, members: Iterable<ElectorateMember>): ProposalTally;
export function tally(spec: TallySpec, members: Iterable<ElectorateMember>): TallyResult;
export function tally(spec: TallySpec, members: Iterable<ElectorateMember>): TallyResult {
  const acc = createTally(spec);
  for (const m of members) acc.add(m);
  return acc.result();
}
