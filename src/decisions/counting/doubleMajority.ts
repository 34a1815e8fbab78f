/**
 * `Count: double-majority` (issue 22), for motions: adopted only with
 * yes > no among all votes cast AND yes > no in more than half of the
 * places that cast any vote: the branches of an international vote, the
 * chapters of a branch's own vote. Pure; the close and `tacit count` both
 * decide with it, from the total and the places' own motion counts.
 *
 * - A place "casts a vote" when it has a yes or a no (an abstention is no
 *   vote for or against, as in the total).
 * - `Branch quorum: N`: a place counts only when at least N of its members
 *   cast a ballot (abstentions included, as for the quorum).
 * - Below the total's quorum the verdict stays `no-quorum`.
 * - The result says which of the two majorities failed (`failed`).
 */
export interface UnitTally {
  place: string;
  /** branch or chapter: what the places are, for the words. */
  level: string;
  yes: number;
  no: number;
  /** Ballots cast, abstentions included. */
  cast: number;
}

export interface DoubleMajority {
  /** yes > no among all votes cast. */
  votes: { met: boolean; yes: number; no: number };
  /** yes > no in more than half of the places that cast a vote. */
  places: {
    met: boolean;
    level: string;
    /** Places that cast a vote (and met the branch quorum), by slug. */
    counted: string[];
    /** Of those, where yes > no. */
    carried: string[];
    /** More than half of the counted: ⌊counted / 2⌋ + 1. */
    needed: number;
    /** `Branch quorum:`, or null. */
    quorum: number | null;
    /** Places that cast a vote but fewer ballots than the branch quorum. */
    below_quorum: string[];
  };
  /** Which majority failed: 'votes', 'places', 'both', or null when adopted. */
  failed: 'votes' | 'places' | 'both' | null;
}

export function decideDoubleMajority(
  total: { verdict: string; yes: number; no: number },
  units: readonly UnitTally[],
  branchQuorum: number | null,
  level = units[0]?.level ?? 'branch',
): { verdict: string; double_majority: DoubleMajority } {
  const voted = units.filter((u) => u.yes + u.no > 0);
  const counted = voted.filter((u) => branchQuorum === null || u.cast >= branchQuorum);
  const carried = counted.filter((u) => u.yes > u.no);
  const needed = Math.floor(counted.length / 2) + 1;
  const placesMet = counted.length > 0 && carried.length >= needed;
  const votesMet = total.yes > total.no;
  const failed = votesMet && placesMet ? null : !votesMet && !placesMet ? 'both' : votesMet ? 'places' : 'votes';
  return {
    verdict: total.verdict === 'no-quorum' ? 'no-quorum' : failed === null ? 'adopted' : 'rejected',
    double_majority: {
      votes: { met: votesMet, yes: total.yes, no: total.no },
      places: {
        met: placesMet,
        level,
        counted: counted.map((u) => u.place),
        carried: carried.map((u) => u.place),
        needed,
        quorum: branchQuorum,
        below_quorum: voted.filter((u) => !counted.includes(u)).map((u) => u.place),
      },
      failed,
    },
  };
}
