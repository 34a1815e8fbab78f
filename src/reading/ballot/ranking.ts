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
import { isGreetingLine } from '../stance/greeting.ts';
import { locateAnswer } from '../stance/locate.ts';
import { takeOutQuestions } from '../stance/questions.ts';
import { withoutSignature } from '../stance/signature.ts';
import { ballotUnits, type Unit } from './rankingUnits.ts';
import type { BallotOption, Ranking, RankingReading } from './types.ts';

/** How to answer, with the options' own letters: "B > A > C". */
export function howToRank(options: readonly BallotOption[]): string {
  const l = options.map((o) => o.letter.toUpperCase());
  const example = (l.length >= 3 ? [l[1], l[0], l[2]] : l.length === 2 ? [l[1], l[0]] : l).join(' > ');
  const tie = l.length >= 3 ? ` (a tie with =: ${l[0]} = ${l[1]} > ${l[2]})` : '';
  return `Rank the options by their letters, best first, for example: ${example}${tie}.`;
}

/** Why a ballot cannot be read exactly; thrown inside the reader and caught by it, never out of it. */
class BallotDoubt extends Error {
  override name = 'BallotDoubt';
}
const unsure = (why: string): never => { throw new BallotDoubt(why); };

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
    return { doubt: `${e.message.replace(/[\s.?!]+$/, '')}. ${howToRank(options)}` };
  }
}

function readExactly(text: string, options: readonly BallotOption[]): Ranking {
  const located = locateAnswer(text);
  if (located.tooLong) unsure(TOO_LONG);
  const lines = located.text.split('\n');
  while (lines.length > 0 && (lines[0]!.trim() === '' || isGreetingLine(lines[0]!))) lines.shift();
  const own = lines.join('\n').trim();
  if (own === '') unsure('the reply holds no ranking');

  const { questions } = takeOutQuestions(own);
  if (questions.length > 0) unsure(`a question is not a ballot ("${questions[0]}")`);
  const worry = proxyDoubt(own) ?? undecidedDoubt(own) ?? deferredDoubt(own) ?? awayDoubt(own);
  if (worry) unsure(worry);
  for (const role of DOUBT_ROLES) {
    const phrase = findDoubtPhrase(own, role);
    if (phrase) unsure(`"${phrase}" makes the ranking uncertain`);
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

function rankingOf(units: Unit[], options: readonly BallotOption[]): Ranking {
  const refs = units.flatMap((u, i) => (u.k === 'ref' ? [i] : []));
  if (refs.length === 0) {
    const conflict = units.find((u) => u.k === 'conflict');
    unsure(conflict?.k === 'conflict' ? `"${conflict.text}" ${conflict.why}` : 'no option was found in it');
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
    if (u.k === 'conflict') unsure(`"${u.text}" ${u.why}`);
    // "I think Sunday is better. A > C": a word of one option's title names it.
    if (u.k === 'word' && optionWords.has(u.folded)) unsure(`"${u.text}" names option ${optionWords.get(u.folded)} outside the ranking`);
    if (u.k === 'word' && CHANGING_ROLES.has(CHOICE_WORDS.get(u.folded) ?? '')) unsure(`"${u.text}" ${where} the ranking may change it`);
  }
  if (where === 'before') {
    // A ranking sign before the first option: something before it was ranked too ("D is out > B").
    const last = units.filter((u) => u.k !== 'nl').pop();
    if (last && ['gt', 'eq', 'then'].includes(last.k)) unsure('the ranking starts with a sign, not an option');
    // The words on the line just before the ranking lead into it ("My ranking:", "I vote"), or end a sentence.
    let k = units.length - 1;
    if (k >= 0 && ['colon', 'nl', 'dot', 'stop', 'dash', 'comma'].includes(units[k]!.k)) return;
    for (; k >= 0 && !['nl', 'dot', 'stop', 'colon'].includes(units[k]!.k); k--) {
      const u = units[k]!;
      if (u.k === 'word' && !isLeadWord(u.folded)) unsure(`"${u.text}" runs into the ranking`);
      if (u.k === 'unknownLetter') unsure(`there is no option ${u.letter}`);
    }
    return;
  }
  // Right after the last option, the ranking must end: "> D" or "= D" with no such option is doubt.
  if (units[0] && ['gt', 'eq', 'then', 'label'].includes(units[0].k)) {
    const next = units.slice(1).find((u) => u.k !== 'nl');
    unsure(next ? `the ranking goes on with "${describe(next)}", which is no option` : 'the ranking ends with a sign, not an option');
  }
  for (const u of units) {
    if (u.k === 'nl') break;
    if (u.k === 'unknownLetter') unsure(`there is no option ${u.letter}`);
  }
  // "2nd choice" on a line of its own after the ranking: a place with no option.
  units.forEach((u, i) => {
    if (u.k === 'label' && !u.ordinal && (i === 0 || units[i - 1]!.k === 'nl')) unsure(`"${u.text}" gives a place to no option`);
  });
  // Words right after the last option, before any break, only round it off ("B please", "B for me", "… because …").
  for (const u of units) {
    if (BREAKS.has(u.k)) break;
    if (u.k === 'word' && !isLeadWord(u.folded) && CHOICE_WORDS.get(u.folded) !== 'intro') unsure(`"${u.text}" runs on after the ranking`);
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
          if (pending.size > 1 || label) unsure('a tie must be written with = alone between two options');
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
        if (label) unsure(`two places in a row ("${u.text}")`);
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
        if (units[i + 1]?.k !== 'ref' || (units[i + 2] !== undefined && units[i + 2]!.k !== 'close')) unsure('brackets inside the ranking read two ways');
        continue;
      case 'close':
        if (units[i - 2]?.k !== 'open') unsure('brackets inside the ranking read two ways');
        continue;
      case 'optword':
        continue;
      case 'unknownLetter':
        unsure(`there is no option ${u.letter}`);
        break;
      case 'conflict':
        unsure(`"${u.text}" ${u.why}`);
        break;
      default:
        unsure(`"${describe(u)}" is inside the ranking`);
    }
  }

  const seen = new Set<string>();
  for (const item of items) {
    for (const r of item.refs) {
      if (seen.has(r)) unsure(`option ${r} is named twice`);
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
  if (items.some((it) => !it.label)) unsure('some options have a place and some have not');
  if (seps.some((s) => s.has('gt') || s.has('then'))) unsure('places and ">" together read two ways');
  if (items[0]!.label!.n !== 1) unsure('the places do not start at 1');
  const tiers: Ranking = [];
  let last = 0;
  let placed = 0;
  for (const it of items) {
    const n = it.label!.n;
    if (n < last) unsure('the places are not in order');
    if (n === last) tiers[tiers.length - 1]!.push(...it.refs);
    else {
      // 1, 1, 3 (two tied first) and 1, 1, 2 are both places in order; 1, 3 skips one.
      if (n > placed + 1 && n > last + 1) unsure(`place ${n} comes after place ${last}`);
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
  if (kinds.size > 1) unsure(`the ranking mixes ${[...kinds].map(signName).join(' and ')}, which reads two ways`);
  const kind = [...kinds][0];
  if (kind === 'slash') unsure('"/" may mean "or"');
  if (kind === 'space' && items.some((it) => it.byTitle)) unsure('titles side by side without ">" read two ways');
  if (tied && kind !== undefined && kind !== 'gt' && kind !== 'nl') unsure('"=" with commas reads two ways');
  return items.map((it) => [...it.refs]);
}

const signName = (k: Sep) => ({ gt: '">"', comma: 'commas', then: '"then"', nl: 'line breaks', slash: '"/"', space: 'spaces' })[k];
