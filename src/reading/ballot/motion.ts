/**
 * A motion's ballot: yes, no or abstain, from the member's new text (the
 * reply trimmer has removed quotes and signatures; a greeting, a sign-off or
 * a comment may remain: "Yes. Good luck with the convention").
 *
 * The words are the proposal grammar's (vocabulary/: agree → yes, object →
 * no, abstain → abstain, in every language it knows), read by the proposal
 * reader itself. A ballot is stricter than a consultation's answer, so what
 * the proposal reader settles is doubt here: a correction ("yes … actually
 * no") takes nothing back, a condition ("yes if the budget passes") is not a
 * vote, a question back is not one, "I object but won't block" is neither
 * yes nor no, and two clauses that are each a different vote ("No. Yes.")
 * contradict each other whatever their order.
 */
import { DOUBT_PREFIXES, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE, PROPOSAL_PREFIXES, PROPOSAL_WORDS, type DoubtRole } from '../vocabulary/index.ts';
import { TOO_LONG } from '../stance/choice.ts';
import { afterGreeting } from '../stance/greeting.ts';
import { locateAnswer } from '../stance/locate.ts';
import { readProposalStance } from '../stance/proposal.ts';
import { proposalTokens } from '../stance/proposalGrammar.ts';
import { splitSentences, takeOutQuestions } from '../stance/questions.ts';
import { fold } from '../stance/text.ts';
import type { MotionReading, MotionVote } from './types.ts';
import { phrase, type Phrase } from '../../shared/rules/phrase.ts';

export const HOW_TO_VOTE = phrase('doubt.how.motion');

const VOTE_OF: Record<string, MotionVote> = {
  agree: 'yes', agreeShort: 'yes', object: 'no', objectShort: 'no', abstain: 'abstain', abstainShort: 'abstain',
};

// What the proposal reader resolves and a ballot may not: these words make the reply doubt.
const STRICT_DOUBTS: Partial<Record<DoubtRole, string>> = {
  correction: 'doubt.changesAnswer',
  otherwise: 'doubt.oneOrAnother',
  notBlocking: 'doubt.objectsNoBlock',
};

const doubt = (why: Phrase): MotionReading => ({ doubt: phrase('doubt.withHow', { why, how: HOW_TO_VOTE }) });

/**
 * The proposal reader's doubts speak of a proposal (agree, object or
 * abstain); a motion's ballot answers yes, no or abstain. Each doubt that
 * says so has a `.proposal` key and a `.motion` twin in the catalogue.
 */
const inVoteTerms = (why: Phrase): Phrase => (why.key.endsWith('.proposal') ? { ...why, key: `${why.key.slice(0, -'.proposal'.length)}.motion` } : why);

type Word = { text: string };

/** The longest phrase of `table` starting at word `i`, with the index after it. */
function phraseAt<R>(words: readonly Word[], i: number, table: ReadonlyMap<string, R>, prefixes: ReadonlySet<string>): { role: R; next: number } | null {
  let key = '';
  let best: { role: R; next: number } | null = null;
  for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && i + n < words.length; n++) {
    key = n === 0 ? words[i]!.text : `${key} ${words[i + n]!.text}`;
    if (!prefixes.has(key)) break;
    const role = table.get(key);
    if (role !== undefined) best = { role, next: i + n + 1 };
  }
  return best;
}

/** The words of a clause, split at punctuation and line ends. */
function clauses(folded: string): Word[][] {
  const out: Word[][] = [[]];
  for (const t of proposalTokens(folded)) {
    if (t.kind === 'word') out[out.length - 1]!.push({ text: t.text });
    else out.push([]);
  }
  return out.filter((c) => c.length > 0);
}

// Words after a vote that only point at what is voted on ("I support it", "against the motion").
const POINTERS = new Set(['it', 'this', 'that', 'the motion', 'this motion', 'the proposal', 'this proposal', 'it fully', 'this one']);
const pointsAtMotion = (rest: Word[]) => POINTERS.has(rest.map((w) => w.text).join(' '));

