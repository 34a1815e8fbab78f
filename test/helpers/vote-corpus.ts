import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The vote-replies corpus, read where it lies (../shared/corpus/vote-replies/),
 * and how a reading is compared with what a careful counter recorded (the
 * corpus README defines a match). Shared by the unit test and `npm run eval`.
 */
export const VOTE_CORPUS_DIR = fileURLToPath(new URL('../../../shared/corpus/vote-replies/', import.meta.url));

/** The questions of the corpus's two consultations (C-7, C-8), as its README gives them. */
export const VOTE_CORPUS_QUESTIONS = {
  choice: 'Where should the 2027 congress be held?',
  proposal: 'We propose raising annual dues from 10 to 12 EUR from 2027.',
} as const;

/** The options of the corpus's choice consultation (C-7). */
export const VOTE_CORPUS_OPTIONS = [
  { letter: 'A', text: 'Lisbon' },
  { letter: 'B', text: 'Montreal' },
  { letter: 'C', text: 'Nairobi' },
  { letter: 'D', text: 'Online only' },
];

export interface ExpectedChoice {
  consultation: 'choice';
  first: string | null;
  accept: string[];
  reject: string[];
  any?: boolean;
  ranking?: string[];
  unreadable?: boolean;
  note?: string;
}

export interface ExpectedProposal {
  consultation: 'proposal';
  stance: 'agree' | 'object' | 'abstain' | 'unreadable';
  reason?: string;
  note?: string;
}

export interface VoteCase {
  name: string;
  raw: Buffer;
  expected: ExpectedChoice | ExpectedProposal;
}

export function loadVoteCorpus(): VoteCase[] {
  const expected = JSON.parse(readFileSync(join(VOTE_CORPUS_DIR, 'expected.json'), 'utf8')) as Record<string, VoteCase['expected']>;
  return readdirSync(VOTE_CORPUS_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, raw: readFileSync(join(VOTE_CORPUS_DIR, name)), expected: expected[name]! }));
}

/** A reading in the corpus's schema. */
export interface CorpusReading {
  first?: string | null;
  accept?: string[];
  reject?: string[];
  any?: boolean;
  ranking?: string[];
  unreadable?: boolean;
  stance?: string;
  reason?: string;
}

const sorted = (xs: string[] | undefined) => [...(xs ?? [])].sort().join(',');
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** "every detail" as the corpus README defines a match. */
export function matchesInDetail(expected: VoteCase['expected'], got: CorpusReading): boolean {
  if (expected.consultation === 'proposal') {
    if (got.stance !== expected.stance) return false;
    if (expected.stance === 'object' && expected.reason) {
      return collapse(got.reason ?? '').toLowerCase().includes(collapse(expected.reason).toLowerCase());
    }
    return true;
  }
  if (!!expected.unreadable !== !!got.unreadable) return false;
  if (expected.unreadable) return true;
  return (expected.first ?? null) === (got.first ?? null)
    && sorted(expected.accept) === sorted(got.accept)
    && sorted(expected.reject) === sorted(got.reject)
    && !!expected.any === !!got.any
    && (expected.ranking ?? []).join(',') === (got.ranking ?? []).join(',');
}

/** What decides the outcome: first preference, rejections, stance, read or not. */
export function matchesOutcome(expected: VoteCase['expected'], got: CorpusReading): boolean {
  if (expected.consultation === 'proposal') return got.stance === expected.stance;
  if (!!expected.unreadable !== !!got.unreadable) return false;
  if (expected.unreadable) return true;
  return (expected.first ?? null) === (got.first ?? null) && sorted(expected.reject) === sorted(got.reject);
}

/** An unreadable case read as a vote: the worst error. */
export function inventedVote(expected: VoteCase['expected'], got: CorpusReading): boolean {
  const expectedUnreadable = expected.consultation === 'proposal' ? expected.stance === 'unreadable' : !!expected.unreadable;
  const gotUnreadable = expected.consultation === 'proposal' ? got.stance === 'unreadable' : !!got.unreadable;
  return expectedUnreadable && !gotUnreadable;
}
