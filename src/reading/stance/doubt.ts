/**
 * Doubt: replies a careful counter would not count as a vote even though
 * they name options. A vote given for someone else ("Maria asked me to say
 * B"), a letter that contradicts the name next to it ("B (Lisbon)" when B is
 * Montreal). Questions are handled by the readers: a question is never read
 * as a stance (questions.ts).
 */
import { optionTitles } from './optionTitles.ts';
import { CHOICE_PREFIXES, CHOICE_WORDS, DOUBT_PREFIXES, DOUBT_WORDS, LONGEST_PROPOSAL_PHRASE, type DoubtRole } from '../vocabulary/index.ts';
import { escapeRe, fold } from './text.ts';
import { readChoiceText } from './choiceGrammar.ts';
import type { ChoiceOption } from './types.ts';
import { phrase, type Phrase } from '../../shared/rules/phrase.ts';

// Subjects that are not people: "it says", "the name wants to say".
const IMPERSONAL: ReadonlySet<string> = new Set([
  'it', 'this', 'that', 'which', 'what', 'name', 'option', 'text', 'mail', 'email', 'proposal', 'letter', 'title', 'one', 'rule',
]);

/** The folded words of a text. */
export function wordsOf(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

/** The first phrase of the given doubt role in the text, if any. */
export function findDoubtPhrase(text: string, role: DoubtRole): string | undefined {
  const found = [...fold(text).matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  const words = found.map((m) => m[0]);
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && i + n < words.length; n++) {
      key = n === 0 ? words[i]! : `${key} ${words[i + n]!}`;
      if (!DOUBT_PREFIXES.has(key)) break;
      // "Maria says", "she votes": a one-word proxy verb needs a person before it, not
      // a thing ("it says", "the pledge says nothing about").
      if (DOUBT_WORDS.get(key) === role && !(n === 0 && role === 'proxy' && !personBefore(text, found, i))) return key;
    }
  }
  return undefined;
}

// Pronouns and relations that name a person as the subject of a verb.
const PERSONS: ReadonlySet<string> = new Set([
  'he', 'she', 'they', 'wife', 'husband', 'partner', 'spouse', 'friend', 'colleague', 'mother', 'father', 'son', 'daughter',
  'brother', 'sister', 'il', 'elle', 'er', 'sie', 'el', 'ella', 'ele', 'ela', 'lui', 'lei', 'hij', 'zij', 'ze', 'on', 'ona', 'han', 'hon',
]);

/** Whether the word before word i names a person: a pronoun, a relation, or a capitalised name that is not a thing. */
function personBefore(text: string, words: RegExpMatchArray[], i: number): boolean {
  const prev = words[i - 1];
  if (!prev) return false;
  if (PERSONS.has(prev[0])) return true;
  return !IMPERSONAL.has(prev[0]) && /\p{Lu}/u.test(text.charAt(prev.index!));
}

/** Offset just after the last phrase of the given doubt role, or -1. */
export function endOfLastPhrase(text: string, role: DoubtRole): number {
  const folded = fold(text);
  const words = [...folded.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  let end = -1;
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && i + n < words.length; n++) {
      key = n === 0 ? words[i]![0] : `${key} ${words[i + n]![0]}`;
      if (!DOUBT_PREFIXES.has(key)) break;
      if (DOUBT_WORDS.get(key) === role) end = words[i + n]!.index + words[i + n]![0].length;
    }
  }
  return end;
}

/** A vote given for someone else ("Maria asked me to say B"), or undefined. */
export function proxyDoubt(text: string): Phrase | undefined {
  const proxy = findDoubtPhrase(text, 'proxy');
  return proxy ? phrase('doubt.proxy', { quote: proxy }) : undefined;
}

// After a hesitation word, these keep it about the choice ("not sure yet", "twijfel tussen A en B").
const UNDECIDED_FOLLOWERS: ReadonlySet<string> = new Set([
  'yet', 'still', 'between', 'which', 'whether', 'what', 'nog', 'tussen', 'welke', 'noch', 'zwischen', 'welche', 'ob', 'encore',
  'entre', 'lequel', 'laquelle', 'todavia', 'aun', 'cual', 'ainda', 'qual', 'ancora', 'tra', 'fra', 'quale', 'jeszcze', 'miedzy',
  'ktora', 'ktory', 'fortfarande', 'mellan', 'vilken', 'vilket',
]);

/**
 * "Not sure yet", "I'm torn between A and B", "ik twijfel": the member has not
 * decided, whatever else the reply says. A hesitation about something else
 * ("not sure the branches could cope") goes on with other words and is a comment.
 */
