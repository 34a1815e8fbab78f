import { de } from './de.ts';
import { el, tr } from './el.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { nl } from './nl.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import { sv } from './sv.ts';
import type { DoubtRole, ProposalRole, Vocabulary, WordRole } from './types.ts';

export type { DoubtRole, ProposalRole, WordRole } from './types.ts';

/** Every language the reader knows, English first (its roles win where words clash). */
export const LANGUAGES: readonly Vocabulary[] = [en, fr, de, es, pt, it, nl, pl, sv, el, tr];

function merge<R extends string>(pick: (v: Vocabulary) => Partial<Record<R, string[]>> | undefined): ReadonlyMap<string, R> {
  const m = new Map<string, R>();
  for (const v of LANGUAGES) {
    for (const [role, words] of Object.entries(pick(v) ?? {}) as Array<[R, string[]]>) {
      for (const w of words) if (!m.has(w)) m.set(w, role);
    }
  }
  return m;
}

/** phrase → role in a choice reply; the reader tries the longest phrases first. */
export const CHOICE_WORDS: ReadonlyMap<string, WordRole> = merge<WordRole>((v) => v.choice);
/** phrase → role in a proposal reply. */
export const PROPOSAL_WORDS: ReadonlyMap<string, ProposalRole> = merge<ProposalRole>((v) => v.proposal);
/** phrase → doubt it raises. */
export const DOUBT_WORDS: ReadonlyMap<string, DoubtRole> = merge<DoubtRole>((v) => v.doubt);

const wordsOf = (pick: (v: Vocabulary) => string[] | undefined) => new Set(LANGUAGES.flatMap((v) => pick(v) ?? []));
export const GREETINGS: ReadonlySet<string> = wordsOf((v) => v.greetings);
export const CLOSINGS: ReadonlySet<string> = wordsOf((v) => v.closings);
/** Ranked ballots: "then" between two options, every language together. */
export const SEQUENCE_WORDS: ReadonlySet<string> = wordsOf((v) => v.sequence);
/** "option", "Variante": a word naming what follows as an option. */
export const OPTION_WORDS: ReadonlySet<string> = wordsOf((v) => v.optionWords);

const longest = (keys: Iterable<string>) => Math.max(1, ...[...keys].map((k) => k.split(' ').length));
export const LONGEST_CHOICE_PHRASE = longest(CHOICE_WORDS.keys());
export const LONGEST_PROPOSAL_PHRASE = longest([...PROPOSAL_WORDS.keys(), ...DOUBT_WORDS.keys()]);

/** Every word-prefix of the phrases of a table ("no", "no strong", …), so a lookup can stop early. */
function prefixesOf(keys: Iterable<string>): ReadonlySet<string> {
  const out = new Set<string>();
  for (const k of keys) {
    const words = k.split(' ');
    for (let n = 1; n <= words.length; n++) out.add(words.slice(0, n).join(' '));
  }
  return out;
}

export const CHOICE_PREFIXES = prefixesOf(CHOICE_WORDS.keys());
export const PROPOSAL_PREFIXES = prefixesOf(PROPOSAL_WORDS.keys());
export const DOUBT_PREFIXES = prefixesOf(DOUBT_WORDS.keys());

/** ordinal word → place (1 = first), every language together. */
export const ORDINALS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const v of LANGUAGES) (v.ordinals ?? []).forEach((words, i) => words.forEach((w) => m.has(w) || m.set(w, i + 1)));
  return m;
})();
