/**
 * A ranked formal vote (issue 21): members rank the lettered options, best
 * first, ties with "="; options left out are tied below all they rank;
 * silence is abstention, never consent. Kind "vote"; opened by "Kind: vote"
 * with "Count: schulze | irv | stv" (or options and no Count: Schulze).
 *
 * - `Count: schulze` with `Default: on` (the default) adds a last lettered
 *   option "None of the above", which members may rank like any other.
 * - `Count: irv`: one winner by instant runoff.
 * - `Count: stv` with `Seats: N` and `Rules: scottish | wigm | meek`.
 * - `Quorum:` ballots cast (abstentions included) needed, below it `no-quorum`.
 * - Counted by counting/count.ts, the code `tacit count` runs on the sheet.
 */
import type { Ranking } from '../../counting/ballot.ts';
import { ballotText } from '../../counting/ballotText.ts';
import { DEFAULT_OPTION } from '../../counting/schulze.ts';
import { sheetSettings } from '../../counting/sheetSettings.ts';
import type { DecisionMethod, MethodOption, MethodSettings } from '../../decisionMethod.ts';
import { readRanking } from '../../../reading/ballot/ranking.ts';
import { createVoteCount, voteDocument, voteSettingsOf, type VoteResult } from '../formalVote/voteCount.ts';
import { mayContinueRanking, readBallotText } from '../formalVote/voteReading.ts';
import {
  countLine, countName, countSpecOf, foreignHeaders, isRankedCount, normalCount, readOnOff, readQuorum, readRules, readSeats,
  realOptions, settingLines, SILENCE, SILENT_MEANS, type RankedCount, type VoteSettings,
} from '../formalVote/voteSettings.ts';
import { rankedRule, rankingWords, voteCountLines, voteVerdictLine } from '../formalVote/voteWords.ts';
import { NONE_OF_THE_ABOVE, rankedRulePhrase, rankingPhrase, SILENCE_PHRASE, SILENT_MEANS_PHRASE, voteCountPhrases, voteVerdictPhrase } from '../formalVote/votePhrases.ts';
import { phrase, type Phrase } from '../../../shared/rules/phrase.ts';

const KEYS_OF: Record<RankedCount, string[]> = {
  schulze: ['count', 'default', 'quorum'],
  irv: ['count', 'quorum'],
  stv: ['count', 'seats', 'rules', 'quorum'],
};

const rankingOf = (stance: unknown): string[][] | null => {
  const r = (stance as { ranking?: unknown } | null)?.ranking;
  return Array.isArray(r) && r.every((t) => Array.isArray(t) && t.every((o) => typeof o === 'string')) ? (r as string[][]) : null;
};

/** The letter after the last option's, for "None of the above"; null past Z. */
function nextLetter(options: readonly MethodOption[]): string | null {
  const highest = Math.max(64, ...options.map((o) => o.letter.charCodeAt(0)));
  return highest < 90 ? String.fromCharCode(highest + 1) : null;
}

/** The "how to answer" examples with the vote's own letters: "B > A > C" and "B = A > C". */
function rankingExamples(vote: VoteSettings, options: readonly MethodOption[]): { ranking: string; tied: string } {
  const [a = 'A', b = 'B', c] = realOptions(vote, options).map((o) => o.letter);
  return { ranking: [b, a, ...(c ? [c] : [])].join(' > '), tied: `${b} = ${a}${c ? ` > ${c}` : ''}` };
}

