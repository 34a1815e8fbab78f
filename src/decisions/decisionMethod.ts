/**
 * The seam for a kind of decision (issue 18). Pure: a method parses what the
 * opening mail says that is its own, reads a member's reply into a ballot,
 * counts ballots and says the verdict; the consultation I/O around it (the
 * electorate, buckets, turnout, ballot codes, mails) is the same for every
 * method and lives once, outside (src/decisions/electorateFigures.ts).
 *
 * Counting is fed ballots grouped in SQL (`add(ballot, count)`), so memory is
 * bounded by the number of distinct ballots, as the counting/ accumulators
 * are. A ballot a method must know the voter of (an objection quoted with its
 * objector's name) is matched by `namedBallots`, a JSON pattern the I/O gives
 * to Postgres: those come one voter at a time, in member order, with `voter`,
 * but only where voters may be named at all (voterNames.ts: the list chose
 * `--objections named`, and never for a formal vote).
 *
 * Adding a method is a folder under methods/ and one line in methods/index.ts
 * (or, in a test, `ctx.wiring.decisionMethods.set(name, method)`).
 */
import type { ElectorateFigures } from './electorateFigures.ts';
import type { Phrase, PhraseValue } from '../shared/rules/phrase.ts';

export interface MethodOption {
  letter: string;
  text: string;
  /** When reading a reply: the same option's title in the consultation's other languages (the reader takes any). */
  titles?: readonly string[];
}

/** One "Key: value" line of the opening's key block that the common grammar leaves to the method. */
export interface OpeningHeader {
  /** As written ("Threshold"), for error messages. */
  name: string;
  value: string;
}

/** What the opening grammar read that is the method's to judge. */
export interface OpeningHeaders {
  /** The option lines, in order (letters may repeat; the grammar reports that). */
  options: MethodOption[];
  /** Method-specific key lines, by the key a method declared in `headerKeys` (e.g. "block"). */
  headers: ReadonlyMap<string, OpeningHeader>;
}

/** A consultation's settings as stored: its options and its threshold (jsonb columns). */
export interface MethodSettings {
  options: MethodOption[];
  block: unknown;
}

/**
 * The settings, or why the opening is refused: phrases (catalogue keys and
 * values, templates/locales/CODE/refusals.json for the built-in methods)
 * that the caller says in the coordinator's language. A method that brings
 * no catalogue keys may refuse in plain words, said as written.
 */
export type ParsedSettings = { ok: true; settings: MethodSettings } | { ok: false; errors: Array<Phrase | string> };

/** A reply read: the stance stored as it is (jsonb), whether it is a ballot, the comment. */
export interface MethodReading {
  stance: Record<string, unknown>;
  readable: boolean;
  comment: string;
  /** Why a reply was not read (unreadable only), for the caller to say in the reader's language. */
  doubt?: Phrase;
}

export interface MethodCount<Ballot, Result> {
  /** `count` members gave this ballot; `voter` (an email) only for ballots matched by `namedBallots`. */
  add(ballot: Ballot, count: number, voter?: string): void;
  /**
   * The method's part of the outcome, given the electorate figures counted
   * outside; at the close also the tally sheet's SHA-256, the seed of any lot
   * a count draws (so that a recount of the sheet draws the same).
   */
  result(figures: ElectorateFigures, sheet?: { sha256: string }): Result;
}

/** What the templates show of a method: flags and words they ask for instead of testing a kind. */
export interface MethodView {
  /** The method's name, as the opening's "Method:" line takes it. */
  method: string;
  /** Members pick among lettered options (the options list and letter examples are shown). */
  picksOption: boolean;
  /** Members agree, object or abstain (the proposal wording and its block rule are shown). */
  consentsOrObjects: boolean;
  /** For any other method: how to answer, one line each. */
  howToAnswer: string[];
  /** What no reply by the deadline counts as ("consent to the proposal"). */
  silenceCountsAs: string;
  /** How it is counted, in a few words (after "How it is counted: "). */
  countingRule: string;
  /** "a choice", "a proposal": how the record page names it. */
  aKind: string;
  /** The objections that block, in words (a proposal's "one objection blocks it"); null for others. */
  blockRule?: string | null;
  /** Every setting of the opening with its value, defaults included ("Count: two-thirds"), shown in the copy and so the preview. */
  settingLines?: string[];
  /** What the silent bucket means, beside its figure; absent: "consent". */
  silentMeans?: string;
}

/** What the outcome templates show of a result: the lists they walk (empty when the method has none), and its own fields. */
export interface MethodOutcomeView {
  /** Per option: the rows of a choice's table. */
  options: any[];
  /** Quoted objections. */
  objections: any[];
  [field: string]: unknown;
}

/**
 * A method's words for the reader as phrases (catalogue keys and values,
 * src/shared/rules/phrase.ts): the caller, which knows the reader's
 * language, says them through the catalogue. In English they are the
 * method's own words (verdictLine, countLines, view).
 */
export interface MethodPhrases<Result = any> extends BallotPhrases {
  verdict(result: Result, settings: MethodSettings): Phrase;
  countLines(result: Result): Phrase[];
  view(settings: MethodSettings): MethodViewPhrases;
}

