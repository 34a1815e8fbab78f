/**
 * Reading a member's stance from the new text of a reply (the reply trimmer
 * has removed the quote that ends it, signatures and HTML). Pure functions,
 * no I/O. The pipeline lives in ./reading/, one stage per file:
 *
 *   locate.ts         the member's own words: between quoted blocks too, sign-offs cut
 *   questions.ts      questions back are taken out (never a stance)
 *   markedOption.ts   a copied option list with one line marked ("[x] B. …")
 *   inlineAnswers.ts  "Yes" / "+1" / "No" written under quoted option lines
 *   choiceGrammar.ts  tokens → letters wanted, accepted, refused, ranked
 *   proposalGrammar.ts agree / object (with its reason) / abstain
 *   doubt.ts          a vote for someone else, a letter contradicting its name
 *   vocabulary/       the words, one file per language (adding a language is adding a file);
 *                     concepts.ts maps option words to other languages ("Saturday" ↔ "sábado")
 *   sentText.ts       what Tacit sent, so the trimmer keeps answers typed inside an unquoted original
 *
 * Doubt is never a vote: whatever the pipeline is not sure of is unreadable,
 * with `doubt` saying why when there is a specific reason (quoted back to the
 * member in the "how to answer" mail).
 *
 *   readChoiceStance(text: string, options: readonly (string | ChoiceOption)[]): ChoiceReading
 *   readProposalStance(text: string): ProposalReading
 *
 * `options` is either the letters (["A", "B", "C"]) or `{ letter, text }`
 * objects; with texts, naming an option by its words ("I prefer International
 * Organization for a Participatory Society", or just the words that set it
 * apart, "Participatory Society") counts as naming its letter. So does a word
 * of it in another language, from the concept lexicon (weekdays, months,
 * seasons, online/hybrid/postpone, city exonyms): "Lissabon" names "Hold it in
 * Lisbon", "samedi matin" names "Saturday morning".
 *
 * How a choice reply is read (decisions where the brief was silent):
 * - The stance is looked for in the whole own text (greeting lines such as
 *   "Hi all," do not count and are dropped). The first sentence
 *   naming an option (or saying "any"/"none") holds the stance; following
 *   sentences that are pure stance ("Not C.") are added to it. Everything after
 *   the stance is the comment; sentences before it are kept in front.
 * - A letter alone is a preference: "B", "B please", "I prefer B", "vote B".
 * - An ordered list is a ranking: "B > A > C", "B, A, C", "B then A",
 *   "B over A", "1. B 2. A", or one letter per line. `first` is its head.
 * - Letters joined by "and"/"or"/"&"/"/" are a set, not an order: "A or B"
 *   accepts both and has no single first preference.
 * - "fine", "ok", "acceptable", "happy with", "can live with" make letters
 *   acceptable, not preferred: "A and B fine, not C" → accept A, B; reject C.
 *   "good", "great", "best", "please", "prefer" are preference words.
 * - "not", "no", "except", "anything but", "unacceptable", "-1"… reject.
 * - "any", "all fine", "no preference", "whatever", "don't mind" → any;
 *   "none" rejects every option.
 * - `first` is present (possibly null) on every readable stance and absent on
 *   an unreadable one; `ranking`, `accept`, `reject`, `any` only when they apply.
 * - Unreadable: nothing found, a letter that is not an option ("D" with
 *   A–C), an option both wanted and refused ("B, not B"), a ranking naming an
 *   option twice, or a sentence that only mentions letters in prose where a
 *   misreading is likely ("B makes more sense than C"). The whole text is
 *   then kept as the comment.
 * - The article "a" and the pronoun "I" are letters only where a letter fits
 *   ("a", "A is fine", "a or b"), not in prose ("a good name would be B").
 * - An ordinal next to an article or a word for "option", in a sentence naming
 *   nothing else, names the option at that place: "la segunda", "die zweite
 *   Option", "det första alternativet", "druga opcja" ("Second." alone does not).
 * - An option whose own name refuses ("Inget läger i år") is named by a refusal
 *   word before its word ("kein Lager"): that is the option, not a refusal of it.
 * - Doubt, whatever else the reply says: a hedge in the sentence of the stance
 *   ("maybe B", "probablemente la C", "chyba B"), deciding later ("B, but let
 *   me think", "will aber erst die Kosten sehen"), a condition after the stance
 *   ("B, sofern es Freiwillige gibt"; "if possible" is a stance, "or if …" a
 *   fallback).
 *
 * How a proposal reply is read:
 * - agree: "agree", "+1", "yes", "approve", "support", "in favour", "👍",
 *   "no objection", "LGTM", "d'accord", "einverstanden", "de acuerdo"…
 * - object: "object", "-1", "no", "block", "oppose", "against", "disagree",
 *   "I don't agree", "👎", "je m'oppose", "dagegen", "me opongo"…
 *   A bare "no" is an objection: under lazy consensus "no" to a proposal is
 *   the one thing that must not be lost; "no objection", "no problem" agree.
 * - A condition right after an agreement ("agree if …") makes it an objection
 *   with the condition as its reason; one after a comma ("Sim, se for só por
 *   um ano") is doubt, as are hedges and deciding later.
 * - abstain: "abstain", "0", "neutral", "no opinion", "je m'abstiens",
 *   "Enthaltung", "me abstengo".
 * - Short words (yes, no, ok, for, against, 0…) count only when followed by
 *   the end of the line, punctuation or a word like "because"/"but"/"to", so
 *   "No one told me" or "For the record" are not read as stances.
 * - The stance may start a line or a clause of one of the first three
 *   meaningful lines ("Thanks for this, +1"). An objection's reason is the
 *   text after the stance word (same line and following lines); `comment` is
 *   that text too, with any sentences before the stance in front.
 */
export type {
  ChoiceOption, ChoiceReading, ChoiceStance, ProposalReading, ProposalStanceValue,
} from './stance/types.ts';
export { readChoiceStance } from './stance/choice.ts';
export { readProposalStance } from './stance/proposal.ts';
