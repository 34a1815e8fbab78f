/**
 * A ranked ballot over `options`, read exactly or not at all.
 *
 * Notations members use: `B > A > C`, `B>A>C`, `B, A, C`, `B then A then C`,
 * "first B, then A", `1. B 2. A 3. C` (on one line or several), "1 B / 2 A",
 * one option per line, `(B) (A) (C)`, titles instead of letters (in any case,
 * in the member's language where vocabulary/concepts.ts maps their words),
 * and ties with `=` (`A = B > C`, or two options with the same number).
 * Options left out are tied below all that are ranked (the count's rule).
 *
 * Around the ranking a reply may hold a greeting, a lead-in ("My ranking:",
 * "I vote"), a comment and a sign-off, as long as they name no option and do
 * not change the ranking. Doubt, sent back with how to answer: an option
 * twice, a letter or title that is no option (or fits two), signs that read
 * two ways (`A, B > C`), words inside the ranking ("B > A, but not A"), an
 * option named outside it, a question, a correction, a condition.
 */
import { CHOICE_WORDS, PROPOSAL_WORDS } from '../vocabulary/index.ts';
import { TOO_LONG } from '../stance/choice.ts';
import { distinctiveWords } from '../stance/choiceGrammar.ts';
import { awayDoubt, deferredDoubt, findDoubtPhrase, proxyDoubt, undecidedDoubt } from '../stance/doubt.ts';
import { afterGreeting } from '../stance/greeting.ts';
import { locateAnswer } from '../stance/locate.ts';
import { takeOutQuestions } from '../stance/questions.ts';
import { withoutSignature } from '../stance/signature.ts';
import { ballotUnits, type ConflictWhy, type Unit } from './rankingUnits.ts';
import { phrase, type Phrase } from '../../shared/rules/phrase.ts';
import type { BallotOption, Ranking, RankingReading } from './types.ts';

/** How to answer, with the options' own letters: "B > A > C". */
export function howToRank(options: readonly BallotOption[]): Phrase {
  const l = options.map((o) => o.letter.toUpperCase());
  const example = (l.length >= 3 ? [l[1], l[0], l[2]] : l.length === 2 ? [l[1], l[0]] : l).join(' > ');
  return l.length >= 3 ? phrase('doubt.how.rankTie', { example, tie: `${l[0]} = ${l[1]} > ${l[2]}` }) : phrase('doubt.how.rank', { example });
}

/** Why a ballot cannot be read exactly; thrown inside the reader and caught by it, never out of it. */
class BallotDoubt extends Error {
  override name = 'BallotDoubt';
  constructor(readonly why: Phrase) {
    super(why.key);
  }
}
const unsure = (why: Phrase): never => { throw new BallotDoubt(why); };
/** A doubt quoting the reply's own words. */
const unsureOf = (key: string, quote: string): never => unsure(phrase(key, { quote }));

// Words around a ranking that change it: "not", "except", "any", "none" (a "but" in a remark does not).
const CHANGING_ROLES = new Set(['neg', 'except', 'none', 'neither', 'either', 'any']);
// What the proposal reader resolves and a ballot may not.
const DOUBT_ROLES = ['correction', 'condition', 'otherwise', 'hedge'] as const;

export function readRanking(text: string, options: readonly BallotOption[]): RankingReading {
  try {
    // Letters are compared in capitals; the ranking gives each option's own letter back.
    const own = new Map(options.map((o) => [o.letter.toUpperCase(), o.letter]));
    return { ranking: readExactly(text, options).map((tier) => tier.map((l) => own.get(l) ?? l)) };
  } catch (e) {
    if (!(e instanceof BallotDoubt)) throw e;
    return { doubt: phrase('doubt.withHow', { why: e.why, how: howToRank(options) }) };
  }
}