/** A recorded ballot read back as phrases: receipts and status answers. */
export interface BallotPhrases {
  /** A recorded ballot in words, one line each (DecisionMethod.describe). */
  describe(stance: unknown, settings: MethodSettings): PhraseValue[];
  /** The receipt's reading in one sentence (DecisionMethod.receipt's `readAs`). */
  readAs(stance: unknown, settings: MethodSettings): Phrase;
  /** The receipt's `recorded` lines, when it has any. */
  recorded?(stance: unknown, settings: MethodSettings): PhraseValue[];
}

/** MethodView's words, as phrases. */
export interface MethodViewPhrases {
  howToAnswer: Phrase[];
  silenceCountsAs: Phrase;
  countingRule: Phrase;
  aKind: Phrase;
  silentMeans?: Phrase;
}

export interface DecisionMethod<Ballot = any, Result = any> {
  /** The name "Method:" selects it by, stored in consultations.method. */
  readonly name: string;
  /** Stored in consultations.kind and said in --json (the two first methods: choice, proposal). */
  readonly kind: string;
  /** Words a "Kind:" line may give to mean this method (the two first methods only: the kind inference). */
  readonly kindWords?: readonly string[];
  /**
   * A formal vote's count stays hidden until the close: everything shown
   * before it (results, status, tally, the web record, digests, --json)
   * gives turnout only, never stances or a running count. The one test of
   * it is countVisible (src/domains/consultations/rules/countVisible.ts).
   */
  readonly secretUntilClose?: boolean;
  /**
   * A formal vote's opening is strict: a "Key: value" line in the key block
   * that no method knows is an error the answer names, not the start of the
   * description; and its key lines are read only when a "Kind:" or
   * "Method:" line names such a method, so they never take a line from the
   * description of a consultation.
   */
  readonly strictOpening?: boolean;
  /**
   * When several methods answer to the same "Kind:" word (a vote: a motion or
   * a ranked vote), the first that claims the opening's lines (its "Count:")
   * is chosen; a method without it claims every opening.
   */
  claimsOpening?(headers: OpeningHeaders): boolean;
  /** Key lines of the opening that are this method's: synonym (lower case) → key. */
  readonly headerKeys?: Readonly<Record<string, string>>;
  /** Checks the options and this method's key lines; the settings to store. */
  parseOpening(headers: OpeningHeaders): ParsedSettings;

  /** Reads a reply's new text (the stance readers in src/reading/stance.ts). */
  read(text: string, settings: MethodSettings): MethodReading;
  /** The ballot in a stored readable stance, or null when it does not count (read as silent). */
  ballot(stance: unknown, settings: MethodSettings): Ballot | null;
  /** Ballots fed one voter at a time with the voter's email: a jsonb containment pattern, or none. */
  readonly namedBallots?: Record<string, unknown>;
  createCount(settings: MethodSettings): MethodCount<Ballot, Result>;

  /** The verdict in one sentence ("Adopted: 0 objections (1 would block)."). */
  verdictLine(result: Result, settings: MethodSettings): string;
  /** The counts in plain lines, after the verdict (results answers, the CLI). */
  countLines(result: Result): string[];
  /** What the templates show of it before any count. */
  view(settings: MethodSettings): MethodView;
  /** The verdict, count lines and view's words as phrases, for readers in every language; without it, its English stands. */
  readonly phrases?: MethodPhrases<Result>;
  /** A method whose other words the catalogues hold by name (the consent methods): its ballots read back as phrases. */
  readonly ballotPhrases?: BallotPhrases;
  /** What the outcome templates show of a result (counts, bars, objections). */
  outcomeView(result: Result, settings: MethodSettings): MethodOutcomeView;
  /**
   * The method's fields of `tacit consultation --json`: `options` first, the rest after the figures.
   * With `null` (nothing counted yet, or a `secretUntilClose` count still hidden) the fields carry
   * the settings only, no numbers: that is what --json shows of a secret count before the close.
   */
  document(result: Result | null, settings: MethodSettings): { options: unknown[]; fields: Record<string, unknown> };

  /** A recorded ballot in plain words, one line each (receipts, status answers). */
  describe(stance: unknown, settings: MethodSettings): string[];
  /** The receipt's lines: what was recorded, read back in one sentence, and the comment to repeat. */
  receipt(stance: unknown, comment: string, settings: MethodSettings): { recorded: string[]; readAs: string; comment: string };

  /** The tally sheet's head lines between `kind` and `electorate` (settings, rule). */
  sheetHead(settings: MethodSettings, electorate: number, withRule: boolean): string[];
  /** A counted ballot on the tally sheet, on one line. */
  sheetValue(ballot: Ballot, settings: MethodSettings): string;

  /**
   * A method that decides with the places as well as the total (a double
   * majority, issue 22): the total's result and the results of the places it
   * counts (the branches of an international vote, the chapters of a
   * branch's), each the method's own; the total's result, decided.
   */
  combineParts?(total: Result, units: readonly { place: string; level: string; cast: number; result: Result }[], settings: MethodSettings): Result;

  /** Whether these settings count places (a double majority): its places are then never merged on public artefacts. */
  countsPlaces?(settings: MethodSettings): boolean;

  /** Voters the result quotes by email, to be named (objections); with `nameVoters`. */
  votersToName?(result: Result): string[];
  nameVoters?(result: Result, names: ReadonlyMap<string, string>): Result;
  /**
   * The result with no voter in it (no email, no name), in an order that says
   * nothing about who: where the list keeps objections anonymous, and always
   * for a formal vote (voterNames.ts).
   */
  withoutVoters?(result: Result): Result;
}
