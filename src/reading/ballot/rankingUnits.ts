/**
 * A ranked ballot's text cut into units: option references (a letter, a
 * title, both), the signs of a ranking (">", "=", ",", "then", "1.",
 * "first", line ends) and the other words. Pure.
 *
 * An option is named by its letter ("B", "(B)", "b" where a ranking sign is
 * next to it: "b > a", not the article in "a good idea"), by its title
 * (folded, so any case; a word of a title also by its equivalent in another
 * language, vocabulary/concepts.ts: "Lissabon" for "Lisbon"), by a run of
 * words only one title holds ("Free Society"), or by both ("B. Montreal",
 * "Montreal (B)"; a letter and a title that disagree are a conflict).
 */
import { optionTitles } from '../stance/optionTitles.ts';
import { equivalents } from '../vocabulary/concepts.ts';
import { CHOICE_WORDS, OPTION_WORDS, ORDINALS, PROPOSAL_WORDS, SEQUENCE_WORDS } from '../vocabulary/index.ts';
import { fold, latinLookalike } from '../stance/text.ts';
import type { BallotOption } from './types.ts';

/** Why words fit no one option (catalogue keys doubt.conflict.*): a title two options share, a title with another's letter, or the reverse. */
export type ConflictWhy = 'fitsTwo' | 'titleAndLetter' | 'letterAndTitle';

export type Unit =
  | { k: 'ref'; letter: string; byTitle: boolean; text: string }
  | { k: 'conflict'; text: string; why: ConflictWhy } // a letter next to another option's title, or a title two options share
  | { k: 'unknownLetter'; letter: string }
  | { k: 'label'; n: number; ordinal: boolean; text: string }
  | { k: 'gt' } | { k: 'eq' } | { k: 'comma' } | { k: 'then' } | { k: 'nl' } | { k: 'slash' }
  | { k: 'open' } | { k: 'close' } | { k: 'dot' } | { k: 'stop' } | { k: 'colon' } | { k: 'dash' } | { k: 'question' }
  | { k: 'optword' }
  | { k: 'word'; folded: string; text: string }
  | { k: 'other'; text: string };

type Raw = { k: 'word'; text: string; folded: string } | { k: 'num'; n: number; text: string } | { k: Exclude<Unit['k'], 'ref' | 'conflict' | 'unknownLetter' | 'label' | 'then' | 'optword' | 'word'>; text: string };

// Each alternative consumes at least one character: one sticky pass, linear in the text.
const TOKEN = new RegExp([
  '(\\n)',                                                   // 1 line end
  '(->|=>|→|⇒|≻|>+)',                                        // 2 "is ranked above"
  '(=+|≈)',                                                  // 3 tie
  '([,;、])',                                                // 4 list
  '(#?\\d{1,2}(?:st|nd|rd|th|er|re|e|º|°|ª)?(?![\\p{L}\\p{N}])[.):]?)', // 5 a place: "1.", "2)", "3rd", "#1"
  '(\\d+)',                                                  // 6 any other number
  "(\\p{L}[\\p{L}\\p{M}\\p{N}'’]*(?:-[\\p{L}\\p{N}]+)*)",    // 7 a word
  '([(\\[])', '([)\\]])',                                    // 8, 9 brackets
  '(\\.)', '([!…]+)', '(:)', '([-–—•]+)', '(/)', '([?¿]+)',  // 10 … 15
  '([\\s*_"“”„«»\'`~]+)',                                    // 16 nothing (spaces, emphasis, quotes)
  '([\\s\\S])',                                              // 17 anything else
].join('|'), 'uy');

const KIND_OF_GROUP: Record<number, Raw['k']> = {
  1: 'nl', 2: 'gt', 3: 'eq', 4: 'comma', 8: 'open', 9: 'close', 10: 'dot', 11: 'stop', 12: 'colon', 13: 'dash', 14: 'slash', 15: 'question', 17: 'other',
};

function rawTokens(text: string): Raw[] {
  const out: Raw[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < text.length && (m = TOKEN.exec(text))) {
    const t = m[0];
    if (m[5]) out.push({ k: 'num', n: Number(/\d+/.exec(t)![0]), text: t });
    else if (m[6]) out.push({ k: 'other', text: t });
    else if (m[7]) out.push({ k: 'word', text: t, folded: fold(t) });
    else if (m[16]) continue;
    else {
      const group = Object.keys(KIND_OF_GROUP).map(Number).find((g) => m![g] !== undefined)!;
      out.push({ k: KIND_OF_GROUP[group]!, text: t } as Raw);
    }
  }
  return out;
}