function readExactly(text: string, options: readonly BallotOption[]): Ranking {
  const located = locateAnswer(text);
  if (located.tooLong) unsure(TOO_LONG);
  const lines = located.text.split('\n');
  // A greeting opens the reply, on a line of its own or before the vote on the same line ("Hi all, I vote no").
  while (lines.length > 0 && afterGreeting(lines[0]!).trim() === '') lines.shift();
  if (lines.length > 0) lines[0] = afterGreeting(lines[0]!);
  const own = lines.join('\n').trim();
  if (own === '') unsure(phrase('doubt.noRanking'));

  const { questions } = takeOutQuestions(own);
  if (questions.length > 0) unsureOf('doubt.questionNotBallot', questions[0]!);
  const worry = proxyDoubt(own) ?? undecidedDoubt(own) ?? deferredDoubt(own) ?? awayDoubt(own);
  if (worry) unsure(worry);
  for (const role of DOUBT_ROLES) {
    const found = findDoubtPhrase(own, role);
    if (found) unsureOf('doubt.uncertain', found);
  }

  // A name signed under the ranking ("Anna B.") is no part of it.
  const unsigned = withoutSignature(own);
  if (unsigned !== undefined && /\p{L}{2}/u.test(own.slice(unsigned.length))) {
    try {
      return rankingOf(ballotUnits(unsigned, options), options);
    } catch (e) {
      if (!(e instanceof BallotDoubt)) throw e;
    }
  }
  return rankingOf(ballotUnits(own, options), options);
}

const describe = (u: Unit): string => ('text' in u ? u.text : u.k === 'unknownLetter' ? u.letter : u.k);
const noSuchOption = (letter: string) => phrase('doubt.noSuchOption', { letter });
const conflictDoubt = (u: { text: string; why: ConflictWhy }) => phrase(`doubt.conflict.${u.why}`, { quote: u.text });

function rankingOf(units: Unit[], options: readonly BallotOption[]): Ranking {
  const refs = units.flatMap((u, i) => (u.k === 'ref' ? [i] : []));
  if (refs.length === 0) {
    const conflict = units.find((u) => u.k === 'conflict');
    unsure(conflict?.k === 'conflict' ? conflictDoubt(conflict) : phrase('doubt.noOption'));
  }
  let start = refs[0]!;
  const end = refs[refs.length - 1]!;
  // The place or bracket that opens the first item belongs to the ranking: "1. B", "first B", "(B)", "option B".
  while (start > 0 && ['label', 'open', 'optword'].includes(units[start - 1]!.k)) start--;
  // "1st choice: A": a place, up to two lead words and a colon.
  if (units[start]?.k !== 'label') {
    let k = start - 1;
    if (units[k]?.k === 'colon' || units[k]?.k === 'dash') k--;
    for (let w = 0; w < 2 && units[k]?.k === 'word' && isLeadWord((units[k] as { folded: string }).folded); w++) k--;
    if (k < start - 1 && units[k]?.k === 'label') start = k;
  }
  const ranking = parseCore(units.slice(start, end + 1));
  // A word of an option's own title outside the ranking names that option: doubt unless it is ranked ("D. Online is greener").
  const ranked = new Set(ranking.flat());
  const unranked = new Map(distinctiveWords([...options]).filter((d) => !ranked.has(d.letter.toUpperCase())).map((d) => [d.word, d.letter]));
  checkAround(units.slice(0, start), 'before', unranked);
  checkAround(units.slice(end + 1), 'after', unranked);
  return ranking;
}