export const rankedVote: DecisionMethod<Ranking, VoteResult> = {
  name: 'vote-ranked',
  kind: 'vote',
  kindWords: ['vote', 'ranked vote', 'election', 'formal vote'],
  secretUntilClose: true,
  strictOpening: true,
  headerKeys: { count: 'count', default: 'default', seats: 'seats', rules: 'rules', quorum: 'quorum' },
  claimsOpening: (headers) => {
    const count = countLine(headers);
    return count ? isRankedCount(normalCount(count.value)) : headers.options.length > 0;
  },

  parseOpening(headers) {
    const written = countLine(headers);
    const count = (written ? normalCount(written.value) : 'schulze') as RankedCount;
    const errors: Phrase[] = [];
    if (!isRankedCount(count)) {
      errors.push(phrase('refusals.rankedCount', { name: written!.name, value: written!.value }));
      return { ok: false, errors };
    }
    errors.push(...foreignHeaders(headers, KEYS_OF[count], { count }));
    const options = [...headers.options];
    if (options.length < 2) errors.push(phrase('refusals.rankedOptions'));
    const vote: VoteSettings = { count, quorum: readQuorum(headers.headers.get('quorum'), errors) };
    if (count === 'schulze') {
      const withDefault = readOnOff(headers.headers.get('default'), errors);
      const letter = withDefault ? nextLetter(options) : null;
      if (withDefault && !letter) errors.push(phrase('refusals.defaultTooManyOptions', { none: NONE_OF_THE_ABOVE }));
      vote.defaultLetter = letter;
      if (letter) options.push({ letter, text: DEFAULT_OPTION });
    }
    if (count === 'stv') {
      vote.seats = readSeats(headers.headers.get('seats'), headers.options.length, errors);
      vote.rules = readRules(headers.headers.get('rules'), errors);
    }
    return errors.length ? { ok: false, errors } : { ok: true, settings: { options, block: vote } };
  },

  read(text, settings) {
    const { reading, comment } = readBallotText(text, (t) => readRanking(t, settings.options), (r) => 'ranking' in r, (lines) => mayContinueRanking(lines, settings.options));
    if ('ranking' in reading) return { stance: { ranking: reading.ranking }, readable: true, comment };
    return { stance: { unreadable: true }, readable: false, comment: text.trim(), doubt: reading.doubt };
  },
  ballot(stance, settings) {
    const ranking = rankingOf(stance);
    if (!ranking) return null;
    const vote = voteSettingsOf(settings);
    const letters = new Set(settings.options.map((o) => o.letter));
    if (ranking.some((t) => t.some((l) => !letters.has(l)))) return null;
    return ranking.map((t) => t.map((l) => countName(vote, l)));
  },
  createCount: createVoteCount,

  verdictLine: voteVerdictLine,
  countLines: voteCountLines,
  view(settings) {
    const vote = voteSettingsOf(settings);
    const { ranking, tied } = rankingExamples(vote, settings.options);
    return {
      method: 'vote-ranked',
      picksOption: false,
      consentsOrObjects: false,
      howToAnswer: [
        `your ranking of the options by their letters, best first: ${ranking}`,
        `"=" between options you rank equal: ${tied}`,
        'options you leave out count as ranked below all you rank',
        ...(vote.defaultLetter
          ? [`${vote.defaultLetter} is "${DEFAULT_OPTION}": rank it above the options you would rather not see chosen at all (an option that does not beat it cannot win)`]
          : []),
      ],
      silenceCountsAs: SILENCE,
      countingRule: `${rankedRule(vote)}; no reply is an abstention, never consent`,
      aKind: vote.count === 'stv' ? 'an election' : 'a ranked vote',
      settingLines: settingLines(vote),
      silentMeans: SILENT_MEANS,
    };
  },
  phrases: {
    verdict: voteVerdictPhrase,
    countLines: voteCountPhrases,
    view(settings) {
      const vote = voteSettingsOf(settings);
      const { ranking, tied } = rankingExamples(vote, settings.options);
      return {
        howToAnswer: [
          phrase('methods.answer.ranking', { example: ranking }),
          phrase('methods.answer.equal', { example: tied }),
          phrase('methods.answer.leftOut'),
          ...(vote.defaultLetter ? [phrase('methods.answer.none', { letter: vote.defaultLetter, none: NONE_OF_THE_ABOVE })] : []),
        ],
        silenceCountsAs: SILENCE_PHRASE,
        countingRule: rankedRulePhrase(vote),
        aKind: phrase(vote.count === 'stv' ? 'methods.kind.election' : 'methods.kind.ranked'),
        silentMeans: SILENT_MEANS_PHRASE,
      };
    },
    describe: (stance, settings) => {
      const ranking = rankingOf(stance);
      return [ranking ? rankingPhrase(ranking, settings.options) : phrase('methods.describe.noRanking')];
    },
    readAs: (stance, settings) => {
      const ranking = rankingOf(stance);
      return ranking ? phrase('methods.readAs.ranking', { ranking: rankingPhrase(ranking, settings.options) }) : phrase('methods.readAs.noRanking');
    },
  },
  outcomeView: () => ({ options: [], objections: [] }),
  document: (result, settings) => voteDocument(result, settings, settings.options),

  describe: (stance, settings) => {
    const ranking = rankingOf(stance);
    return [ranking ? rankingWords(ranking, settings.options) : 'nothing Tacit could read as a ranking (kept as a comment)'];
  },
  receipt(stance, comment, settings) {
    const ranking = rankingOf(stance);
    return { recorded: [], readAs: ranking ? `your ranking: ${rankingWords(ranking, settings.options)}` : 'nothing Tacit could read as a ranking', comment };
  },

  sheetHead(settings: MethodSettings, electorate) {
    const vote = voteSettingsOf(settings);
    const spec = countSpecOf(vote, settings.options, electorate, '');
    return [...sheetSettings(spec).map(([k, v]) => `${k} ${v}`), `options ${spec.options.join(' ')}`];
  },
  sheetValue: (ballot) => ballotText(ballot),
};
