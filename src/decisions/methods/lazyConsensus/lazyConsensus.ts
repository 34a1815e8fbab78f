/**
 * Lazy consensus (DESIGN.md, "Closing"): a proposal is adopted unless enough
 * members object; silence is consent. Stored as kind "proposal".
 *
 * - Blocked when objections reach the threshold (default one objection). A
 *   percentage threshold is taken of the whole frozen electorate and rounded
 *   up, never below one objection.
 * - An objection is quoted with its objector only where the list names
 *   objectors (`--objections named`): objections then come one voter at a
 *   time (`namedBallots`), in member order. Otherwise its reason is quoted
 *   alone, the reasons in alphabetical order (`withoutVoters`).
 * - The tally sheet carries the stance only (`object`), never the reason: a
 *   reason quoted in the outcome must not lead back to a ballot code.
 */
import type { DecisionMethod } from '../../decisionMethod.ts';
import { readProposalStance } from '../../../reading/stance.ts';
import { createProposalCount, resolveBlockThreshold, type BlockRule, type ProposalBallot, type ProposalResult } from './count.ts';
import { describeBlockRule, readBlock } from './block.ts';
import { proposalBallotPhrases } from './proposalPhrases.ts';
import { isPhrase, phrase, type Phrase } from '../../../shared/rules/phrase.ts';

export const PROPOSAL_RULE = 'blocked when its objections reach the block number; otherwise adopted; silence is consent';

const isProposalBallot = (s: unknown): s is ProposalBallot => {
  const stance = (s as { stance?: unknown } | null)?.stance;
  return stance === 'agree' || stance === 'object' || stance === 'abstain';
};

export const lazyConsensus: DecisionMethod<ProposalBallot, ProposalResult> = {
  name: 'lazy-consensus',
  kind: 'proposal',
  // Not "motion": a motion is put to a formal vote (vote-motion), where silence is no consent.
  kindWords: ['proposal', 'lazy consensus', 'consensus'],
  headerKeys: { block: 'block', 'block threshold': 'block', threshold: 'block', blocking: 'block' },

  parseOpening({ options, headers }) {
    const errors: Phrase[] = [];
    if (options.length > 0) errors.push(phrase('refusals.proposalOptions'));
    let block: BlockRule = 1;
    const written = headers.get('block');
    if (written) {
      const b = readBlock(written.value);
      if (isPhrase(b)) errors.push(b);
      else block = b;
    }
    return errors.length ? { ok: false, errors } : { ok: true, settings: { options: [], block } };
  },

  read(text) {
    const reading = readProposalStance(text);
    const stance: Record<string, unknown> = { stance: reading.stance };
    if (reading.reason) stance.reason = reading.reason;
    return { stance, readable: reading.stance !== 'unreadable', comment: reading.comment, doubt: reading.doubt };
  },
  ballot: (stance) => (isProposalBallot(stance) ? stance : null),
  namedBallots: { stance: 'object' },
  createCount: (settings) => createProposalCount(settings.block as BlockRule | null),

  verdictLine(result) {
    const n = result.counts.object;
    return result.verdict === 'blocked'
      ? `Blocked: ${n} ${n === 1 ? 'objection' : 'objections'} (${result.blockAt} ${result.blockAt === 1 ? 'blocks' : 'block'}).`
      : `Adopted: ${n} ${n === 1 ? 'objection' : 'objections'} (${result.blockAt} would block).`;
  },
  countLines: (result) => [`agree ${result.counts.agree}, object ${result.counts.object}, abstain ${result.counts.abstain}`],
  view: (settings) => ({
    method: 'lazy-consensus',
    picksOption: false,
    consentsOrObjects: true,
    howToAnswer: [],
    silenceCountsAs: 'consent to the proposal',
    countingRule: `adopted unless ${describeBlockRule(settings.block ?? 1)}`,
    aKind: 'a proposal',
    blockRule: describeBlockRule(settings.block ?? 1),
  }),
  outcomeView(result) {
    return {
      blockRule: describeBlockRule(result.blockAt),
      options: [],
      counts: result.counts,
      adopted: result.verdict === 'adopted',
      // No name where the list keeps objections anonymous (the objections carry no email then).
      objections: (result.objectionsNamed ?? result.objections.map((o) => ({ ...o, name: o.email }))).map((o) => ({
        name: o.name || undefined,
        reason: o.reason || '(no reason given)',
      })),
    };
  },
  document: (result) => ({
    options: [],
    fields: {
      verdict: result?.verdict ?? null,
      counts: result?.counts ?? { agree: 0, object: 0, abstain: 0 },
      blockAt: result?.blockAt ?? null,
      objections: result?.objections ?? [],
    },
  }),

  describe: (stance) => describeProposalStance(stance as ProposalBallot),
  ballotPhrases: proposalBallotPhrases,
  receipt(stance, comment) {
    const s = stance as ProposalBallot;
    const reason = s.reason ?? '';
    return {
      // A proposal's stance reads the same both ways: said once, in readAs.
      recorded: [],
      readAs: restateProposalStance(s),
      // An objection's reason is its comment too: not written a second time.
      comment: reason && sameWords(comment, reason) ? '' : comment,
    };
  },

  sheetHead: (settings, electorate, withRule) =>
    withRule ? [`block ${resolveBlockThreshold(settings.block as BlockRule | null ?? undefined, electorate)}`, `rule ${PROPOSAL_RULE}`] : [],
  // The stance only: the outcome quotes the reasons, and a reason beside a code would link the two.
  sheetValue: (ballot) => ballot.stance,

  votersToName: (result) => result.objections.flatMap((o) => (o.email ? [o.email] : [])),
  nameVoters: (result, names) => ({
    ...result,
    objectionsNamed: result.objections.flatMap((o) => (o.email ? [{ email: o.email, reason: o.reason, name: names.get(o.email) || o.email }] : [])),
  }),
  withoutVoters(result) {
    const { objectionsNamed: _named, ...rest } = result;
    // Alphabetical: the order of the members (who joined when) says nothing either.
    const objections = result.objections.map((o) => ({ reason: o.reason })).sort((a, b) => (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
    return { ...rest, objections };
  },
};

export function describeProposalStance(stance: { stance?: unknown; reason?: string }): string[] {
  switch (stance.stance) {
    case 'agree':
      return ['agree'];
    case 'abstain':
      return ['abstain'];
    case 'object':
      return [stance.reason ? `object, because: ${stance.reason}` : 'object (no reason given)'];
    default:
      return ['nothing Tacit could read as an answer (kept as a comment)'];
  }
}

export function restateProposalStance(s: { stance?: unknown; reason?: string }): string {
  if (s.stance === 'agree') return 'you agree';
  if (s.stance === 'abstain') return 'you abstain';
  if (s.stance === 'object') return s.reason ? `you object, because: ${s.reason}` : 'you object (no reason given)';
  return 'nothing Tacit could read as an answer';
}

const words = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();
const sameWords = (a: string, b: string) => words(a) === words(b);