/** The lead-in or the comment: no option, nothing that changes the ranking. */
function checkAround(units: Unit[], where: 'before' | 'after', optionWords: ReadonlyMap<string, string>): void {
  for (const u of units) {
    if (u.k === 'conflict') unsure(conflictDoubt(u));
    // "I think Sunday is better. A > C": a word of one option's title names it.
    if (u.k === 'word' && optionWords.has(u.folded)) unsure(phrase('doubt.namedOutside', { quote: u.text, letter: optionWords.get(u.folded)! }));
    if (u.k === 'word' && CHANGING_ROLES.has(CHOICE_WORDS.get(u.folded) ?? '')) unsureOf(`doubt.mayChange.${where}`, u.text);
  }
  if (where === 'before') {
    // A ranking sign before the first option: something before it was ranked too ("D is out > B").
    const last = units.filter((u) => u.k !== 'nl').pop();
    if (last && ['gt', 'eq', 'then'].includes(last.k)) unsure(phrase('doubt.startsWithSign'));
    // The words on the line just before the ranking lead into it ("My ranking:", "I vote"), or end a sentence.
    let k = units.length - 1;
    if (k >= 0 && ['colon', 'nl', 'dot', 'stop', 'dash', 'comma'].includes(units[k]!.k)) return;
    for (; k >= 0 && !['nl', 'dot', 'stop', 'colon'].includes(units[k]!.k); k--) {
      const u = units[k]!;
      if (u.k === 'word' && !isLeadWord(u.folded)) unsureOf('doubt.runsInto', u.text);
      if (u.k === 'unknownLetter') unsure(noSuchOption(u.letter));
    }
    return;
  }
  // Right after the last option, the ranking must end: "> D" or "= D" with no such option is doubt.
  if (units[0] && ['gt', 'eq', 'then', 'label'].includes(units[0].k)) {
    const next = units.slice(1).find((u) => u.k !== 'nl');
    unsure(next ? phrase('doubt.goesOn', { quote: describe(next) }) : phrase('doubt.endsWithSign'));
  }
  for (const u of units) {
    if (u.k === 'nl') break;
    if (u.k === 'unknownLetter') unsure(noSuchOption(u.letter));
  }
  // "2nd choice" on a line of its own after the ranking: a place with no option.
  units.forEach((u, i) => {
    if (u.k === 'label' && !u.ordinal && (i === 0 || units[i - 1]!.k === 'nl')) unsureOf('doubt.placeForNone', u.text);
  });
  // Words right after the last option, before any break, only round it off ("B please", "B for me", "… because …").
  for (const u of units) {
    if (BREAKS.has(u.k)) break;
    if (u.k === 'word' && !isLeadWord(u.folded) && CHOICE_WORDS.get(u.folded) !== 'intro') unsureOf('doubt.runsOn', u.text);
  }
}

const LEAD_ROLES = new Set(['filler', 'pref', 'lead']);
const BREAKS = new Set<Unit['k']>(['nl', 'dot', 'stop', 'comma', 'colon', 'dash', 'question', 'open', 'close']);
const isLeadWord = (w: string) => LEAD_ROLES.has(CHOICE_WORDS.get(w) ?? '') || PROPOSAL_WORDS.get(w) === 'lead';

type Sep = 'gt' | 'comma' | 'then' | 'nl' | 'slash' | 'space';
interface Item { refs: string[]; label?: { n: number; ordinal: boolean }; byTitle: boolean }