/** The folded words of a title ("Online only" → ["online", "only"]). */
const titleWords = (title: string) => fold(title).match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? [];

const sameTitleWord = (reply: string, title: string) => reply === title || equivalents(title).includes(reply);

/**
 * The options whose whole title starts at word `i` of `raws`, with the index after the longest.
 * `titles` holds each option's titles (its own, then its other languages'), by option index.
 */
function titleAt(raws: Raw[], i: number, titles: string[][][]): { letters: number[]; next: number } | null {
  let best: { letters: number[]; next: number } | null = null;
  titles.forEach((own, o) => {
    for (const words of own) {
      if (words.length === 0) continue;
      let k = i;
      if (!words.every((w) => {
        const r = raws[k++];
        return r?.k === 'word' && sameTitleWord(r.folded, w);
      })) continue;
      if (!best || k > best.next) best = { letters: [o], next: k };
      else if (k === best.next && !best.letters.includes(o)) best.letters.push(o);
    }
  });
  return best;
}

/** The longest phrase of a word set at word `i` ("and then", "seguido de"). */
function phraseAt(raws: Raw[], i: number, set: ReadonlySet<string>): number {
  let key = '';
  let found = 0;
  for (let n = 0; n < 3 && raws[i + n]?.k === 'word'; n++) {
    key = n === 0 ? (raws[i] as { folded: string }).folded : `${key} ${(raws[i + n] as { folded: string }).folded}`;
    if (set.has(key)) found = n + 1;
  }
  return found;
}

// Signs next to which a lower-case letter is an option, not a word ("b > a", "(a)", "1. a").
const SIGN_BEFORE: ReadonlySet<string> = new Set(['gt', 'eq', 'comma', 'then', 'open', 'label', 'slash', 'optword', 'ref', 'colon']);
const SIGN_AFTER: ReadonlySet<string> = new Set(['gt', 'eq', 'comma', 'close', 'nl', 'end', 'dot', 'slash', 'stop']);

