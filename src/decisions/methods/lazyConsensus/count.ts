/** Counting a proposal under lazy consensus from grouped ballots: `add(ballot, count, voter)`. Pure. */
import type { MethodCount } from '../../decisionMethod.ts';
import type { ElectorateFigures } from '../../electorateFigures.ts';

/** A number of objections, or a percentage of the electorate. */
export type BlockRule = number | { percent: number };

export interface ProposalBallot {
  stance: 'agree' | 'object' | 'abstain';
  reason?: string;
}

/** An objection as quoted: with its objector's email only where the list names objectors. */
export interface Objection {
  email?: string;
  reason: string;
}

export interface ProposalResult extends ElectorateFigures {
  counts: { agree: number; object: number; abstain: number };
  /** Number of objections that blocks. */
  blockAt: number;
  verdict: 'adopted' | 'blocked';
  objections: Objection[];
  /** The objections with their objectors' names (the I/O looks the names up). */
  objectionsNamed?: { email: string; name: string; reason: string }[];
}

/** Objections needed to block, for a rule and an electorate size. */
export function resolveBlockThreshold(block: BlockRule | undefined, electorate: number): number {
  if (block === undefined) return 1;
  if (typeof block === 'number') return Math.max(1, Math.ceil(block));
  // Rounded up: "10%" of 45 members means 5 objections, never 4.
  return Math.max(1, Math.ceil((block.percent * electorate) / 100 - 1e-9));
}

export function createProposalCount(block: BlockRule | null): MethodCount<ProposalBallot, ProposalResult> {
  const counts = { agree: 0, object: 0, abstain: 0 };
  const objections: Objection[] = [];
  return {
    add(ballot, count, voter) {
      counts[ballot.stance] += count;
      if (ballot.stance === 'object') {
        const reason = (ballot.reason ?? '').trim();
        for (let i = 0; i < count; i++) objections.push(voter ? { email: voter, reason } : { reason });
      }
    },
    result(figures) {
      const blockAt = resolveBlockThreshold(block ?? undefined, figures.electorate);
      return {
        ...figures,
        counts: { ...counts },
        blockAt,
        verdict: counts.object >= blockAt ? 'blocked' : 'adopted',
        objections: [...objections],
      };
    },
  };
}