export function undecidedDoubt(text: string): Phrase | undefined {
  const folded = fold(text);
  const words = [...folded.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
  for (let i = 0; i < words.length; i++) {
    let key = '';
    let found: { phrase: string; next: number } | undefined;
    for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && i + n < words.length; n++) {
      key = n === 0 ? words[i]![0] : `${key} ${words[i + n]![0]}`;
      if (!DOUBT_PREFIXES.has(key)) break;
      if (DOUBT_WORDS.get(key) === 'undecided') found = { phrase: key, next: i + n + 1 };
    }
    if (!found) continue;
    const prev = words[found.next - 1]!;
    const between = folded.slice(prev.index + prev[0].length, words[found.next]?.index ?? folded.length);
    const follower = words[found.next]?.[0] ?? '';
    if (/[^\s]/.test(between) || found.next >= words.length || UNDECIDED_FOLLOWERS.has(follower) || UNDECIDED_FOLLOWERS.has(prev[0])) {
      return phrase('doubt.undecided', { quote: found.phrase });
    }
  }
  return undefined;
}

// Choice phrases that open with a condition word but state a stance ("if possible B", "as long as it is not C").
const STANCE_ROLES: ReadonlySet<string> = new Set(['pref', 'accept', 'acceptPrefix', 'except', 'any']);

/**
 * The condition opening a sentence and ended by a comma, if any: "If the rent
 * goes up, B; otherwise C" makes the answer depend on something the counter
 * cannot know, when what follows the comma is a stance (`isStance`; a
 * disclaimer's "If you received this in error, delete it" is not). A
 * condition word alone before the comma ("Si, A") is not one.
 */
export function leadingCondition(text: string, isStance: (clause: string) => boolean): string | undefined {
  for (const sentence of fold(text).split(/[.!?\n]/)) {
    const comma = sentence.indexOf(',');
    if (comma < 0) continue;
    const words = wordsOf(sentence.slice(0, comma));
    if (words.length < 3) continue;
    let key = '';
    let condition: string | undefined;
    for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && n < words.length; n++) {
      key = n === 0 ? words[0]! : `${key} ${words[n]!}`;
      if (STANCE_ROLES.has(CHOICE_WORDS.get(key) ?? '')) return undefined;
      if (DOUBT_WORDS.get(key) === 'condition') condition = key;
    }
    if (condition && isStance(sentence.slice(comma + 1))) return sentence.slice(0, comma).trim();
  }
  return undefined;
}

/**
 * "B, if the venue is accessible; otherwise A": a condition, then an alternative for when it fails.
 * The counter cannot know which holds. A condition word that is part of a stance phrase ("if
 * possible", "if need be", "if not") is none.
 */
export function conditionWithAlternative(text: string): string | undefined {
  const words = wordsOf(fold(text));
  let condition: string | undefined;
  for (let i = 0; i < words.length; i++) {
    let key = '';
    let doubt: { role: DoubtRole; n: number } | undefined;
    let stance = false;
    for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && i + n < words.length; n++) {
      key = n === 0 ? words[i]! : `${key} ${words[i + n]!}`;
      if (!DOUBT_PREFIXES.has(key)) break;
      const role = DOUBT_WORDS.get(key);
      if (role) doubt = { role, n };
    }
    if (!doubt) continue;
    // A stance phrase starting within the condition ("only if possible", "if need be") makes it none.
    for (let k = i; k <= i + doubt.n && !stance; k++) stance = stancePhraseAt(words, k);
    if (doubt.role === 'condition' && !stance && condition === undefined) condition = words.slice(i, i + 4).join(' ');
    else if (doubt.role === 'otherwise' && condition !== undefined) return condition;
    i += doubt.n;
  }
  return undefined;
}

/** Whether a choice phrase of stance ("if possible") or ranking ("if not") starts at word k. */
function stancePhraseAt(words: string[], k: number): boolean {
  let key = '';
  for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && k + n < words.length; n++) {
    key = n === 0 ? words[k]! : `${key} ${words[k + n]!}`;
    if (!CHOICE_PREFIXES.has(key)) break;
    const choice = CHOICE_WORDS.get(key);
    if (choice && (STANCE_ROLES.has(choice) || choice === 'rank')) return true;
  }
  return false;
}

/** An autoreply or a promise to answer later ("out of the office until Monday"), whatever words it has. */
export function awayDoubt(text: string): Phrase | undefined {
  const away = findDoubtPhrase(text, 'away');
  return away ? phrase('doubt.away', { quote: away }) : undefined;
}

/**
 * "I lean towards A, but I want to see the costs before I decide": the member
 * says they will decide later, so what they lean to is not yet their answer.
 */