export function ballotUnits(text: string, options: readonly BallotOption[]): Unit[] {
  const raws = rawTokens(text);
  const letters = options.map((o) => o.letter.toUpperCase());
  const titles = options.map((o) => optionTitles(o).map(titleWords));
  const units: Unit[] = [];
  const push = (u: Unit) => units.push(u);
  const letterOf = (raw: Raw | undefined): string | undefined => {
    if (raw?.k !== 'word' || [...raw.text].length !== 1) return undefined;
    return latinLookalike(raw.text) ?? raw.text.toUpperCase();
  };
  // A title right after a letter ("B. Montreal", "B (Montreal)"): the same option or a conflict.
  const titleAfterLetter = (i: number, letter: string): { next: number; conflict: boolean } | null => {
    let k = i;
    let opened = false;
    if (raws[k] && ['dot', 'colon', 'dash', 'close'].includes(raws[k]!.k)) k++;
    else if (raws[k]?.k === 'open') { k++; opened = true; }
    const t = titleAt(raws, k, titles);
    if (!t) return null;
    if (opened && raws[t.next]?.k !== 'close') return null;
    const next = opened ? t.next + 1 : t.next;
    return { next, conflict: t.letters.length !== 1 || letters[t.letters[0]!] !== letter };
  };
  for (let i = 0; i < raws.length;) {
    const raw = raws[i]!;
    if (raw.k === 'num') { push({ k: 'label', n: raw.n, ordinal: false, text: raw.text }); i++; continue; }
    if (raw.k !== 'word') {
      // A bullet ("- B", "• B") opens a line: it is no sign.
      if (raw.k === 'dash' && (i === 0 || raws[i - 1]!.k === 'nl')) { i++; continue; }
      push({ k: raw.k, text: raw.text } as Unit);
      i++;
      continue;
    }
    const title = titleAt(raws, i, titles);
    if (title) {
      if (title.letters.length > 1) { push({ k: 'conflict', text: raws.slice(i, title.next).map((r) => r.text).join(' '), why: 'fitsTwo' }); i = title.next; continue; }
      const letter = letters[title.letters[0]!]!;
      let next = title.next;
      // "Montreal (B)": the letter after the title must be its own.
      if (raws[next]?.k === 'open' && letterOf(raws[next + 1]) && raws[next + 2]?.k === 'close') {
        if (letterOf(raws[next + 1]) !== letter) { push({ k: 'conflict', text: `${raw.text} (${raws[next + 1]!.text})`, why: 'titleAndLetter' }); i = next + 3; continue; }
        next += 3;
      }
      push({ k: 'ref', letter, byTitle: true, text: raws.slice(i, title.next).map((r) => r.text).join(' ') });
      i = next;
      continue;
    }
    const letter = letterOf(raw);
    if (letter) {
      const upper = raw.text !== raw.text.toLowerCase() && letter !== 'I';
      const prev = units[units.length - 1];
      const after = raws[i + 1]?.k ?? 'end';
      // Not "the next word is a letter": "Prefiro a B" is the article before B.
      const signNear = (prev !== undefined && SIGN_BEFORE.has(prev.k)) || SIGN_AFTER.has(after);
      if (letters.includes(letter) && (upper || signNear)) {
        const titled = titleAfterLetter(i + 1, letter);
        if (titled?.conflict) { push({ k: 'conflict', text: raws.slice(i, titled.next).map((r) => r.text).join(' '), why: 'letterAndTitle' }); i = titled.next; continue; }
        push({ k: 'ref', letter, byTitle: false, text: raw.text });
        i = titled ? titled.next : i + 1;
        continue;
      }
      if (!letters.includes(letter) && raw.text === raw.text.toUpperCase() && letter !== 'I' && /\p{Lu}/u.test(raw.text)) {
        push({ k: 'unknownLetter', letter });
        i++;
        continue;
      }
    }
    const ordinal = ORDINALS.get(raw.folded);
    if (ordinal !== undefined) { push({ k: 'label', n: ordinal, ordinal: true, text: raw.text }); i++; continue; }
    const seq = phraseAt(raws, i, SEQUENCE_WORDS);
    if (seq > 0) { push({ k: 'then' }); i += seq; continue; }
    if (OPTION_WORDS.has(raw.folded)) { push({ k: 'optword' }); i++; continue; }
    push({ k: 'word', folded: raw.folded, text: raw.text });
    i++;
  }
  return partialTitles(units, titles, letters);
}

/**
 * A run of words standing alone between ranking signs that only one title
 * holds, in order ("Free Society > Participatory Society"), names that option;
 * a run that several titles hold names none for sure.
 */
function partialTitles(units: Unit[], titles: string[][][], letters: string[]): Unit[] {
  const out: Unit[] = [];
  for (let i = 0; i < units.length;) {
    if (units[i]!.k !== 'word') { out.push(units[i]!); i++; continue; }
    let j = i;
    while (units[j]?.k === 'word') j++;
    const words = units.slice(i, j).map((u) => (u as { folded: string }).folded);
    const before = out[out.length - 1]?.k;
    const after = units[j]?.k;
    const standsAlone = (before === undefined || SIGN_BEFORE.has(before) || before === 'nl') && (after === undefined || SIGN_AFTER.has(after));
    // A word of the vocabulary ("only", "first") names nothing alone: the run needs a word of its own.
    const holders = standsAlone && words.some((w) => w.length >= 4 && !CHOICE_WORDS.has(w) && !PROPOSAL_WORDS.has(w))
      ? titles.map((own, o) => (own.some((t) => containsRun(t, words)) ? o : -1)).filter((o) => o >= 0)
      : [];
    const text = units.slice(i, j).map((u) => (u as { text: string }).text).join(' ');
    if (holders.length === 1) out.push({ k: 'ref', letter: letters[holders[0]!]!, byTitle: true, text });
    else if (holders.length > 1) out.push({ k: 'conflict', text, why: 'fitsTwo' });
    else out.push(...units.slice(i, j));
    i = j;
  }
  return out;
}

function containsRun(title: string[], words: string[]): boolean {
  for (let s = 0; s + words.length <= title.length; s++) {
    if (words.every((w, n) => sameTitleWord(w, title[s + n]!))) return true;
  }
  return false;
}
