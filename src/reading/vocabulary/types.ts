/**
 * What one language contributes to reading replies. Every phrase is written
 * folded (lower case, accents removed, straight apostrophes), as the reader
 * folds a reply before looking words up. Adding a language is adding a file
 * with one of these and listing it in index.ts.
 */
export type WordRole =
  | 'any'         // no preference at all: "any", "whatever", "no preference"
  | 'anyWeak'     // "all", "everything": means "any" only with "fine"/"except" nearby
  | 'either'      // "either A or B" accepts; "either is fine" is "any"
  | 'none'        // every option refused
  | 'neither'     // "neither A nor B" refuses; alone it is "none"
  | 'except'      // "anything except C": refuses what follows
  | 'but'         // "except" after "any"/"all", otherwise a clause break
  | 'neg'         // refuses the letters after it (or before it when nothing follows)
  | 'accept'      // "fine", "ok": letters in its clause are acceptable
  | 'acceptPrefix'// "happy with", "can live with": acceptable, placed before the letters
  | 'pref'        // preference words; harmless, may end a stance ("B please")
  | 'conj'        // joins letters into one group: "A and B", "A or B"
  | 'rank'        // orders letters: "B then A", "B over A"
  | 'between'     // "between C and D I prefer C": a choice between two, ranked
  | 'filler'      // neutral words that may surround a stance
  | 'intro';      // starts a comment: "because", "since"

export type ProposalRole =
  | 'agree' | 'object' | 'abstain'
  // Short words ("yes", "no", "0") count only where nothing else follows them in their clause.
  | 'agreeShort' | 'objectShort' | 'abstainShort'
  // Words allowed before the stance word: "I", "fully", "my vote:".
  | 'lead';

/** Words that make a reply doubtful rather than a vote. */
export type DoubtRole =
  | 'proxy'       // a vote given for someone else: "asked me to say", "on behalf of"
  | 'correction'  // what follows replaces what came before: "actually", "on second thought"
  | 'condition'   // "agree if …": agreement to something other than the proposal
  | 'undecided'   // "not sure yet", "torn between A and B": the member has not decided
  | 'away'             // an autoreply or a promise to answer later: "out of the office until Monday"
  | 'hedge'       // "maybe B", "probably C": the member guesses rather than answers (in the sentence of the stance)
  | 'deferred'    // the member will decide later, whatever they lean to: "B, but I want to see the costs before I decide"
  | 'otherwise'   // "B if …; otherwise A": with a condition before it, the answer depends on the condition
  | 'notBlocking'; // a concern that does not block: "I object to the wording, but I won't block" is agreement

export interface Vocabulary {
  language: string;
  choice: Partial<Record<WordRole, string[]>>;
  proposal: Partial<Record<ProposalRole, string[]>>;
  doubt?: Partial<Record<DoubtRole, string[]>>;
  /** First words of a greeting line ("Hi all,"), dropped before reading. */
  greetings?: string[];
  /** Ordinal words by place: [["first", "1st"], ["second", "2nd"], …] ("my first is Montreal"). */
  ordinals?: string[][];
  /** Sign-off lines ("Regards,", "Cheers"); the lines below them are a signature. */
  closings?: string[];
  /** Words between two options of a ranked ballot that put the second after the first ("B then A", "B puis A"). */
  sequence?: string[];
  /** Words that may stand before an option's letter ("option B", "Variante B"). */
  optionWords?: string[];
}
