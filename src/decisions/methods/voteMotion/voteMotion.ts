/**
 * A motion put to a formal vote (issue 21): members vote yes, no or
 * abstain; silence is abstention, never consent. Kind "vote"; opened by
 * "Kind: vote" (with a motion's Count, or none: majority) or "Kind: motion".
 *
 * - `Count: majority` (yes > no), `two-thirds`, or `N/D` (yes ≥ N/D × base);
 *   the base is the votes cast (yes + no) unless `Base: electorate`.
 * - `Quorum:` ballots cast (abstentions included) needed, below it `no-quorum`.
 * - Counted by counting/count.ts, the code `tacit count` runs on the sheet.
 */
import type { Ranking } from '../../counting/ballot.ts';
import { ballotText } from '../../counting/ballotText.ts';
import type { DecisionMethod } from '../../decisionMethod.ts';
import { readMotionVote } from '../../../reading/ballot/motion.ts';
import { createVoteCount, voteDocument, voteSettingsOf, type VoteResult } from '../formalVote/voteCount.ts';
import {
  countLine, countSpecOf, foreignHeaders, isDoubleMajority, isRankedCount, motionCount, normalCount, readBase, readQuorum,
  settingLines, SILENCE, SILENT_MEANS, type VoteSettings,
} from '../formalVote/voteSettings.ts';
import { sheetSettings } from '../../counting/sheetSettings.ts';
import { motionRule, voteCountLines, voteVerdictLine } from '../formalVote/voteWords.ts';
import { readBallotText } from '../formalVote/voteReading.ts';
import { motionRulePhrase, SILENCE_PHRASE, SILENT_MEANS_PHRASE, voteCountPhrases, voteVerdictPhrase } from '../formalVote/votePhrases.ts';
import { phrase } from '../../../shared/rules/phrase.ts';

const OWN_KEYS = ['count', 'base', 'quorum'];
type Vote = 'yes' | 'no' | 'abstain';
const RESTATED: Record<Vote, string> = { yes: 'you vote yes', no: 'you vote no', abstain: 'you abstain' };

const voteOf = (stance: unknown): Vote | null => {
  const v = (stance as { vote?: unknown } | null)?.vote;
  return v === 'yes' || v === 'no' || v === 'abstain' ? v : null;
};

export const voteMotion: DecisionMethod<Ranking, VoteResult> = {
  name: 'vote-motion',
  kind: 'vote',
  kindWords: ['vote', 'motion', 'formal vote'],
  secretUntilClose: true,
  strictOpening: true,
  headerKeys: { count: 'count', base: 'base', quorum: 'quorum' },
  // A vote without a ranked count (or options to rank) is a motion; a double majority is a method of its own.
  claimsOpening: (headers) => {
    const count = countLine(headers);
    return count ? !isRankedCount(normalCount(count.value)) && !isDoubleMajority(count.value) : headers.options.length === 0;
  },

  parseOpening(headers) {
    const errors = foreignHeaders(headers, OWN_KEYS, { motion: true });
    if (headers.options.length > 0) errors.push(phrase('refusals.motionOptions'));
    const written = countLine(headers);
    const count = written ? motionCount(written.value) : 'majority';
    if (!count) errors.push(phrase('refusals.motionCount', { name: written!.name, value: written!.value }));
    const base = readBase(headers.headers.get('base'), errors);
    const quorum = readQuorum(headers.headers.get('quorum'), errors);
    const block: VoteSettings = { count: count ?? 'majority', base, quorum };
    return errors.length ? { ok: false, errors } : { ok: true, settings: { options: [], block } };
  },

  read(text) {
    const { reading, comment } = readBallotText(text, readMotionVote, (r) => 'vote' in r);
    if ('vote' in reading) return { stance: { vote: reading.vote }, readable: true, comment };
    return { stance: { unreadable: true }, readable: false, comment: text.trim(), doubt: reading.doubt };
  },
  ballot(stance) {
    const vote = voteOf(stance);
    return vote === null ? null : vote === 'abstain' ? [] : [[vote]];
  },
  createCount: createVoteCount,

  verdictLine: voteVerdictLine,
  countLines: voteCountLines,
  view(settings) {
    const vote = voteSettingsOf(settings);
    return {
      method: 'vote-motion',
      picksOption: false,
      consentsOrObjects: false,
      howToAnswer: ['yes', 'no', 'abstain'],
      silenceCountsAs: SILENCE,
      countingRule: `${motionRule(vote)}; no reply is an abstention, never consent`,
      aKind: 'a motion',
      settingLines: settingLines(vote),
      silentMeans: SILENT_MEANS,
    };
  },
  phrases: {
    verdict: voteVerdictPhrase,
    countLines: voteCountPhrases,
    view: (settings) => ({
      // Words the motion reader reads as the vote in that language (test/unit/i18n/renderMethods.test.ts reads them back).
      howToAnswer: [phrase('methods.answer.yes'), phrase('methods.answer.no'), phrase('methods.answer.abstain')],
      silenceCountsAs: SILENCE_PHRASE,
      countingRule: motionRulePhrase(voteSettingsOf(settings)),
      aKind: phrase('methods.kind.motion'),
      silentMeans: SILENT_MEANS_PHRASE,
    }),
    describe: (stance) => {
      const vote = voteOf(stance);
      return [phrase(vote ? `methods.answer.${vote}` : 'methods.describe.noVote')];
    },
    readAs: (stance) => {
      const vote = voteOf(stance);
      return phrase(vote ? `methods.readAs.${vote}` : 'methods.readAs.noVote');
    },
  },
  outcomeView: () => ({ options: [], objections: [] }),
  document: (result, settings) => voteDocument(result, settings, []),

  describe: (stance) => {
    const vote = voteOf(stance);
    return [vote ?? 'nothing Tacit could read as a vote (kept as a comment)'];
  },
  receipt(stance, comment) {
    const vote = voteOf(stance);
    return { recorded: [], readAs: vote ? RESTATED[vote] : 'nothing Tacit could read as a vote', comment };
  },

  sheetHead: (settings, electorate) => sheetSettings(countSpecOf(voteSettingsOf(settings), [], electorate, '')).map(([k, v]) => `${k} ${v}`),
  sheetValue: (ballot) => ballotText(ballot),
};
