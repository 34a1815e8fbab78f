/**
 * A proposal ballot read back as phrases (src/shared/rules/phrase.ts), for
 * receipts and status answers in the reader's language: the same words as
 * describeProposalStance and restateProposalStance, which stay English. Pure.
 */
import type { BallotPhrases } from '../../decisionMethod.ts';
import { phrase, type Phrase } from '../../../shared/rules/phrase.ts';

type ProposalStance = { stance?: unknown; reason?: string };

function describeProposal(s: ProposalStance): Phrase {
  if (s.stance === 'agree') return phrase('ballots.proposal.agree');
  if (s.stance === 'abstain') return phrase('ballots.proposal.abstain');
  if (s.stance === 'object') return s.reason ? phrase('ballots.proposal.objectBecause', { reason: s.reason }) : phrase('ballots.proposal.objectNoReason');
  return phrase('ballots.unreadable');
}

function readProposal(s: ProposalStance): Phrase {
  if (s.stance === 'agree') return phrase('ballots.proposal.readAs.agree');
  if (s.stance === 'abstain') return phrase('ballots.proposal.readAs.abstain');
  if (s.stance === 'object') return s.reason ? phrase('ballots.proposal.readAs.objectBecause', { reason: s.reason }) : phrase('ballots.proposal.readAs.objectNoReason');
  return phrase('ballots.readAs.unreadable');
}

export const proposalBallotPhrases: BallotPhrases = {
  describe: (stance) => [describeProposal(stance as ProposalStance)],
  readAs: (stance) => readProposal(stance as ProposalStance),
};