export function deferredDoubt(text: string, options: readonly ChoiceOption[] = []): Phrase | undefined {
  const later = findDoubtPhrase(text, 'deferred');
  // An option may be to decide later ("Decide later"): naming it is an answer.
  if (!later || options.some((o) => optionTitles(o).some((t) => wordsOf(fold(t)).join(' ').includes(later)))) return undefined;
  return phrase('doubt.deferred', { quote: later });
}

/** The sentences of a text, as typed (a line end ends one too). */
const sentencesOf = (text: string) => text.split(/[.!?\n]+/).filter((s) => /[\p{L}\p{N}]/u.test(s));

/**
 * "Maybe B", "Probablemente la C", "Chyba B": a guess, not an answer, when the
 * hedge is in a sentence that holds the stance (`isStance`); in a later remark
 * ("B. Maybe we could also print it") it is a comment.
 */
export function hedgeDoubt(text: string, isStance: (sentence: string) => boolean): Phrase | undefined {
  for (const sentence of sentencesOf(text)) {
    const hedge = findDoubtPhrase(sentence, 'hedge');
    if (hedge && isStance(sentence)) return phrase('doubt.hedge', { quote: hedge });
  }
  return undefined;
}

/**
 * "B, provided there are volunteers", "La A, siempre que haya voluntarios": a
 * stance, then a condition on it. The counter cannot know whether it holds.
 * A condition that is part of a stance phrase ("if possible", "as long as it
 * is not C") or comes after a reason ("because if …") is none.
 */
export function trailingCondition(text: string, isStance: (clause: string) => boolean): string | undefined {
  for (const sentence of sentencesOf(fold(text))) {
    const found = [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)];
    const words = found.map((m) => m[0]);
    for (let i = 1; i < words.length; i++) {
      if (CHOICE_WORDS.get(words[i - 1]!) === 'intro' && DOUBT_WORDS.get(words[i - 1]!) !== 'condition') break;
      let key = '';
      let condition: number | undefined;
      for (let n = 0; n < LONGEST_PROPOSAL_PHRASE && i + n < words.length; n++) {
        key = n === 0 ? words[i]! : `${key} ${words[i + n]!}`;
        if (!DOUBT_PREFIXES.has(key)) break;
        if (DOUBT_WORDS.get(key) === 'condition') condition = i + n + 1;
      }
      // "5%, or if that is not enough, 10%": a fallback, which the grammar reads.
      if (condition === undefined || condition >= words.length || CHOICE_WORDS.get(words[i - 1]!) === 'conj') continue;
      // A stance phrase starting within the condition ("only if possible", "if need be") makes it none.
      let stance = false;
      for (let k = i; k < condition && !stance; k++) stance = stancePhraseAt(words, k);
      if (stance) continue;
      // The first condition of a sentence only: each sentence is read once (the reader stays linear).
      if (isStance(sentence.slice(0, found[i]!.index))) return sentence.slice(found[i]!.index).trim();
      break;
    }
  }
  return undefined;
}

/** Why a choice reply that names options is still not a vote, or undefined. */
export function choiceDoubt(text: string, options: ChoiceOption[]): Phrase | undefined {
  const proxy = proxyDoubt(text);
  if (proxy) return proxy;
  const undecided = undecidedDoubt(text) ?? deferredDoubt(text, options);
  if (undecided) return undecided;
  // "Out of the office until Monday" names Monday without choosing it.
  const away = awayDoubt(text);
  if (away) return away;
  const isStance = (clause: string) => !readChoiceText(clause, options).stance.unreadable;
  const condition = leadingCondition(text, isStance) ?? conditionWithAlternative(text) ?? trailingCondition(text, isStance);
  if (condition) return phrase('doubt.condition', { quote: condition });
  const hedge = hedgeDoubt(text, isStance);
  if (hedge) return hedge;
  const folded = fold(text);
  for (const o of options) {
    for (const other of options) {
      if (other === o) continue;
      // Another option's title in any of its languages.
      for (const title of optionTitles(other)) {
        if (title.trim().length < 3) continue;
        const letter = escapeRe(o.letter.toLowerCase());
        const name = escapeRe(fold(title.trim()));
        const letterThenName = new RegExp(`(?<![\\p{L}\\p{N}])${letter}[ \\t]?[(\\[][ \\t]?${name}`, 'u');
        const nameThenLetter = new RegExp(`${name}[ \\t]?[(\\[][ \\t]?${letter}[ \\t]?[)\\]]`, 'u');
        if (letterThenName.test(folded) || nameThenLetter.test(folded)) {
          return phrase('doubt.letterVsTitle', { letter: o.letter, text: o.text ?? o.letter, title });
        }
      }
    }
  }
  return undefined;
}