/** From the first option to the last: options and ranking signs only. */
function parseCore(units: Unit[]): Ranking {
  const items: Item[] = [];
  const seps: Array<Set<Sep>> = [];
  let pending = new Set<Sep | 'eq'>();
  let label: Item['label'];
  let lastWasRef = false;
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    switch (u.k) {
      case 'ref': {
        const item = items[items.length - 1];
        if (item && pending.has('eq')) {
          if (pending.size > 1 || label) unsure(phrase('doubt.tieAlone'));
          item.refs.push(u.letter);
          item.byTitle ||= u.byTitle;
        } else {
          if (item && pending.size === 0) pending.add(lastWasRef ? 'space' : 'nl');
          if (item) seps.push(pending as Set<Sep>);
          items.push({ refs: [u.letter], label, byTitle: u.byTitle });
          label = undefined;
        }
        pending = new Set();
        lastWasRef = true;
        continue;
      }
      case 'label': {
        const next = units[i + 1];
        // "B first, then A": an ordinal after an option places it.
        if (lastWasRef && u.ordinal && next?.k !== 'ref' && !items[items.length - 1]!.label && pending.size === 0) {
          items[items.length - 1]!.label = { n: u.n, ordinal: true };
          continue;
        }
        if (label) unsureOf('doubt.twoPlaces', u.text);
        label = { n: u.n, ordinal: u.ordinal };
        if (items.length > 0 && pending.size === 0) pending.add('nl');
        // "1st choice: A", "1 - B", "1: B": the words and sign after a place are part of it.
        for (let w = 0; w < 2 && units[i + 1]?.k === 'word' && isLeadWord((units[i + 1] as { folded: string }).folded); w++) i++;
        if (units[i + 1]?.k === 'dash' || units[i + 1]?.k === 'colon') i++;
        lastWasRef = false;
        continue;
      }
      case 'gt': case 'comma': case 'then': case 'nl': case 'slash': case 'eq':
        pending.add(u.k);
        lastWasRef = false;
        continue;
      case 'dot': case 'stop':
        pending.add('nl');
        lastWasRef = false;
        continue;
      case 'open':
        // "(B)": brackets around one option only.
        if (units[i + 1]?.k !== 'ref' || (units[i + 2] !== undefined && units[i + 2]!.k !== 'close')) unsure(phrase('doubt.brackets'));
        continue;
      case 'close':
        if (units[i - 2]?.k !== 'open') unsure(phrase('doubt.brackets'));
        continue;
      case 'optword':
        continue;
      case 'unknownLetter':
        unsure(noSuchOption(u.letter));
        break;
      case 'conflict':
        unsure(conflictDoubt(u));
        break;
      default:
        unsureOf('doubt.inside', describe(u));
    }
  }

  const seen = new Set<string>();
  for (const item of items) {
    for (const r of item.refs) {
      if (seen.has(r)) unsure(phrase('doubt.namedTwice', { letter: r }));
      seen.add(r);
    }
  }

  const labelled = items.filter((it) => it.label);
  // "first B, then A", "best first: B > A": a first place, then a sequence.
  const firstThen = labelled.length === 1 && items[0]!.label?.n === 1 && items.length > 1
    && seps.every((s) => s.has('then') || s.has('gt'));
  if (labelled.length > 0 && !firstThen) return byPlaces(items, seps);
  return bySequence(items, seps);
}

function byPlaces(items: Item[], seps: Array<Set<Sep>>): Ranking {
  if (items.some((it) => !it.label)) unsure(phrase('doubt.somePlaced'));
  if (seps.some((s) => s.has('gt') || s.has('then'))) unsure(phrase('doubt.placesAndGt'));
  if (items[0]!.label!.n !== 1) unsure(phrase('doubt.placesStart'));
  const tiers: Ranking = [];
  let last = 0;
  let placed = 0;
  for (const it of items) {
    const n = it.label!.n;
    if (n < last) unsure(phrase('doubt.placesOrder'));
    if (n === last) tiers[tiers.length - 1]!.push(...it.refs);
    else {
      // 1, 1, 3 (two tied first) and 1, 1, 2 are both places in order; 1, 3 skips one.
      if (n > placed + 1 && n > last + 1) unsure(phrase('doubt.placeSkips', { n, last }));
      tiers.push([...it.refs]);
    }
    last = n;
    placed += it.refs.length;
  }
  return tiers;
}

function bySequence(items: Item[], seps: Array<Set<Sep>>): Ranking {
  // A line break next to another sign only wraps the line.
  const kinds = new Set<Sep>();
  for (const s of seps) {
    const own = [...s].filter((k) => k !== 'nl');
    if (own.length === 0) kinds.add('nl');
    for (const k of own) kinds.add(k);
  }
  if (kinds.has('comma') && kinds.has('then')) kinds.delete('comma'); // "B, then A"
  const tied = items.some((it) => it.refs.length > 1);
  if (kinds.size > 1) unsure(phrase('doubt.mixes', { signs: { list: [...kinds].map((k) => phrase(`doubt.sign.${k}`)) } }));
  const kind = [...kinds][0];
  if (kind === 'slash') unsure(phrase('doubt.slash'));
  if (kind === 'space' && items.some((it) => it.byTitle)) unsure(phrase('doubt.titlesSide'));
  if (tied && kind !== undefined && kind !== 'gt' && kind !== 'nl') unsure(phrase('doubt.eqCommas'));
  return items.map((it) => [...it.refs]);
}

