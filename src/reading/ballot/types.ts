/**
 * What a formal vote's reply reads as. A ballot is read exactly or not at
 * all: anything the reader is not sure of is `doubt`, sent back to the member
 * with how to answer, never counted.
 */
import type { Phrase } from '../../shared/rules/phrase.ts';

export type MotionVote = 'yes' | 'no' | 'abstain';

export type MotionReading = { vote: MotionVote } | { doubt: Phrase };

/** A ranking: tiers best first, each tier the option letters tied there (`A = B > C` → [["A","B"],["C"]]). */
export type Ranking = string[][];

export type RankingReading = { ranking: Ranking } | { doubt: Phrase };

export interface BallotOption {
  letter: string;
  text: string;
  /** The same option's title in the consultation's other languages: naming it by any of them names it. */
  titles?: readonly string[];
}
