/**
 * Consent choice (DESIGN.md, "Counting a choice"): members pick among
 * lettered options; silence accepts every option. Stored as kind "choice".
 *
 * - First preferences = ballots whose `first` is the option (a ranking's head
 *   is its `first`); rejections = ballots whose `reject` names it;
 *   acceptances = silent members + readable repliers who did not reject it.
 * - Winner: most first preferences; a tie goes to fewer rejections; a
 *   remaining tie is reported in `tie`; no first preference at all is
 *   `noPreference` (the coordinators settle both).
 * - A ballot naming a letter that is not an option does not count (silent).
 */
import type { DecisionMethod, MethodOption, MethodSettings } from '../../decisionMethod.ts';
import { readChoiceStance, type ChoiceStance } from '../../../reading/stance.ts';
import { createChoiceCount, type ChoiceResult } from './count.ts';
import { describeChoiceStance, restateChoiceStance } from './words.ts';
import { choiceBallotPhrases } from './choicePhrases.ts';
import { phrase, type Phrase } from '../../../shared/rules/phrase.ts';

export const CHOICE_RULE = 'most first preferences; a tie goes to fewer refusals; a tie on both is left to the coordinators';

/** Only stances whose letters are all options count; anything else is unreadable. */
export function validChoiceStance(s: ChoiceStance, letters: ReadonlySet<string>): boolean {
  if (s.unreadable) return false;
  const named = [
    ...(s.first ? [s.first] : []), ...(s.ranking ?? []), ...(s.accept ?? []), ...(s.reject ?? []),
  ];
  if (named.length === 0 && !s.any) return false;
  return named.every((l) => letters.has(l));
}

const isChoiceStance = (s: unknown): s is ChoiceStance =>
  !!s && typeof s === 'object' && typeof (s as { stance?: unknown }).stance !== 'string';

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);
const listed = (letters: readonly string[]) => (letters.length ? letters.join(',') : '-');
const lettersOf = (settings: MethodSettings) => settings.options.map((o) => o.letter);

export const consentChoice: DecisionMethod<ChoiceStance, ChoiceResult> = {
  name: 'consent-choice',
  kind: 'choice',
  kindWords: ['choice', 'choices', 'multiple choice', 'poll', 'options'],
  headerKeys: {},

  parseOpening({ options, headers }) {
    const errors: Phrase[] = [];
    if (options.length < 2) {
      errors.push(phrase(options.length === 0 ? 'refusals.choiceNoOptions' : 'refusals.choiceOneOption'));
    }
    if (headers.has('block')) errors.push(phrase('refusals.choiceBlock'));
    return errors.length ? { ok: false, errors } : { ok: true, settings: { options, block: null } };
  },

  read(text, settings) {
    const reading = readChoiceStance(text, settings.options);
    return { stance: reading.stance as Record<string, unknown>, readable: !reading.stance.unreadable, comment: reading.comment, doubt: reading.doubt };
  },
  ballot(stance, settings) {
    return isChoiceStance(stance) && validChoiceStance(stance, new Set(lettersOf(settings))) ? stance : null;
  },
  createCount: (settings) => createChoiceCount(settings.options),

  verdictLine(result, settings) {
    const text = (l: string) => settings.options.find((o) => o.letter === l)?.text ?? '';
    if (result.winner) {
      const how = result.decidedBy === 'rejections' ? 'tied on first preferences, fewer rejections' : 'most first preferences';
      return `Winner: ${result.winner}. ${text(result.winner)} (${how}).`;
    }
    if (result.noPreference) return 'No winner: nobody named a first preference; the coordinators decide.';
    return `Tie between ${result.tie.join(' and ')} (same first preferences and rejections): the coordinators decide.`;
  },
  countLines: (result) => result.options.map((o) => `${o.letter}. ${o.text}: ${o.first} first, ${o.accept} accept, ${o.reject} reject`),
  view: () => ({
    method: 'consent-choice',
    picksOption: true,
    consentsOrObjects: false,
    howToAnswer: [],
    silenceCountsAs: 'consent to every option',
    countingRule: 'most first preferences; a tie goes to fewer refusals (a tie on both is left to the coordinators)',
    aKind: 'a choice',
  }),
  outcomeView(result) {
    const replied = result.buckets.replied;
    const ofReplies = (n: number) => Math.min(100, percent(n, replied));
    return {
      options: result.options.map((o) => ({
        ...o,
        isWinner: o.letter === result.winner,
        firstPct: ofReplies(o.first),
        rejectPct: ofReplies(o.reject),
        // Acceptances less the silent members (counted in every option's): what the repliers accepted.
        acceptedByReplies: o.accept - result.buckets.silent,
      })),
      counts: null,
      adopted: false,
      objections: [],
    };
  },
  document(result, settings) {
    return {
      options: settings.options.map((o) => {
        const n = result?.options.find((x) => x.letter === o.letter);
        return { letter: o.letter, text: o.text, first: n?.first ?? 0, accept: n?.accept ?? 0, reject: n?.reject ?? 0 };
      }),
      fields: { winner: result?.winner ?? null, tie: result?.tie ?? [], noPreference: result?.noPreference ?? false },
    };
  },

  describe: (stance, settings) => describeChoiceStance(stance as ChoiceStance, settings.options),
  ballotPhrases: choiceBallotPhrases,
  receipt: (stance, comment, settings) => ({
    recorded: describeChoiceStance(stance as ChoiceStance, settings.options),
    readAs: restateChoiceStance(stance as ChoiceStance, settings.options),
    comment,
  }),

  sheetHead: (settings, _electorate, withRule) => [
    `options ${lettersOf(settings).join(' ')}`,
    ...(withRule ? [`rule ${CHOICE_RULE}`] : []),
  ],
  sheetValue(ballot, settings) {
    const letters = lettersOf(settings);
    const rejected = new Set(ballot.reject ?? []);
    return `first=${ballot.first ?? '-'} accept=${listed(letters.filter((l) => !rejected.has(l)))} reject=${listed(letters.filter((l) => rejected.has(l)))}`;
  },
};

export type { ChoiceResult, OptionCount } from './count.ts';
export type { MethodOption };
