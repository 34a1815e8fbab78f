/**
 * The choice grammar: tokens of a reply's own text → which options the member
 * wants, accepts or refuses. Pure; the vocabulary is data (vocabulary/).
 */
import { optionsPerVersion, optionTitles } from './optionTitles.ts';
import {
  CHOICE_PREFIXES, CHOICE_WORDS as VOCABULARY, OPTION_WORDS, ORDINALS, LONGEST_CHOICE_PHRASE as LONGEST_PHRASE, type WordRole,
} from '../vocabulary/index.ts';
import { AFTER_ADJECTIVE, BEFORE_ARTICLE, LETTER_FOLLOWERS } from '../vocabulary/letterContext.ts';
import {
  AMOUNTS, CONSEQUENCES, ELIDED, INTENSIFIERS, NOR_WORDS, NUMBER_JOINS, ONE_LETTER_CONJUNCTIONS, ORDINAL_COMPANIONS, PERCENT_WORDS, PRAISE_VERBS,
  WONDER_WORDS,
} from '../vocabulary/wordClasses.ts';
import { editDistance, escapeRe, fold, joinComment, latinLookalike, LEADING_JUNK, lineRanges } from './text.ts';
import { isGreetingLine } from './greeting.ts';
import { equivalentPhrases, equivalents } from '../vocabulary/concepts.ts';
import type { ChoiceOption, ChoiceReading, ChoiceStance } from './types.ts';

type Kind = 'word' | 'num' | 'ordinal' | 'rankp' | 'stop' | 'clause' | 'colon' | 'dash' | 'conjp' | 'open' | 'nl' | 'vote';

type Role =
  | WordRole
  | 'letter' | 'foreign' | 'prose' | 'boundary' | 'neutral';

interface Tok {
  kind: Kind;
  text: string;    // folded text
  start: number;
  end: number;
  role: Role;
  letter?: string; // for role letter/foreign
  strong?: boolean;// named by the option's own words
  upper?: boolean; // typed as a capital (a Greek/Cyrillic lookalike counts)
  contrast?: boolean; // a "but" used as a clause break
  shared?: boolean;   // a word several options have ("monthly" in "Meet monthly online" and "Meet monthly in person")
}

/**
 * A word several options share standing apart from any option named
 * ("Monthly, online or in person"): it names more than one option, so the
 * reading is unsure. Next to a named option it only repeats part of its name.
 */
function strayShared(toks: Tok[]): boolean {
  const touchesLetter = (i: number, step: number) => {
    for (let j = i + step; j >= 0 && j < toks.length; j += step) {
      const t = toks[j]!;
      if (isLetterish(t)) return true;
      // English "of" ("a raise of 5%") reads as Dutch "or"; next to a shared word it is the English one.
      // A bracket after a letter opens its description: "B (the participatory one)".
      if (!(t.shared || t.kind === 'open' || (t.kind === 'word' && (t.role === 'filler' || t.text === 'of')))) return false;
    }
    return false;
  };
  return toks.some((t, i) => t.shared === true && !touchesLetter(i, -1) && !touchesLetter(i, 1));
}

const SCAN: Array<[RegExp, Kind | null]> = [
  [/\n/y, 'nl'],
  [/[^\S\n]+/y, null],
  [/(?:e\.g\.|i\.e\.|etc\.|vs\.|approx\.|o\.k\.?|n°|nº)/y, 'word'],
  [/\d{1,2}(?:[.)]|st|nd|rd|th)(?=[\s:,]|$)/y, 'ordinal'],
  [/[+-]1(?!\d)/y, 'vote'],
  [/(?:->|=>|>>|→|⇒|≫|»|>)+/y, 'rankp'],
  [/[.!?…]+/y, 'stop'],
  [/[,;]/y, 'clause'],
  [/:/y, 'colon'],
  [/(?<=\s)-{1,2}(?=\s)|[–—]/y, 'dash'],
  [/[&/+=]/y, 'conjp'],
  [/\(/y, 'open'],
  [/\p{L}[\p{L}\p{M}\p{N}']*(?:-[\p{L}\p{N}]+)*/uy, 'word'],
  [/\d+(?:[.,:]\d+)*/y, 'num'],
  [/./suy, null],
];

/**
 * What is computed from the options alone (the words that name each, the regexes finding them),
 * once per set of options: every reply to a consultation has the same. A few sets are kept.
 */
function perOptions<T>(compute: (options: ChoiceOption[]) => T): (options: ChoiceOption[]) => T {
  const cache = new Map<string, T>();
  return (options) => {
    const key = options.map((o) => `${o.letter}\u0000${o.text ?? ''}\u0000${o.titles?.join('\u0000') ?? ''}`).join('\u0001');
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size >= 64) cache.clear();
      value = compute(options);
      cache.set(key, value);
    }
    return value;
  };
}

interface OptionMatcher {
  letter: string;
  re: RegExp;
}

const ARTICLES = new Set(['a', 'an', 'the', 'la', 'le', 'les', 'el', 'der', 'die', 'das', 'il', 'lo']);