/** A clause that is a vote and nothing else ("No", "I vote yes", "je m'abstiens"), after its lead words. */
function wholeClauseVote(words: Word[]): MotionVote | undefined {
  let i = 0;
  for (;;) {
    const p = phraseAt(words, i, PROPOSAL_WORDS, PROPOSAL_PREFIXES);
    if (!p) return undefined;
    if (p.role !== 'lead') return p.next === words.length || pointsAtMotion(words.slice(p.next)) ? VOTE_OF[p.role] : undefined;
    i = p.next;
  }
}

/**
 * The vote a clause ends with after other words ("enfin non", "oh no"): not
 * a ballot by itself, but a later clause that says another vote than the
 * one read makes the ballot doubt ("Oui. Enfin non.").
 */
function trailingVote(words: Word[]): MotionVote | undefined {
  for (let i = 1; i < words.length; i++) {
    const p = phraseAt(words, i, PROPOSAL_WORDS, PROPOSAL_PREFIXES);
    if (p && p.next === words.length && p.role !== 'lead') return VOTE_OF[p.role];
  }
  return undefined;
}

/**
 * A doubt word outside the vote words themselves ("Sí" is a vote, "si" in
 * "sí, si el presupuesto pasa" a condition). A condition counts before the
 * vote, in its sentence, or opening the sentence right after it ("Yes. If
 * the budget passes."); in a later remark ("let me know if you need help")
 * or a mail's disclaimer it does not.
 */
function strictDoubt(text: string): Phrase | undefined {
  const sentences = splitSentences(text).map((s) => fold(s)).filter((s) => /[\p{L}\p{N}]/u.test(s));
  // Sentences since the last one holding a vote (a condition may open the one right after it).
  let sinceVote = Infinity;
  for (const sentence of sentences) {
    let hasVote = false;
    let opening = true;
    for (const words of clauses(sentence)) {
      for (let i = 0; i < words.length; opening = false) {
        let vote = phraseAt(words, i, PROPOSAL_WORDS, PROPOSAL_PREFIXES);
        // A short word is a vote only where its clause ends ("sí," but not "si el presupuesto").
        if (vote && vote.role.endsWith('Short') && vote.next < words.length) vote = null;
        const worry = phraseAt(words, i, DOUBT_WORDS, DOUBT_PREFIXES);
        if (worry && (!vote || worry.next > vote.next)) {
          const quoted = words.slice(i, worry.next).map((w) => w.text).join(' ');
          const why = STRICT_DOUBTS[worry.role];
          if (why) return phrase(why, { quote: quoted });
          if (worry.role === 'condition' && ((opening && sinceVote <= 1) || sinceVote === Infinity || hasVote)) return phrase('doubt.setsCondition', { quote: quoted });
          i = worry.next;
          continue;
        }
        if (vote && vote.role !== 'lead') hasVote = true;
        i = vote ? vote.next : i + 1;
      }
    }
    sinceVote = hasVote ? 1 : sinceVote + 1;
  }
  return undefined;
}

export function readMotionVote(text: string): MotionReading {
  const located = locateAnswer(text);
  if (located.tooLong) return doubt(TOO_LONG);
  const lines = located.text.split('\n');
  // A greeting opens the reply, on a line of its own or before the vote on the same line ("Hi all, I vote no").
  while (lines.length > 0 && afterGreeting(lines[0]!).trim() === '') lines.shift();
  if (lines.length > 0) lines[0] = afterGreeting(lines[0]!);
  const own = lines.join('\n').trim();
  if (own === '') return doubt(phrase('doubt.noVote'));

  const { questions } = takeOutQuestions(own);
  if (questions.length > 0) return doubt(phrase('doubt.questionNotVote', { quote: questions[0]! }));
  const strict = strictDoubt(own);
  if (strict) return doubt(strict);

  const reading = readProposalStance(text);
  if (reading.stance === 'unreadable') return doubt(inVoteTerms(reading.doubt ?? phrase('doubt.noMotionVote')));
  const vote = VOTE_OF[reading.stance]!;

  // "No. Yes.", "yes, no", "Oui. Enfin non.": every clause that is, or ends with, a vote must be this vote.
  const said = new Set(clauses(fold(own)).map((c) => wholeClauseVote(c) ?? trailingVote(c)).filter((v): v is MotionVote => v !== undefined));
  said.add(vote);
  if (said.size > 1) return doubt(phrase('doubt.saysBoth', { votes: { list: [...said].map((v) => phrase(`doubt.vote.${v}`)) } }));
  return { vote };
}
