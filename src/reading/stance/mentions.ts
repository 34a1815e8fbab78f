/**
 * The second reading: a mention-and-polarity scorer, independent of the
 * grammars. It finds every mention of an option (its letter typed as a
 * capital, or a word of its title only it has) and gives each the polarity of
 * its clause from the lexicon (vocabulary/): against when the clause holds a
 * refusal word, for otherwise; a clause of refusal words alone turns the
 * clause before it ("C, no way"). Questions and conditional sentences give no
 * polarity. A proposal reply gets the set of stance words it holds.
 *
 * The readers count a reply only when this reading does not contradict the
 * grammar's: an option the grammar counts for that is only ever refused here,
 * or one it refuses that is only ever wanted here, is doubt (check.ts).
 * One pass over the text, a bounded phrase lookup per word: linear.
 */
import { optionTitles } from './optionTitles.ts';
import { distinctiveWords, negatedOptions, sameWord } from './choiceGrammar.ts';
import { fold } from './text.ts';
import type { ChoiceOption } from './types.ts';
import {
  CHOICE_PREFIXES, CHOICE_WORDS, DOUBT_PREFIXES, DOUBT_WORDS, LONGEST_CHOICE_PHRASE, LONGEST_PROPOSAL_PHRASE, PROPOSAL_PREFIXES, PROPOSAL_WORDS,
} from '../vocabulary/index.ts';
import { BUT_WORDS, CONTRAST_WORDS, ELIDED, IN_PRINCIPLE, NOR_WORDS } from '../vocabulary/wordClasses.ts';

export type Polarity = 'for' | 'against';

const REFUSING: ReadonlySet<string> = new Set(['neg', 'except', 'none', 'neither']);
// Words a list of options is made of besides the options ("A, B and C", "so Lisbon, …").
const LIST_ROLES: ReadonlySet<string> = new Set(['conj', 'filler', 'intro']);
// Capital letters that are also words.
const WORD_LETTERS: ReadonlySet<string> = new Set(['A', 'I', 'O', 'E', 'Y', 'U']);

interface Word {
  folded: string;
  /** The word as typed. */
  typed: string;
}

/** Sentences (a question or a line ends one), each cut into clauses at "," ";" ":" "(" and "but". */
function clausesOf(text: string): Array<{ clauses: Word[][]; asks: boolean }> {
  const folded = fold(text);
  const out: Array<{ clauses: Word[][]; asks: boolean }> = [];
  let clauses: Word[][] = [[]];
  const end = (asks: boolean) => {
    if (clauses.some((c) => c.length > 0)) out.push({ clauses: clauses.filter((c) => c.length > 0), asks });
    clauses = [[]];
  };
  for (const m of folded.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|[+-]1(?!\d)|[?]|[.!\n]|[,;:()]/gu)) {
    const token = m[0];
    if (token === '?') end(true);
    else if (/^[.!\n]$/.test(token)) end(false);
    // A colon labels what follows ("Not OK: A"): the same clause.
    else if (/^[,;()]$/.test(token)) clauses.push([]);
    else if (token === ':') continue;
    else if (CONTRAST_WORDS.has(token) && !anyBefore(clauses[clauses.length - 1]!)) clauses.push([]);
    // "anything but C", "alles außer C": after "any", "but" is "except".
    else if (BUT_WORDS.has(token)) clauses[clauses.length - 1]!.push({ folded: 'except', typed: token });
    else clauses[clauses.length - 1]!.push({ folded: unelided(token), typed: text.slice(m.index, m.index + token.length) });
  }
  end(false);
  return out;
}

// "l'obiezione" is "obiezione"; "d'accordo" stays a word of its own.
const unelided = (word: string) =>
  (ELIDED.test(word) && !CHOICE_PREFIXES.has(word) && !PROPOSAL_PREFIXES.has(word) ? word.replace(ELIDED, '') : word);

const anyBefore = (clause: Word[]) => clause.some((w) => { const r = CHOICE_WORDS.get(w.folded); return r === 'any' || r === 'anyWeak'; });

/** The role of the longest lexicon phrase at each word of a clause (undefined where none). */
function rolesOf(words: Word[], table: ReadonlyMap<string, string>, prefixes: ReadonlySet<string>, longest: number): string[] {
  const roles: string[] = [];
  for (let i = 0; i < words.length;) {
    let key = '';
    let found: { role: string; n: number } | undefined;
    for (let n = 1; n <= longest && i + n <= words.length; n++) {
      key = n === 1 ? words[i]!.folded : `${key} ${words[i + n - 1]!.folded}`;
      if (!prefixes.has(key)) break;
      const role = table.get(key);
      if (role) found = { role, n };
    }
    roles.push(found?.role ?? '');
    i += found?.n ?? 1;
  }
  return roles;
}

const isCondition = (w: Word) => DOUBT_WORDS.get(w.folded) === 'condition';

