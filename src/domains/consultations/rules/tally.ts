/**
 * Counting a consultation member by member (DESIGN.md, "Counting a choice"
 * and "Closing"): the electorate figures (src/decisions/electorateFigures.ts)
 * around the decision method of the spec's kind (src/decisions/methods/).
 * Pure: members come in, counts come out; no I/O, no clock.
 *
 *   createTally(spec: ChoiceTallySpec): TallyAccumulator<ChoiceTally>
 *   createTally(spec: ProposalTallySpec): TallyAccumulator<ProposalTally>
 *   tally(spec, members: Iterable<ElectorateMember>): the same, over an iterable
 *   resolveBlockThreshold(block: BlockRule | undefined, electorate: number): number
 *
 * The I/O counts grouped ballots instead (close/outcome.ts); this is the
 * same count for callers that hold members one by one. A `replied` member
 * whose stance is not a ballot of the method counts as silent (consent) and
 * in `unreadable`. Provisional (running) tallies use the same rules with
 * "silent" meaning "has not replied yet".
 */
import type { ChoiceStance, ProposalStanceValue } from '../../../reading/stance.ts';
import { createElectorateCount, matchesPattern, type Bucket, type Buckets } from '../../../decisions/electorateFigures.ts';
import type { ChoiceResult, OptionCount } from '../../../decisions/methods/consentChoice/count.ts';
import type { BlockRule, Objection, ProposalResult } from '../../../decisions/methods/lazyConsensus/count.ts';
import { methodOfKind } from '../../../decisions/methods/index.ts';

export type { Bucket, Buckets, BlockRule, Objection, OptionCount };
export { resolveBlockThreshold } from '../../../decisions/methods/lazyConsensus/count.ts';
export { validChoiceStance } from '../../../decisions/methods/consentChoice/consentChoice.ts';

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

export type ChoiceTally = { kind: 'choice' } & ChoiceResult;
export type ProposalTally = { kind: 'proposal' } & ProposalResult;
export type TallyResult = ChoiceTally | ProposalTally;

export interface TallyAccumulator<R extends TallyResult> {
  add(member: ElectorateMember): void;
  result(): R;
}

export function isProposalStance(s: ChoiceStance | ProposalStance): s is ProposalStance {
  return typeof (s as ProposalStance).stance === 'string';
}

export function createTally(spec: ChoiceTallySpec): TallyAccumulator<ChoiceTally>;
export function createTally(spec: ProposalTallySpec): TallyAccumulator<ProposalTally>;
export function createTally(spec: TallySpec): TallyAccumulator<TallyResult>;
export function createTally(spec: TallySpec): TallyAccumulator<TallyResult> {
  const method = methodOfKind(spec.kind);
  const settings = { options: 'options' in spec ? spec.options : [], block: ('block' in spec ? spec.block : undefined) ?? null };
  const electorate = createElectorateCount();
  const count = method.createCount(settings);
  return {
    add(member) {
      if (member.bucket !== 'replied') return electorate.addBucket(member.bucket, 1);
      const ballot = member.stance ? method.ballot(member.stance, settings) : null;
      if (ballot === null) return electorate.addUnreadable(1);
      electorate.addReplied(1);
      count.add(ballot, 1, matchesPattern(ballot, method.namedBallots) ? member.email : undefined);
    },
    result: () => ({ kind: spec.kind, ...count.result(electorate.figures(spec.provisional ?? false)) }) as TallyResult,
  };
}

export function tally(spec: ChoiceTallySpec, members: Iterable<ElectorateMember>): ChoiceTally;
export function tally(spec: ProposalTallySpec, members: Iterable<ElectorateMember>): ProposalTally;
export function tally(spec: TallySpec, members: Iterable<ElectorateMember>): TallyResult;
export function tally(spec: TallySpec, members: Iterable<ElectorateMember>): TallyResult {
  const acc = createTally(spec);
  for (const m of members) acc.add(m);
  return acc.result();
}