function phraseRe(words: string[]): RegExp {
  // At most a few blanks between words: a bounded gap keeps the search linear on runs of spaces.
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRe).join('\\s{1,4}')}(?![\\p{L}\\p{N}])`, 'gu');
}

/**
 * Regexes finding an option named by its own words (full text, then the words that set it apart),
 * in each version of the options (their titles in the consultation's languages, optionTitles.ts).
 */
const optionMatchers = perOptions((options: ChoiceOption[]): OptionMatcher[] => {
  const perVersion = optionsPerVersion(options).map((version) => versionMatchers(version, options));
  // Longest first, so a full name wins over a shorter name inside it; a percentage alone comes last.
  const named = [...perVersion.flatMap((v) => v.named), ...conceptPhraseMatchers(options)];
  return [...named.sort((a, b) => b.re.source.length - a.re.source.length), ...perVersion.flatMap((v) => v.percent)];
});

/**
 * "trois mois", "three months" for "Cada tres meses": a concept's phrases of several words
 * name the option whose text has that concept, when no other option's does.
 */
function conceptPhraseMatchers(options: ChoiceOption[]): OptionMatcher[] {
  const phrases = options.map((o) => new Set(conceptKeys(o).flatMap((k) => equivalentPhrases(k))));
  return options.flatMap((o, i) => [...phrases[i]!]
    .filter((p) => phrases.every((other, j) => j === i || !other.has(p)))
    .map((p) => ({ letter: o.letter, re: phraseRe(p.split(' ')) })));
}

/** The words and pairs of words of an option's titles that may stand for a concept ("mes", "semana", "tres meses"). */
function conceptKeys(o: ChoiceOption): string[] {
  const all = optionTitles(o).map((t) => fold(t).match(/[\p{L}\p{N}-]+/gu) ?? []);
  return [...all.flat().filter((w) => w.length >= 3), ...all.flatMap((ws) => ws.slice(1).map((w, k) => `${ws[k]!} ${w}`))];
}

/** One version's matchers; the words that set an option apart are those of all its titles (`all`). */
function versionMatchers(options: ChoiceOption[], all: ChoiceOption[]): { named: OptionMatcher[]; percent: OptionMatcher[] } {
  const withText = options
    .filter((o) => o.text && o.text.trim().length >= 4 && !VOCABULARY.has(fold(o.text.trim())))
    .map((o) => ({ letter: o.letter, words: fold(o.text!).match(/[\p{L}\p{N}']+/gu) ?? [] }))
    .filter((o) => o.words.length > 0);
  const out: OptionMatcher[] = withText.map((o) => ({ letter: o.letter, re: phraseRe(o.words) }));
  if (withText.length >= 2) {
    // Drop the words every option shares at the start ("International Organization for …").
    let common = 0;
    const min = Math.min(...withText.map((o) => o.words.length));
    while (common < min && withText.every((o) => o.words[common] === withText[0]!.words[common])) common++;
    const tails = withText.map((o) => {
      let t = o.words.slice(common);
      while (t.length > 0 && ARTICLES.has(t[0]!)) t = t.slice(1);
      return { letter: o.letter, words: t, joined: ` ${t.join(' ')} ` };
    });
    for (const t of tails) {
      if (common === 0 || t.words.length < 2) continue;
      const clash = tails.some((u) => u !== t && u.joined.includes(t.joined));
      if (!clash) out.push({ letter: t.letter, re: phraseRe(t.words) });
    }
  }
  // "No Porto" (Portuguese "in Porto"), "Sin cambios": a stance word the option's own text puts before
  // one of its own words is part of its name there, not a refusal.
  const distinct = distinctiveWords(all).filter((d) => !d.strict);
  for (const o of withText) {
    for (let k = 1; k < o.words.length; k++) {
      const [before, word] = [o.words[k - 1]!, o.words[k]!];
      if (!VOCABULARY.has(before) || !distinct.some((d) => d.letter === o.letter && d.word === word)) continue;
      out.push({ letter: o.letter, re: phraseRe([before, word]) });
    }
  }
  return { named: out, percent: percentMatchers(options) };
}

const PERCENT = `(?:%|${PERCENT_WORDS.map((w) => w.split(' ').map(escapeRe).join('\\s{1,3}')).join('|')})(?![\\p{L}])`;
const NUMBER = '\\d{1,6}(?:[.,]\\d{1,6})?';
const PERCENT_IN_TEXT = new RegExp(`(?<![\\p{L}\\p{N}.,])(${NUMBER})\\s{0,2}${PERCENT}`, 'gu');

/**
 * "5%", "the 10 percent one", "5 or 10 percent": a percentage only one option's
 * text has names that option, as its words would ("Raise dues by 5%").
 */
function percentMatchers(options: ChoiceOption[]): OptionMatcher[] {
  const numbers = options.map((o) => [...fold(o.text ?? '').matchAll(PERCENT_IN_TEXT)].map((m) => m[1]!));
  const joins = NUMBER_JOINS.map(escapeRe).join('|');
  return options.flatMap((o, i) => numbers[i]!
    .filter((n) => numbers.every((other, j) => j === i || !other.includes(n)))
    .map((n) => ({
      letter: o.letter,
      re: new RegExp(
        `(?<![\\p{L}\\p{N}.,])${escapeRe(n)}(?:\\s{0,2}${PERCENT}|(?=\\s{1,3}(?:${joins})\\s{1,3}${NUMBER}\\s{0,2}${PERCENT}))`, 'gu',
      ),
    })));
}

/**
 * Words of one option's text that no other option shares ("Montreal",
 * "online", "socialism"): a reply naming one of them, or a spelling of it in
 * another language ("Lissabon", "Lisbonne", "Lisboa"), names that option.
 */
export interface DistinctiveWord {
  letter: string;
  word: string;
  /** An equivalent in another language: no misspellings allowed, only its endings. */
  strict?: boolean;
}

/**
 * Each option's words (4+ letters, not vocabulary) with their equivalents in
 * other languages (vocabulary/concepts.ts). Equivalents are foreign words:
 * they are matched strictly (see sameWord's `strict`), or a near miss of one
 * language's word would name an option in another ("valen" is not "varen").
 */
function optionWordSets(options: ChoiceOption[]): Array<Map<string, boolean>> {
  // Apostrophes split: "l'automne" is named by "automne".
  return options.map((o) => {
    const own = optionTitles(o).flatMap((t) => fold(t).match(/[\p{L}\p{N}-]+/gu) ?? [])
      .filter((w) => w.length >= 4 && !VOCABULARY.has(w) && !ARTICLES.has(w));
    const words = new Map<string, boolean>(own.map((w) => [w, false]));
    // A short word ("mes" in "Una vez al mes") is too short to name the option itself, but its
    // concept's words do ("mensual", "monthly"); so do those of two words together ("tres meses").
    for (const w of conceptKeys(o)) {
      for (const e of equivalents(w)) if (e.length >= 4 && !VOCABULARY.has(e) && !words.has(e)) words.set(e, true);
    }
    return words;
  });
}

/** Each option's distinctive words; the same array for the same options (read only). */
export const distinctiveWords = perOptions((options: ChoiceOption[]): DistinctiveWord[] => {
  const sets = optionWordSets(options);
  const out: DistinctiveWord[] = [];
  options.forEach((o, i) => {
    for (const [w, strict] of sets[i]!) {
      if (sets.some((other, j) => j !== i && [...other.keys()].some((x) => x === w || sameWord(x, w, false)))) continue;
      out.push(strict ? { letter: o.letter, word: w, strict } : { letter: o.letter, word: w });
    }
  });
  return out;
});

/** Option words more than one option has ("morning" in "Saturday morning" and "Sunday morning"): part of a name, not prose. */
const sharedOptionWords = perOptions((options: ChoiceOption[]): ReadonlySet<string> => {
  const sets = optionWordSets(options);
  const out = new Set<string>();
  sets.forEach((set, i) => {
    for (const w of set.keys()) if (sets.some((other, j) => j !== i && other.has(w))) out.add(w);
  });
  return out;
});

/**
 * The same name, allowing for another language's spelling: one word starts
 * with the other (≥ 5 letters, "lisbon"/"lisbonne"), one letter apart, or
 * two apart for a capitalised name sharing its first three letters.
 */
const stem = (w: string) => w.replace(/(?:ing|ed|es|e|s)$/, '');

export function sameWord(word: string, name: string, capitalised: boolean, strict = false): boolean {
  if (word === name) return true;
  if (word.length < 5 || word.length > 24) return false;
  const [short, long] = word.length <= name.length ? [word, name] : [name, word];
  if (long.startsWith(short) && long.length - short.length <= 3) return true;
  // English endings: "renaming" is "rename", "postponed" is "postpone".
  if (stem(word) === stem(name) && stem(word).length >= 4) return true;
  // An inflected ending ("Lizbonę" for "Lizbona") and nothing else.
  if (strict) return word.length === name.length && word.length >= 6 && word.slice(0, -1) === name.slice(0, -1);
  if (Math.abs(word.length - name.length) > 2) return false;
  // A misspelling keeps its first letter; "inline" is not "online".
  if (word[0] !== name[0]) return false;
  const d = editDistance(word, name);
  return d <= 1 || (capitalised && d <= 2 && word.slice(0, 3) === name.slice(0, 3) && name.length >= 6);
}

function findOptionSpans(folded: string, matchers: OptionMatcher[]): Map<number, { end: number; letter: string }> {
  const taken: Array<{ start: number; end: number; letter: string }> = [];
  for (const m of matchers) {
    m.re.lastIndex = 0;
    for (const hit of folded.matchAll(m.re)) {
      const start = hit.index;
      const end = start + hit[0].length;
      if (taken.some((t) => start < t.end && end > t.start)) continue;
      taken.push({ start, end, letter: m.letter });
    }
  }
  return new Map(taken.map((t) => [t.start, { end: t.end, letter: t.letter }]));
}

function tokenize(
  folded: string, source: string, spans: Map<number, { end: number; letter: string }>, distinct: DistinctiveWord[],
): Tok[] {
  const toks: Tok[] = [];
  let pos = 0;
  while (pos < folded.length) {
    const span = spans.get(pos);
    if (span) {
      toks.push({ kind: 'word', text: folded.slice(pos, span.end), start: pos, end: span.end, role: 'letter', letter: span.letter, strong: true });
      pos = span.end;
      continue;
    }
    for (const [re, kind] of SCAN) {
      re.lastIndex = pos;
      const m = re.exec(folded);
      if (!m || m[0].length === 0) continue;
      if (kind) toks.push(wordToken(kind, m[0], pos, source, distinct));
      pos += m[0].length;
      break;
    }
  }
  return toks;
}

function wordToken(kind: Kind, text: string, start: number, source: string, distinct: DistinctiveWord[]): Tok {
  const end = start + text.length;
  const tok: Tok = { kind, text, start, end, role: 'neutral' };
  if (kind !== 'word') return tok;
  const lookalike = text.length === 1 ? latinLookalike(source[start]!) : undefined;
  if (lookalike) {
    tok.text = lookalike.toLowerCase();
    tok.upper = true;
    return tok;
  }
  // An elided article ("l'automne", "d'Lisboa") does not hide the name after it.
  const name = ELIDED.test(text) ? text.replace(ELIDED, '') : text;
  if (name.length >= 4 && !VOCABULARY.has(text) && !VOCABULARY.has(name)) {
    const capitalised = /^\p{Lu}/u.test(source[start + text.length - name.length]!);
    const hit = distinct.find((d) => sameWord(name, d.word, capitalised, d.strict));
    if (hit) return { ...tok, role: 'letter', letter: hit.letter, strong: true };
    // "Nextcloud-Tabelle": a compound joined by a hyphen names the option its parts name, when they name one only.
    const parts = name.includes('-') ? name.split('-').filter((p) => p.length >= 4 && !VOCABULARY.has(p)) : [];
    const named = new Set(parts.flatMap((p) => distinct.filter((d) => sameWord(p, d.word, false, d.strict)).map((d) => d.letter)));
    if (named.size === 1) return { ...tok, role: 'letter', letter: [...named][0]!, strong: true };
  }
  return tok;
}

const ABBREVIATIONS = new Set(['opt', 'nr', 'cf', 'vs', 'approx', 'ca']);

/** Splits tokens into sentences (stop punctuation and line ends; numbered lists stay together). */
function sentences(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  let curHasOrdinal = false;
  const flush = () => {
    if (cur.length > 0) out.push(cur);
    cur = [];
    curHasOrdinal = false;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'nl') {
      let j = i + 1;
      while (j < toks.length && toks[j]!.kind === 'nl') j++;
      i = j - 1; // a run of line ends is one break
      const next = toks[j];
      if (next && next.kind === 'ordinal' && curHasOrdinal) continue;
      flush();
      continue;
    }
    if (t.kind === 'stop') {
      const prev = cur[cur.length - 1];
      if (t.text === '.' && prev && prev.kind === 'word' && ABBREVIATIONS.has(prev.text)) continue;
      flush();
      continue;
    }
    if (t.kind === 'ordinal') curHasOrdinal = true;
    cur.push(t);
  }
  flush();
  return out;
}

/** "Optoin", "opiton", "optio" are still "option". */
function looksLikeOption(w: string): boolean {
  return w.length >= 4 && w.length <= 8 && /^o/.test(w) && (editDistance(w, 'option') <= 2 || editDistance(w, 'options') <= 2);
}

const isSingleLetter = (t: Tok | undefined) => !!t && t.kind === 'word' && !t.strong && /^[a-z]$/.test(t.text);

/** The longest vocabulary phrase starting at word i of a sentence, if any. */
function longestPhraseAt(sentence: Tok[], i: number): { role: WordRole; n: number } | null {
  let key = '';
  let found: { role: WordRole; n: number } | null = null;
  for (let n = 1; n <= LONGEST_PHRASE && i + n <= sentence.length; n++) {
    const p = sentence[i + n - 1]!;
    if (p.kind !== 'word' || p.strong || isSingleLetter(p)) break;
    key = n === 1 ? p.text : `${key} ${p.text}`;
    if (!CHOICE_PREFIXES.has(key)) break;
    const role = VOCABULARY.get(key);
    if (role) found = { role, n };
  }
  return found;
}

/**
 * Gives every token of a sentence its role: multi-word phrases are merged,
 * single letters are told apart from the article "a" / pronoun "I".
 */
function resolveRoles(sentence: Tok[], original: string, letters: Set<string>, shared: ReadonlySet<string>): Tok[] {
  // 1. phrases (never across punctuation, never swallowing a single letter)
  const merged: Tok[] = [];
  for (let i = 0; i < sentence.length; i++) {
    const t = sentence[i]!;
    if (t.kind !== 'word' || t.strong || isSingleLetter(t)) {
      merged.push(t);
      continue;
    }
    let done = false;
    let found = longestPhraseAt(sentence, i);
    // Vocabularies of all languages are merged, so a phrase of one ("me va")
    // can swallow the start of a longer one of another ("va bene"): when the
    // phrase from the next word reaches further and would leave no word
    // unknown, this word stands alone.
    if (found && found.n > 1) {
      const after = sentence[i + found.n];
      const dangling = after?.kind === 'word' && !after.strong && !isSingleLetter(after) && !longestPhraseAt(sentence, i + found.n);
      const next = longestPhraseAt(sentence, i + 1);
      const alone = VOCABULARY.get(t.text);
      if (dangling && next && i + 1 + next.n > i + found.n && alone) found = { role: alone, n: 1 };
    }
    if (found) {
      merged.push({ kind: 'word', text: sentence.slice(i, i + found.n).map((p) => p.text).join(' '), start: t.start, end: sentence[i + found.n - 1]!.end, role: found.role });
      i += found.n - 1;
      done = true;
    }
    // "raising" is the "raise" of "Raise dues by 5%" and "Raise dues by 10%".
    if (!done && (shared.has(t.text) || [...shared].some((w) => sameWord(t.text, w, false)))) merged.push({ ...t, role: 'filler', shared: true });
    else if (!done) merged.push({ ...t, role: looksLikeOption(t.text) ? 'filler' : 'prose' });
  }

  // 2. punctuation roles
  for (let i = 0; i < merged.length; i++) {
    const t = merged[i]!;
    switch (t.kind) {
      case 'clause': t.role = 'boundary'; break;
      case 'colon': t.role = 'neutral'; break;
      case 'rankp': case 'ordinal': t.role = 'rank'; break;
      case 'conjp': t.role = 'conj'; break;
      case 'vote': t.role = t.text === '-1' ? 'neg' : 'pref'; break;
      case 'open': t.role = 'intro'; break;
      case 'num': t.role = 'prose'; break;
      case 'dash': t.role = isSingleLetter(merged[i + 1]) ? 'rank' : 'intro'; break;
      default: break;
    }
  }

  // 3. single letters
  const punctuationLike = (t: Tok | undefined) => !t || t.kind !== 'word';
  for (let i = 0; i < merged.length; i++) {
    const t = merged[i]!;
    if (!isSingleLetter(t)) continue;
    const upper = t.text.toUpperCase();
    const typedUpper = t.upper === true || original.slice(t.start, t.end) === upper;
    const next = merged[i + 1];
    const next2 = merged[i + 2];
    const prev = merged[i - 1];
    const nextRole = next && !isSingleLetter(next) ? next.role : undefined;
    const structural = (r: Role | undefined) =>
      r === 'conj' || r === 'rank' || r === 'but' || r === 'except' || r === 'intro' || r === 'boundary' || r === 'neither';
    let isLetter: boolean;
    // "è", "é", "à" are words (Italian "is", French "to"), never an option letter.
    const accented = !t.upper && /[^\x00-\x7f]/.test(original.slice(t.start, t.end));
    if (accented) isLetter = false;
    else if (t.text === 'a') {
      if (punctuationLike(next)) isLetter = true;
      else if (isSingleLetter(next)) {
        // Letters in a row are typed alike: "A B C", "B A C", "a b c" must not
        // lose their A. "a B" is the article ("Honestly, a C"), as is "a b"
        // after a word ("give it a b").
        const nextUpper = next!.upper === true || original.slice(next!.start, next!.end) === next!.text.toUpperCase();
        const next2Upper = isSingleLetter(next2) && (next2!.upper === true || original.slice(next2!.start, next2!.end) === next2!.text.toUpperCase());
        // "A o B", "A y C", "A e B": a one-letter conjunction between two capitals.
        if (typedUpper && !nextUpper && VOCABULARY.get(next!.text) === 'conj' && next2Upper) isLetter = true;
        else isLetter = typedUpper
          ? nextUpper
          : !nextUpper && (!prev || prev.kind !== 'word' || isSingleLetter(prev));
      } else if (['good', 'great', 'fine', 'bad', 'perfect'].includes(next!.text)) {
        isLetter = punctuationLike(next2) || AFTER_ADJECTIVE.has(next2!.text);
      } else {
        // A merged phrase ("for me") counts by its first word.
        isLetter = structural(nextRole) || nextRole === 'neg' || nextRole === 'accept' || LETTER_FOLLOWERS.has(next!.text.split(' ')[0]!);
        // "is a no", "such a …": the article.
        // (A merged phrase counts by its last word: "would be a terrible choice".)
        if (prev && prev.kind === 'word' && BEFORE_ARTICLE.has(prev.text.split(' ').at(-1)!)) isLetter = false;
      }
    } else if (t.text === 'i') {
      isLetter = punctuationLike(next)
        || structural(nextRole)
        || ['is', 'please', 'fine', 'ok', 'okay', 'acceptable', 'first', 'too', 'also'].includes(next!.text);
    } else if (ONE_LETTER_CONJUNCTIONS.has(t.text) && !typedUpper) {
      // "la C e poi la A", "B o C": a lower-case "e"/"o"/"y"/"u" between words is "and"/"or".
      isLetter = !(prev && prev.kind === 'word' && next && next.kind === 'word');
    } else {
      isLetter = true;
    }
    if (isLetter && letters.has(upper)) {
      t.role = 'letter';
      t.letter = upper;
    } else if (isLetter && typedUpper) {
      t.role = 'foreign';
      t.letter = upper;
    } else {
      t.role = VOCABULARY.get(t.text) ?? 'prose';
    }
  }

  // 4. roles that depend on the clause: "but" after "any" means except;
  //    "either"/"neither" depend on whether letters follow.
  const clauseOf = (i: number): [number, number] => {
    let s = i;
    while (s > 0 && merged[s - 1]!.role !== 'boundary') s--;
    let e = i;
    while (e < merged.length - 1 && merged[e + 1]!.role !== 'boundary') e++;
    return [s, e];
  };
  for (let i = 0; i < merged.length; i++) {
    const t = merged[i]!;
    if (t.role === 'but') {
      const [s] = clauseOf(i);
      const afterAny = merged.slice(s, i).some((x) => x.role === 'any' || x.role === 'anyWeak' || x.role === 'either' || x.role === 'none');
      t.role = afterAny ? 'except' : 'boundary';
      t.contrast = !afterAny;
    }
  }
  // "too expensive", "also far": before a word of prose, "too"/"also" qualify it, they accept nothing.
  for (let i = 0; i + 1 < merged.length; i++) {
    if (!INTENSIFIERS.has(merged[i]!.text)) continue;
    if (AMOUNTS.has(merged[i + 1]!.text)) merged[i + 1]!.role = 'prose';
    if (merged[i + 1]!.role === 'prose') merged[i]!.role = 'prose';
  }
  // "ni A ni D", "weder A noch D", "noch A noch D": the second of a pair is "nor".
  for (let i = 0; i < merged.length; i++) {
    const t = merged[i]!;
    if (t.role !== 'neither' && !NOR_WORDS.has(t.text)) continue;
    const [s, e] = clauseOf(i);
    const before = merged.slice(s, i).some((x) => x.role === 'neither' || x.role === 'conj' && NOR_WORDS.has(x.text));
    if (before) t.role = 'conj';
    else if (NOR_WORDS.has(t.text)) {
      // "noch A noch D" opens a pair; a lone "noch" is "still" ("C ist noch okay"), or a pair the reader cannot place ("A noch D").
      const pair = merged.slice(i + 1, e + 1).some((x) => NOR_WORDS.has(x.text));
      const betweenLetters = isLetterTok(merged[i - 1] ?? t) && isLetterTok(merged[i + 1] ?? t);
      t.role = pair ? 'neither' : betweenLetters ? 'prose' : 'filler';
    }
  }
  for (let i = 0; i < merged.length; i++) {
    const t = merged[i]!;
    if (t.role !== 'either' && t.role !== 'neither' && t.role !== 'anyWeak') continue;
    const [s, e] = clauseOf(i);
    const clause = merged.slice(s, e + 1);
    const hasLetters = clause.some((x) => x.role === 'letter' || x.role === 'foreign');
    if (t.role === 'either') t.role = hasLetters ? 'acceptPrefix' : 'any';
    // Alone, "neither" is "none"; a one-syllable "ni"/"nem"/"ani" is not ("ni idea" is "no idea").
    else if (t.role === 'neither') t.role = hasLetters ? 'neg' : t.text === 'neither' ? 'none' : 'prose';
    else {
      // "all"/"everything" mean "any" only when qualified: "all fine", "all except C".
      const after = merged.slice(i + 1, e + 1);
      // Unknown words between ("both weekend days work") say which ones are meant, not all.
      const upto = after.findIndex((x) => x.role === 'accept' || x.role === 'except');
      const qualified = !hasLetters && upto >= 0 && !after.slice(0, upto).some((x) => x.role === 'prose');
      const qualifiedExcept = hasLetters && after.some((x) => x.role === 'except');
      t.role = qualified || qualifiedExcept ? 'any' : 'filler';
    }
  }
  return merged;
}

const STANCE_BEARING = new Set<Role>(['neg', 'accept', 'acceptPrefix', 'pref', 'any', 'none', 'except']);

/** From token i to the end of its clause: does prose appear before a clean stop? */
function clauseHasProse(toks: Tok[], i: number): boolean {
  for (let j = i + 1; j < toks.length; j++) {
    const r = toks[j]!.role;
    // A colon after the letters ends the stance: "Not C or D I'm afraid: I can't travel".
    if (r === 'boundary' || r === 'intro' || r === 'rank' || r === 'letter' || r === 'foreign' || toks[j]!.kind === 'colon') return false;
    if (r === 'prose') return true;
  }
  return false;
}

/**
 * "Lisbon is nice but too far", "Lisbon sounds great, but it's too far": praise
 * of an option conceded by a "but" that goes on in prose is no vote for it.
 */
function conceded(toks: Tok[], anchor: number): boolean {
  const but = toks.findIndex((t, k) => k > anchor && t.contrast === true);
  if (but < 0) return false;
  const praise = toks.slice(anchor + 1, but).some((t, k, before) =>
    t.role === 'pref' && (PRAISE_VERBS.has(t.text.split(' ')[0]!) || (k > 0 && PRAISE_VERBS.has(before[k - 1]!.text))));
  if (!praise) return false;
  let end = but + 1;
  while (end < toks.length && toks[end]!.role !== 'boundary') end++;
  const after = toks.slice(but + 1, end);
  return after.some((t) => t.role === 'prose') && !after.some(isLetterish);
}

function leadStart(toks: Tok[], anchor: number): number {
  let s = anchor;
  while (s > 0 && toks[s - 1]!.role !== 'boundary' && toks[s - 1]!.role !== 'intro') s--;
  return s;
}

/** Whether the clause of the anchor asks about it ("whether", "ob", "czy") rather than choosing it. */
function asks(toks: Tok[], anchor: number): boolean {
  for (let i = anchor - 1; i >= 0 && toks[i]!.role !== 'boundary'; i--) if (WONDER_WORDS.has(toks[i]!.text)) return true;
  return false;
}

function isLetterish(t: Tok): boolean {
  return t.role === 'letter' || t.role === 'foreign';
}

function isAnchor(t: Tok): boolean {
  return t.role === 'letter' || t.role === 'foreign' || t.role === 'any' || t.role === 'none';
}

/** First anchor of a sentence; for an "any"/"none" word the words before it in its clause must not be prose. */
function findAnchor(toks: Tok[], requireCleanLead: boolean): number {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (requireCleanLead && (t.role === 'prose' || t.role === 'intro')) return -1;
    if (!isAnchor(t)) continue;
    if (t.role === 'any' || t.role === 'none') {
      const lead = toks.slice(leadStart(toks, i), i);
      if (lead.some((x) => x.role === 'prose')) continue;
    }
    return i;
  }
  return -1;
}

/** Index of the last token of the stance that starts at `anchor`. */
function scanTail(toks: Tok[], anchor: number): number {
  let last = anchor;
  for (let j = anchor + 1; j < toks.length; j++) {
    const r = toks[j]!.role;
    if (r === 'intro' || r === 'prose') return last;
    if (r === 'letter' || r === 'foreign' || STANCE_BEARING.has(r)) {
      if (clauseHasProse(toks, j)) {
        // "B > A > C later": the last place of a ranking is still a place; the words after it are the comment.
        const before = toks[j - 1];
        const ranked = (r === 'letter' || r === 'foreign') && before !== undefined && (before.kind === 'rankp' || before.role === 'rank');
        return ranked && last === j - 2 ? j : last;
      }
      last = j;
    }
  }
  // Nothing but stance words to the end of the sentence ("C last", "B, thanks"): all of it is the stance.
  return toks.length - 1;
}

interface Meaning {
  foreign: boolean;
  /** Preferences on both sides of a "but" ("C … but I prefer B"): which one? */
  contrasted: boolean;
  plainGroups: string[][];
  /** The place an ordinal word gave a single letter in its clause ("my first is B"), by letter. */
  places: Map<string, number>;
  accept: string[];
  reject: string[];
  any: boolean;
  none: boolean;
  letters: number;
}

/** Interprets the stance tokens clause by clause. */
function interpret(toks: Tok[]): Meaning {
  const m: Meaning = { foreign: false, contrasted: false, plainGroups: [], places: new Map(), accept: [], reject: [], any: false, none: false, letters: 0 };
  const clauses: Tok[][] = [[]];
  const afterContrast: boolean[] = [false];
  for (const t of toks) {
    if (t.role === 'boundary' || t.role === 'intro') {
      clauses.push([]);
      afterContrast.push(t.contrast === true);
    } else clauses[clauses.length - 1]!.push(t);
  }
  mergeListedLetters(clauses, afterContrast);
  let pendingPair: string[] | null = null;
  // The letters a clause of letters alone named, which a refusal right after it refers to.
  let bareBefore: string[][] = [];
  for (const [ci, clause] of clauses.entries()) {
    const plainBefore = m.plainGroups.length;
    const letterIdx = clause.map((t, i) => (t.role === 'letter' || t.role === 'foreign' ? i : -1)).filter((i) => i >= 0);
    if (clause.some((t) => t.role === 'foreign')) m.foreign = true;
    m.letters += letterIdx.length;
    if (letterIdx.length === 0) {
      if (clause.some((t) => t.role === 'any')) m.any = true;
      if (clause.some((t) => t.role === 'none')) m.none = true;
      // "C, no way", "la A, no", "Old Library, de ninguna manera": the refusal is of what was just named.
      if (bareBefore.length > 0 && !afterContrast[ci] && onlyRefuses(clause)) {
        for (const g of bareBefore) {
          m.plainGroups.splice(m.plainGroups.lastIndexOf(g), 1);
          m.reject.push(...g);
        }
        bareBefore = [];
      }
      // An aside between ("C is, to be honest, unacceptable") keeps what was named.
      if (clause.some((t) => STANCE_BEARING.has(t.role))) bareBefore = [];
      continue;
    }
    const negated = new Set<number>();
    clause.forEach((t, p) => {
      if (t.role !== 'neg' && t.role !== 'except') return;
      const after = letterIdx.filter((i) => i > p);
      for (const i of after.length > 0 ? after : letterIdx.filter((i) => i < p)) negated.add(i);
    });
    const firstLetter = letterIdx[0]!;
    // "fine" before the letters counts after a "but": "ma va bene anche Lisbona".
    // …or as a label before a colon: "Also OK: B".
    const labels = (p: number) => clause.slice(p + 1, firstLetter).some((x) => x.kind === 'colon');
    const accepting = clause.some((t, p) => t.role === 'acceptPrefix' || (t.role === 'accept' && (p > firstLetter || afterContrast[ci] || labels(p))));
    const groups: string[][] = [];
    let lastPositive = -1;
    for (const i of letterIdx) {
      const letter = clause[i]!.letter!;
      if (negated.has(i)) {
        m.reject.push(letter);
        continue;
      }
      if (accepting) {
        m.accept.push(letter);
        continue;
      }
      const between = lastPositive >= 0 ? clause.slice(lastPositive + 1, i) : [];
      const joined = lastPositive >= 0 && between.some((t) => t.role === 'conj') && !between.some((t) => t.role === 'rank');
      if (joined) groups[groups.length - 1]!.push(letter);
      else groups.push([letter]);
      lastPositive = i;
    }
    // "Between C and D (,) I (slightly) prefer C": the pair, then one of them again, is C over D.
    const between = clause.some((t) => t.role === 'between');
    let joined = false;
    if (pendingPair && groups.length === 1 && groups[0]!.length === 1 && pendingPair.includes(groups[0]![0]!)) {
      m.plainGroups.splice(m.plainGroups.lastIndexOf(pendingPair), 1); // pushed by the clause before
      groups.unshift(pendingPair);
      joined = true;
    }
    pendingPair = null;
    if ((between || joined) && groups.length === 2 && groups[0]!.length === 2 && groups[1]!.length === 1 && groups[0]!.includes(groups[1]![0]!)) {
      const chosen = groups[1]![0]!;
      groups.splice(0, 2, [chosen], [groups[0]!.find((l) => l !== chosen)!]);
    } else if (between && groups.length === 1 && groups[0]!.length === 2) pendingPair = groups[0]!;
    // A tie inside a ranking ("B = C > A"): from the tie on, the letters are only acceptable.
    const tieAt = groups.findIndex((g) => g.length > 1);
    if (tieAt >= 0 && tieAt < groups.length - 1) groups.splice(tieAt, groups.length - tieAt, groups.slice(tieAt).flat());
    // "second choice would be A, but my first is B": an ordinal word places the clause's one letter.
    const place = clause.map((t) => ORDINALS.get(t.text.split(' ')[0]!) ?? ORDINALS.get(t.text.split(' ').at(-1)!))
      .find((p) => p !== undefined);
    if (place !== undefined && groups.length === 1 && groups[0]!.length === 1) m.places.set(groups[0]![0]!, place);
    if (afterContrast[ci] && plainBefore > 0 && groups.length > 0) m.contrasted = true;
    for (const g of groups) m.plainGroups.push(g);
    bareBefore = clause.every((t) => isLetterTok(t) || NEUTRAL_ROLES.has(t.role ?? '') || t.role === 'neutral' || t.role === 'conj') ? groups : [];
  }
  return m;
}

/** A clause of refusal words and nothing else ("no", "no way", "de ninguna manera"). */
function onlyRefuses(clause: Tok[]): boolean {
  return clause.some((t) => t.role === 'neg') && clause.every((t) => t.role === 'neg' || t.role === 'filler' || t.role === 'neutral');
}

const isLetterTok = (t: Tok) => t.role === 'letter' || t.role === 'foreign';

/**
 * "Lisbon, Montreal and Nairobi are all out": a clause of letters only, then
 * a clause that goes on listing letters joined by "and"/"or" before its
 * stance word, is one list; the comma was not a clause break.
 */
function mergeListedLetters(clauses: Tok[][], afterContrast: boolean[]): void {
  for (let k = clauses.length - 2; k >= 0; k--) {
    const cur = clauses[k]!;
    const next = clauses[k + 1]!;
    if (cur.length === 0 || !cur.every((t) => isLetterTok(t) || t.role === 'conj')) continue;
    if (next.length === 0 || !isLetterTok(next[0]!) || afterContrast[k + 1]) continue;
    const firstStance = next.findIndex((t) => t.role === 'neg' || t.role === 'accept' || t.role === 'except');
    if (firstStance < 0) continue;
    const listed = next.slice(0, firstStance);
    if (!listed.some((t) => t.role === 'conj') || listed.filter(isLetterTok).length < 2) continue;
    const comma: Tok = { ...next[0]!, kind: 'conjp', role: 'conj', text: ',' };
    clauses.splice(k, 2, [...cur, comma, ...next]);
    afterContrast.splice(k + 1, 1);
  }
}

const uniq = (xs: string[]) => [...new Set(xs)];

function stanceFromMeaning(m: Meaning, allLetters: string[]): ChoiceStance | null {
  if (m.foreign) return null;
  if (m.letters === 0) {
    if (m.none) return { first: null, reject: [...allLetters] };
    if (m.any) return { first: null, any: true };
    return null;
  }
  let first: string | null = null;
  let ranking: string[] | undefined;
  // Single letters in order are preferences (a ranking when several);
  // letters joined by and/or are acceptable together, without an order.
  let singles = m.plainGroups.filter((g) => g.length === 1).map((g) => g[0]!);
  // Every single letter placed by an ordinal word, each place once: that order,
  // even across a "but". Otherwise preferences on both sides of a "but" are doubt.
  const places = singles.map((l) => m.places.get(l));
  const allPlaced = singles.length > 1 && places.every((p) => p !== undefined) && new Set(places).size === places.length;
  if (allPlaced) singles = [...singles].sort((a, b) => m.places.get(a)! - m.places.get(b)!);
  else if (m.contrasted) return null;
  const sets = m.plainGroups.filter((g) => g.length > 1).flat();
  if (singles.length > 0) {
    const distinct = uniq(singles);
    if (distinct.length === 1) first = distinct[0]!;
    else if (distinct.length !== singles.length) return null; // a ranking naming an option twice
    else {
      first = singles[0]!;
      ranking = singles;
    }
  }
  const accept = [...sets, ...m.accept];
  const reject = uniq(m.none ? [...m.reject, ...allLetters] : m.reject);
  const acceptU = uniq(accept);
  const positive = new Set([...(first ? [first] : []), ...(ranking ?? []), ...acceptU]);
  if (reject.some((l) => positive.has(l))) return null; // "B, not B"
  const stance: ChoiceStance = { first };
  if (ranking) stance.ranking = ranking;
  if (acceptU.length > 0) stance.accept = acceptU;
  if (reject.length > 0) stance.reject = reject;
  // "Any is fine, slight preference for C": every option fine, C first. Not when
  // the "any" is about a set ("A o B, me da igual") or qualified by a rejection.
  if (m.any && reject.length === 0 && sets.length === 0) stance.any = true;
  return stance;
}

function unreadableChoice(text: string): ChoiceReading {
  return { stance: { unreadable: true }, comment: text.trim() };
}

const MAX_SENTENCE_TOKENS = 120;
// Words of prose that make a sentence discussion rather than a short aside ("Thanks!").
const DISCUSSION_WORDS = 4;

/**
 * Words naming the same option, side by side or with only neutral words
 * between, are one name ("samedi matin" for "Saturday morning", "cena en un
 * restaurante" for "Restaurant dinner").
 */
function mergeSameOption(toks: Tok[], letters: ReadonlySet<string>): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    if (t.strong && t.role === 'letter') {
      let k = out.length - 1;
      while (k >= 0 && out.length - 1 - k < MAX_WORDS_INSIDE_NAME && isNeutralWord(out[k]!, letters)) k--;
      const prev = out[k];
      if (prev && prev.strong && prev.role === 'letter' && prev.letter === t.letter) {
        out.length = k;
        out.push({ ...prev, end: t.end, text: `${prev.text} ${t.text}` });
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/**
 * Options whose name is a refusal of their own word ("Inget läger i år", "Kein Umzug"), by letter.
 * A two-letter refusal is left out: "no" is a refusal in English, "in the" in Portuguese ("No Porto").
 */
export const negatedOptions = perOptions((options: ChoiceOption[]): ReadonlySet<string> => {
  const distinct = distinctiveWords(options);
  const out = new Set<string>();
  for (const o of options) {
    const words = fold(o.text ?? '').match(/[\p{L}\p{N}']+/gu) ?? [];
    words.forEach((w, k) => {
      const before = words[k - 1] ?? '';
      const role = VOCABULARY.get(before);
      if ((role === 'neg' || role === 'none') && before.length >= 3 && distinct.some((d) => d.letter === o.letter && d.word === w)) out.add(o.letter);
    });
  }
  return out;
});

/**
 * "Kein Lager", "no camp" for "Inget läger i år": a refusal word right before
 * the word of an option whose own name refuses it is that option's name, not
 * a refusal of it.
 */
function negatedNames(toks: Tok[], options: ChoiceOption[]): Tok[] {
  const negated = negatedOptions(options);
  if (negated.size === 0) return toks;
  return toks.flatMap((t, k) => {
    const next = toks[k + 1];
    const refusal = t.kind === 'word' && !t.strong && ['neg', 'none'].includes(VOCABULARY.get(t.text) ?? '');
    if (refusal && next?.strong && next.role === 'letter' && negated.has(next.letter!)) return [];
    if (t.strong && t.role === 'letter' && negated.has(t.letter!) && k > 0 && toks[k - 1]!.kind === 'word' && !toks[k - 1]!.strong
      && ['neg', 'none'].includes(VOCABULARY.get(toks[k - 1]!.text) ?? '')) return [{ ...t, start: toks[k - 1]!.start }];
    return [t];
  });
}

const MAX_WORDS_INSIDE_NAME = 3;
const NEUTRAL_ROLES: ReadonlySet<string> = new Set(['filler']);
// A one-letter word between is neutral only when it is no option's letter ("w parku", not "A B").
const isNeutralWord = (t: Tok, letters: ReadonlySet<string>) => t.kind === 'word' && t.role === 'neutral'
  && !(t.text.length === 1 && letters.has(t.text.toUpperCase()))
  && (!VOCABULARY.has(t.text) || NEUTRAL_ROLES.has(VOCABULARY.get(t.text)!));

/** Reads the member's own text of a choice reply (see stance.ts for the forms understood). */
export function readChoiceText(text: string, options: readonly (string | ChoiceOption)[]): ChoiceReading {
  const opts: ChoiceOption[] = options.map((o) => (typeof o === 'string' ? { letter: o } : o))
    .map((o) => ({ ...o, letter: o.letter.trim().toUpperCase() }));
  const allLetters = opts.map((o) => o.letter);
  const letterSet = new Set(allLetters);
  const source = text.normalize('NFC').replace(/\r\n?/g, '\n');
  const folded = fold(source);
  const toks = mergeSameOption(negatedNames(tokenize(folded, source, findOptionSpans(folded, optionMatchers(opts)), distinctiveWords(opts)), opts), letterSet);
  const shared = sharedOptionWords(opts);
  // A stance is a short sentence; longer ones are prose, and leaving them out
  // keeps the work per sentence bounded (the reader stays linear in the text).
  const sents = sentences(toks).filter((s) => s.length <= MAX_SENTENCE_TOKENS)
    .map((s) => ordinalNamesOption(resolveRoles(s, source, letterSet, shared), allLetters));
  const lines = lineRanges(source);
  const lineAt = lineIndex(source);

  // Greeting lines before any stance are not a comment.
  let prefixStart = 0;
  for (const s of sents) {
    const line = lines[lineAt[s[0]!.start]!]!;
    if (findAnchor(s, false) >= 0 || !isGreetingLine(source.slice(line.start, line.end))) break;
    prefixStart = Math.max(prefixStart, line.end);
  }

  // The stance: the first sentence whose stance stands clear of prose; failing
  // that, the first sentence naming an option at all ("B makes more sense").
  let main = -1;
  let mainAnchor = -1;
  let fallback = -1;
  for (let si = 0; si < sents.length && main < 0; si++) {
    const s = sents[si]!;
    let anchor = findAnchor(s, false);
    if (anchor < 0) continue;
    // "I wonder whether A sounds too vague, but I'll go with C": a question gives no stance; the next clause may.
    while (anchor >= 0 && asks(s, anchor)) {
      let end = anchor;
      while (end < s.length && s[end]!.role !== 'boundary') end++;
      const later = end < s.length ? findAnchor(s.slice(end + 1), true) : -1;
      anchor = later < 0 ? -1 : end + 1 + later;
    }
    if (anchor < 0) continue;
    if (isLetterish(s[anchor]!) && conceded(s, anchor)) continue;
    // An option after prose, and after "so"/"because" another ("we have ten members in our branch, so C"):
    // the first is named in passing.
    const intro = s.findIndex((t, k) => k > anchor && t.role === 'intro');
    const inPassing = intro > 0 && s.slice(leadStart(s, anchor), anchor).some((t) => t.role === 'prose')
      && s.slice(intro + 1).some((t) => isLetterish(t) && t.letter !== s[anchor]!.letter || t.role === 'neg' || t.role === 'except');
    // Prose before the option and no word of stance in its clause ("I have choir practice on Monday
    // evening"): a remark about the option, not a choice of it.
    let clauseEnd = anchor;
    while (clauseEnd + 1 < s.length && s[clauseEnd + 1]!.role !== 'boundary' && s[clauseEnd + 1]!.role !== 'intro') clauseEnd++;
    // (A letter typed as a letter after prose is still a vote: "I'd give it a B".)
    const remark = s[anchor]!.strong === true && s.slice(leadStart(s, anchor), anchor).some((t) => t.role === 'prose')
      && !s.slice(leadStart(s, anchor), clauseEnd + 1).some((t) => STANCE_BEARING.has(t.role));
    let so = clauseEnd + 1;
    while (s[so]?.role === 'boundary' && s[so]!.kind === 'clause') so++;
    if ((remark || inPassing) && !clauseHasProse(s, anchor) && CONSEQUENCES.has(s[so]?.text ?? '')) {
      // "I can't travel this spring, so postpone please": the stance is the clause after "so".
      const later = findAnchor(s.slice(so + 1), true);
      const at = so + 1 + later;
      if (later >= 0 && !(isLetterish(s[at]!) && clauseHasProse(s, at))) {
        main = si;
        mainAnchor = at;
        continue;
      }
    }
    if (isLetterish(s[anchor]!) && (clauseHasProse(s, anchor) || inPassing || remark)) {
      if (fallback < 0) fallback = si;
    } else {
      main = si;
      mainAnchor = anchor;
    }
  }
  if (main < 0 && fallback < 0) return unreadableChoice(source);

  if (main < 0) {
    // The anchor's own clause goes on in prose: keep the letter, refuse if other
    // letters are in that prose, keep the sentence as comment.
    const s = sents[fallback]!;
    const anchor = findAnchor(s, false);
    if (s.slice(anchor + 1).some(isLetterish)) return unreadableChoice(source);
    // Only with a word of preference in the clause ("B makes more sense", "the Montreal venue
    // looks great"): an option named in passing ("Nairobi would be hard to get to") is no vote.
    let clauseEnd = anchor;
    while (clauseEnd + 1 < s.length && s[clauseEnd + 1]!.role !== 'boundary') clauseEnd++;
    if (!s.slice(leadStart(s, anchor), clauseEnd + 1).some((t) => t.role === 'pref' || t.role === 'accept')) return unreadableChoice(source);
    // A negation in that prose may turn it round ("B geht bei mir nicht"): doubt.
    if (s.slice(leadStart(s, anchor), clauseEnd + 1).some((t) => t.role === 'neg' || t.role === 'except')) return unreadableChoice(source);
    if (sents.slice(fallback + 1).some((x) => x.some(isLetterish))) return unreadableChoice(source);
    const stance = stanceFromMeaning(interpret(s.slice(leadStart(s, anchor), anchor + 1)), allLetters);
    const prefix = source.slice(prefixStart, s[0]!.start);
    return stance ? { stance, comment: joinComment(prefix, source.slice(s[0]!.start)) } : unreadableChoice(source);
  }

  const s = sents[main]!;
  const anchor = mainAnchor;
  const last = scanTail(s, anchor);
  const spanToks = s.slice(leadStart(s, anchor), last + 1);
  const taken: Array<[number, number]> = [[s[0]!.start, s[last]!.end]];
  // "B (C would also be ok)": a parenthesis of pure stance right after the stance is part of it.
  const paren = last + 1;
  const inParen = s[paren]?.kind === 'open' ? findAnchor(s.slice(paren + 1), true) : -1;
  if (inParen >= 0 && !(isLetterish(s[paren + 1 + inParen]!) && clauseHasProse(s, paren + 1 + inParen))) {
    const cl = scanTail(s, paren + 1 + inParen);
    spanToks.push({ ...s[paren]!, kind: 'clause', role: 'boundary' }, ...s.slice(paren + 1, cl + 1));
    taken.push([s[paren]!.start, s[cl]!.end]);
  }
  // Later clauses that are pure stance ("Not C.", "Montreal and online are both fine too") join it,
  // until a sentence of discussion: what follows that is part of the comment.
  for (let ci = main + 1; ci < sents.length; ci++) {
    const c = sents[ci]!;
    if (isDiscussion(c, /\n[^\S\n]*\n/.test(source.slice(sents[ci - 1]!.at(-1)!.end, c[0]!.start)))) break;
    // "C. Not.", "C… never": a sentence that only refuses, right after the stance, is about it.
    if (ci === main + 1 && onlyRefuses(c)) {
      spanToks.push({ ...c[0]!, kind: 'clause', role: 'boundary' }, ...c);
      taken.push([c[0]!.start, c.at(-1)!.end]);
      continue;
    }
    for (const from of clauseStarts(c)) {
      const a = findAnchor(c.slice(from), true);
      if (a < 0) continue;
      const at = from + a;
      if (isLetterish(c[at]!) && clauseHasProse(c, at)) continue;
      const cl = scanTail(c, at);
      spanToks.push({ ...c[from]!, kind: 'clause', role: 'boundary' }, ...c.slice(from, cl + 1));
      taken.push([c[from]!.start, c[cl]!.end]);
      break;
    }
  }
  const stance = stanceFromMeaning(interpret(spanToks), allLetters);
  if (!stance || strayShared(spanToks) || strayShared(s)) return unreadableChoice(source);
  // "Either weekend day is fine, not C": an "any" whose own sentence goes on
  // to name an option is not consent to every option.
  // "Any except postponing": an exception the reader could not match to an option.
  if (stance.any && (s.slice(last + 1).some(isLetterish) || s[last + 1]?.role === 'except')) return unreadableChoice(source);
  const prefix = source.slice(prefixStart, s[0]!.start);
  return { stance, comment: joinComment(prefix, withoutRanges(source, taken, s[0]!.start)) };
}

// Roles an ordinal naming an option may stand among ("la segunda, por favor", "die zweite ist am besten").
const AROUND_ORDINAL: ReadonlySet<Role> = new Set(['filler', 'pref', 'accept', 'neutral', 'boundary']);

/**
 * "La segunda.", "Die zweite.", "Det första alternativet.", "Druga opcja.": in a
 * sentence naming no option otherwise, one ordinal word next to an article or a
 * word for "option" names the option at that place in the list mailed.
 */
function ordinalNamesOption(s: Tok[], letters: string[]): Tok[] {
  if (s.some((t) => isAnchor(t) || t.role === 'neg' || t.role === 'except' || t.role === 'prose' && !ORDINALS.has(t.text))) return s;
  const ordinals = s.map((t, i) => ({ i, words: t.text.split(' ') }))
    .filter(({ words }) => words.some((w) => ORDINALS.has(w)));
  if (ordinals.length !== 1) return s;
  const { i, words } = ordinals[0]!;
  const place = ORDINALS.get(words.find((w) => ORDINALS.has(w))!)!;
  const companion = (t: Tok | undefined) => !!t && t.kind === 'word' && (ORDINAL_COMPANIONS.has(t.text) || OPTION_WORDS.has(t.text));
  const accompanied = words.length > 1 ? words.some((w) => OPTION_WORDS.has(w)) : companion(s[i - 1]) || companion(s[i + 1]);
  const rest = s.filter((t, k) => k !== i && !companion(t));
  if (!accompanied || place > letters.length || !rest.every((t) => t.kind !== 'word' ? t.kind !== 'ordinal' : AROUND_ORDINAL.has(t.role))) return s;
  return s.map((t, k) => (k === i ? { ...t, role: 'letter', letter: letters[place - 1]! } : t));
}

/**
 * A sentence of discussion: prose before any "because"/"if" (a stance with a reason is none), and
 * in the same paragraph as the stance, before any option too ("Not C or D I'm afraid: I can't travel").
 */
function isDiscussion(s: Tok[], newParagraph: boolean): boolean {
  const stop = s.findIndex((t) => t.role === 'intro' || (!newParagraph && isLetterish(t)));
  return s.slice(0, stop < 0 ? s.length : stop).filter((t) => t.role === 'prose').length >= DISCUSSION_WORDS;
}

/** Where clauses begin in a sentence: its start and after each boundary or comment word. */
function clauseStarts(toks: Tok[]): number[] {
  const out = [0];
  toks.forEach((t, i) => {
    if ((t.role === 'boundary' || t.role === 'intro') && i + 1 < toks.length) out.push(i + 1);
  });
  return out;
}

/** The text from `from` on, without the stance ranges, tidied at the joins. */
function withoutRanges(source: string, ranges: Array<[number, number]>, from: number): string {
  const parts: string[] = [];
  let pos = from;
  for (const [start, end] of ranges) {
    if (start > pos) parts.push(source.slice(pos, start));
    pos = Math.max(pos, end);
  }
  parts.push(source.slice(pos));
  return parts.map((p) => p.replace(LEADING_JUNK, '').trim()).filter((p) => p !== '').join('\n');
}

/** The line number of every offset (one pass). */
function lineIndex(source: string): Int32Array {
  const at = new Int32Array(source.length + 1);
  let line = 0;
  for (let i = 0; i <= source.length; i++) {
    at[i] = line;
    if (source[i] === '\n') line++;
  }
  return at;
}