/** Every option the text mentions, with the polarities of the clauses it is mentioned in. */
export function optionPolarities(text: string, options: readonly ChoiceOption[]): Map<string, Polarity[]> {
  const letters = new Set(options.map((o) => o.letter.toUpperCase()));
  const distinct = distinctiveWords([...options]);
  const mentionOf = (w: Word, next: Word | undefined): string | undefined => {
    // "A congress every year …", "I think …": the article and the pronoun before a word of prose.
    if (w.typed.length === 1) return letters.has(w.typed) && !(WORD_LETTERS.has(w.typed) && next && !CHOICE_WORDS.has(next.folded) && mentionOfWord(next) === undefined) ? w.typed : undefined;
    return mentionOfWord(w);
  };
  // Prose repeats its words: each is looked up once.
  const seen = new Map<string, string | undefined>();
  const mentionOfWord = (w: Word) => {
    if (w.typed.length === 1) return undefined;
    if (!seen.has(w.folded)) seen.set(w.folded, distinct.find((d) => (d.strict ? w.folded === d.word : sameWord(w.folded, d.word, false)))?.letter);
    return seen.get(w.folded);
  };
  const names = options.flatMap((o) => optionTitles(o)).map((t) => ` ${fold(t).replace(/[^\p{L}\p{N}']+/gu, ' ').trim()} `);
  const inName = (clause: Word[], i: number) => i + 1 < clause.length && names.some((n) => n.includes(` ${clause[i]!.folded} ${clause[i + 1]!.folded} `));
  const negated = negatedOptions([...options]);
  const out = new Map<string, Polarity[]>();
  // What the last sentence named last: a sentence that only refuses ("C. Not.") is about it.
  let lastNamed: string[] = [];
  for (const { clauses, asks } of clausesOf(text)) {
    if (asks || clauses.some((c) => c.some(isCondition))) {
      lastNamed = [];
      continue;
    }
    let before: string[] = lastNamed;
    let listed: string[] = [];
    for (const typed of clauses) {
      // "Kein Lager" for "Inget läger i år": the refusal word is part of that option's name.
      const clause = typed.filter((w, i) => !(REFUSING.has(CHOICE_WORDS.get(w.folded) ?? '') && i + 1 < typed.length
        && negated.has(mentionOf(typed[i + 1]!, typed[i + 2]) ?? '')));
      if (clause.length === 0) continue;
      const mentions = clause.map((w, i) => mentionOf(w, clause[i + 1]));
      // "Lisbon, Montreal and Nairobi are all out": a clause that only lists options belongs to the next one naming more.
      if (mentions.some((l) => l) && !NOR_WORDS.has(clause[0]!.folded) && clause.every((w, i) => mentions[i] || LIST_ROLES.has(CHOICE_WORDS.get(w.folded) ?? ''))) {
        listed = [...listed, ...mentions.filter((l): l is string => l !== undefined)];
        continue;
      }
      if (listed.length > 0 && mentions[0] === undefined) {
        for (const l of listed) out.set(l, [...(out.get(l) ?? []), 'for']);
        before = listed;
        listed = [];
      }
      const named = [...new Set([...listed, ...mentions.filter((l): l is string => l !== undefined)])];
      listed = [];
      const roles = rolesOf(clause, CHOICE_WORDS, CHOICE_PREFIXES, LONGEST_CHOICE_PHRASE);
      // "noch A noch D" refuses both; "No Porto" (Portuguese "in Porto") is an option's own name.
      const refuses = NOR_WORDS.has(clause[0]!.folded) || roles.some((r, i) => REFUSING.has(r) && !inName(clause, i));
      // "C, no way": a clause of refusal words alone is about what was just named.
      if (named.length === 0) {
        // Only a clause of refusal words ("no way", "de ninguna manera"), not prose that holds one.
        if (refuses && roles.every((r) => REFUSING.has(r) || r === 'filler')) {
          for (const l of before) out.get(l)!.splice(-1, 1, 'against');
          before = [];
        }
        // An aside between ("C is, to be honest, unacceptable") keeps what was named.
        if (roles.some((r) => r !== '' && r !== 'filler')) before = [];
        continue;
      }
      for (const l of named) out.set(l, [...(out.get(l) ?? []), refuses ? 'against' : 'for']);
      before = named;
    }
    for (const l of listed) out.set(l, [...(out.get(l) ?? []), 'for']);
    lastNamed = listed.length > 0 ? listed : before;
  }
  return out;
}

export type ProposalWord = 'agree' | 'object' | 'abstain';

/** The proposal stance words of the text, questions and conditional sentences left out. */
export function proposalWords(text: string): Set<ProposalWord> {
  const out = new Set<ProposalWord>();
  // "Agreed in principle, but not now": agreement in principle only is an objection.
  const folded = fold(text);
  if (IN_PRINCIPLE.some((p) => folded.includes(p)) && [...BUT_WORDS].some((b) => new RegExp(`(?<![\\p{L}])${b}(?![\\p{L}])`, 'u').test(folded))) out.add('object');
  for (const { clauses, asks } of clausesOf(text)) {
    if (asks || clauses.some((c) => c.some(isCondition))) continue;
    for (const clause of clauses) {
      for (const role of rolesOf(clause, PROPOSAL_WORDS, PROPOSAL_PREFIXES, LONGEST_PROPOSAL_PHRASE)) {
        const base = role.replace(/Short$/, '');
        if (base === 'agree' || base === 'object' || base === 'abstain') out.add(base);
      }
      // "…, but I won't block": a concern stated, and agreement.
      if (rolesOf(clause, DOUBT_WORDS, DOUBT_PREFIXES, LONGEST_PROPOSAL_PHRASE).includes('notBlocking')) out.add('agree');
    }
  }
  return out;
}
