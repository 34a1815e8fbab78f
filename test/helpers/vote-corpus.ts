import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sentText } from '../../src/reading/stance/sentText.ts';
import type { ChoiceOption } from '../../src/reading/stance.ts';

/**
 * The vote-replies corpora, read where they lie (../shared/corpus/vote-replies/
 * and vote-replies-2/), and how a reading is compared with what a careful
 * counter recorded (each corpus README defines a match). Used by `npm run eval`
 * only: `npm test` passes in a clone with no ../shared beside it.
 */
const CORPORA_DIR = fileURLToPath(new URL('../../../shared/corpus/', import.meta.url));

export interface VoteCorpus {
  name: string;
  dir: string;
  options: ChoiceOption[];
  /** What Tacit sent for each consultation, as the reply handler gives it to the trimmer. */
  sent: Record<'choice' | 'proposal', string>;
  /** The expected reasons are paraphrases (vote-replies-2/README): matched by their words, not verbatim. */
  paraphrasedReasons: boolean;
}

/** The options of the first corpus's choice consultation (C-7). */
export const VOTE_CORPUS_OPTIONS: ChoiceOption[] = [
  { letter: 'A', text: 'Lisbon' },
  { letter: 'B', text: 'Montreal' },
  { letter: 'C', text: 'Nairobi' },
  { letter: 'D', text: 'Online only' },
];

const INTERIM_NAMES: ChoiceOption[] = [
  { letter: 'A', text: 'International Organization for a Free Society' },
  { letter: 'B', text: 'International Organization for a Participatory Society' },
  { letter: 'C', text: 'International Organization for Participatory Socialism' },
];

export const VOTE_CORPORA: VoteCorpus[] = [
  {
    name: 'vote-replies/',
    dir: join(CORPORA_DIR, 'vote-replies'),
    options: VOTE_CORPUS_OPTIONS,
    // The questions of the corpus's two consultations (C-7, C-8), as its README gives them.
    sent: {
      choice: sentText({ question: 'Where should the 2027 congress be held?', options: VOTE_CORPUS_OPTIONS }),
      proposal: sentText({ question: 'We propose raising annual dues from 10 to 12 EUR from 2027.' }),
    },
    paraphrasedReasons: false,
  },
  {
    name: 'vote-replies-2/',
    dir: join(CORPORA_DIR, 'vote-replies-2'),
    options: INTERIM_NAMES,
    // The copies this corpus's replies quote (its README): the question, how to answer, the options.
    sent: {
      choice: sentText({
        question: 'Interim name for the organization',
        description: 'Reply with the letter of the option you prefer (A, B or C), a ranking such\nas B > C > A, or say which options you cannot accept. No reply by Mon, 7 Dec\n2026 18:00 UTC counts as consent to every option.',
        options: INTERIM_NAMES,
      }),
      proposal: sentText({
        question: 'Adopt the interim membership pledge',
        description: 'Until the founding congress adopts statutes, everyone who joins is\nasked to accept this pledge:\n\n"I support the aims set out in the founding call, I will take part in\nthe organization\'s decisions in good faith, and I will not speak in\nits name on questions it has not decided."',
      }),
    },
    paraphrasedReasons: true,
  },
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

export function loadVoteCorpus(corpus: VoteCorpus): VoteCase[] {
  const expected = JSON.parse(readFileSync(join(corpus.dir, 'expected.json'), 'utf8')) as Record<string, VoteCase['expected']>;
  return readdirSync(corpus.dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((name) => ({ name, raw: readFileSync(join(corpus.dir, name)), expected: expected[name]! }));
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

// Words too common to tell one reason from another.
const COMMON = new Set(['that', 'this', 'with', 'would', 'from', 'have', 'been', 'which', 'there', 'their', 'they', 'about', 'should', 'could']);
const wordsOf = (s: string) => (s.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !COMMON.has(w));

/**
 * A paraphrased reason matches loosely: a third of its words (by their first five letters) are in
 * the stored reason. A reason the member wrote in another language than the paraphrase shares no
 * words with it; it is checked for being there at all.
 */
function paraphraseMatches(paraphrase: string, reason: string): boolean {
  const stored = new Set(wordsOf(reason).map((w) => w.slice(0, 5)));
  if (stored.size === 0) return false;
  const wanted = wordsOf(paraphrase).map((w) => w.slice(0, 5));
  const found = wanted.filter((w) => stored.has(w)).length;
  const english = (reason.toLowerCase().match(/\p{L}+/gu) ?? []).some((w) => ['the', 'that', 'with', 'and', 'would', 'should', 'because'].includes(w));
  return found * 3 >= wanted.length || !english;
}

/** "every detail" as the corpus README defines a match. */
export function matchesInDetail(expected: VoteCase['expected'], got: CorpusReading, paraphrasedReasons = false): boolean {
  if (expected.consultation === 'proposal') {
    if (got.stance !== expected.stance) return false;
    if (expected.stance === 'object' && expected.reason) {
      if (paraphrasedReasons) return paraphraseMatches(expected.reason, got.reason ?? '');
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

/** A readable answer counted as something the member did not say (a different outcome). */
export function countedNotSaid(expected: VoteCase['expected'], got: CorpusReading): boolean {
  const expectedUnreadable = expected.consultation === 'proposal' ? expected.stance === 'unreadable' : !!expected.unreadable;
  const gotUnreadable = expected.consultation === 'proposal' ? got.stance === 'unreadable' : !!got.unreadable;
  return !expectedUnreadable && !gotUnreadable && !matchesOutcome(expected, got);
}

/** A plain answer sent back to the member as doubt ("please answer again"). */
export function sentBackAsDoubt(expected: VoteCase['expected'], got: CorpusReading): boolean {
  const expectedUnreadable = expected.consultation === 'proposal' ? expected.stance === 'unreadable' : !!expected.unreadable;
  const gotUnreadable = expected.consultation === 'proposal' ? got.stance === 'unreadable' : !!got.unreadable;
  return !expectedUnreadable && gotUnreadable;
}

/** An unreadable case read as a vote: the worst error. */
export function inventedVote(expected: VoteCase['expected'], got: CorpusReading): boolean {
  const expectedUnreadable = expected.consultation === 'proposal' ? expected.stance === 'unreadable' : !!expected.unreadable;
  const gotUnreadable = expected.consultation === 'proposal' ? got.stance === 'unreadable' : !!got.unreadable;
  return expectedUnreadable && !gotUnreadable;
}
