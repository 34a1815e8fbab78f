/**
 * A formal vote's words as phrases (catalogue keys and values, "methods.*"
 * in templates/locales/CODE/methods.json): its verdict, its count's lines,
 * how to answer it and how it is counted, for the caller to say in the
 * reader's language. The English they give is the methods' own English
 * (voteWords.ts, counting/countReport.ts, which `tacit count` prints);
 * test/unit/i18n/renderMethods.test.ts holds the two to the same bytes. Pure.
 */
import type { Ranking } from '../../counting/ballot.ts';
import type { DoubleMajority } from '../../counting/doubleMajority.ts';
import type { IrvResult } from '../../counting/irv.ts';
import type { CountSpec } from '../../counting/methods.ts';
import type { MotionResult } from '../../counting/motion.ts';
import { thresholdName } from '../../counting/motion.ts';
import type { QuorumCheck } from '../../counting/quorum.ts';
import { DEFAULT_OPTION, type SchulzeResult } from '../../counting/schulze.ts';
import type { StvResult } from '../../counting/stv.ts';
import type { TieBreak } from '../../counting/tieBreak.ts';
import type { MethodOption, MethodSettings } from '../../decisionMethod.ts';
import { phrase, type Phrase, type PhraseValue } from '../../../shared/rules/phrase.ts';
import type { VoteResult } from './voteCount.ts';
import { countSpecOf, type VoteSettings } from './voteSettings.ts';

/** "None of the above", the Schulze default option, in the reader's words. */
export const NONE_OF_THE_ABOVE = phrase('methods.noneOfTheAbove');

/** An option of a count by its letter and text ("B (Lisbon)"); the default option quoted. */
export function optionPhrase(name: string, options: readonly MethodOption[]): PhraseValue {
  if (name === DEFAULT_OPTION) return phrase('methods.quoted', { text: NONE_OF_THE_ABOVE });
  const o = options.find((x) => x.letter === name);
  if (o?.text === DEFAULT_OPTION) return { list: [`${o.letter} (`, NONE_OF_THE_ABOVE, ')'], join: '' };
  return o ? `${o.letter} (${o.text})` : name;
}

/** An option's name in a count's lines: its letter, or "None of the above". */
const countNamePhrase = (name: string): PhraseValue => (name === DEFAULT_OPTION ? NONE_OF_THE_ABOVE : name);
const names = (list: readonly string[], join = ', ') => ({ list: list.map(countNamePhrase), join });

/** "yes 12, no 3, abstain 1". */
function counts(result: object): Phrase {
  const { yes, no, abstain } = result as Record<string, unknown>;
  return phrase('methods.counts', { yes: String(yes), no: String(no), abstain: String(abstain) });
}

/** "majority", "two-thirds" or "3/4" as a motion's count is named. */
export function countNamePhraseOf(count: string): PhraseValue {
  if (count === 'majority') return phrase('methods.countName.majority');
  if (count === 'two-thirds') return phrase('methods.countName.twoThirds');
  if (count === 'double-majority') return phrase('methods.countName.doubleMajority');
  return count;
}

export function voteVerdictPhrase(result: VoteResult, settings: MethodSettings): Phrase {
  if (result.verdict === 'no-quorum') {
    const q = result.quorum as QuorumCheck;
    return phrase('methods.verdict.noQuorum', { cast: q.cast, required: q.required });
  }
  const words = (name: string) => optionPhrase(name, settings.options);
  switch (result.count) {
    case 'schulze': {
      const winners = result.winners as string[];
      if (result.winner === DEFAULT_OPTION) return phrase('methods.verdict.schulze.none', { none: NONE_OF_THE_ABOVE });
      if (result.winner !== null) return phrase('methods.verdict.schulze.chosen', { option: words(result.winner as string) });
      return phrase('methods.verdict.schulze.tie', { options: { list: winners.map(words) } });
    }
    case 'irv':
      return result.winner === null ? phrase('methods.verdict.irv.none') : phrase('methods.verdict.irv.chosen', { option: words(result.winner as string) });
    case 'stv': {
      const elected = result.elected as string[];
      return elected.length ? phrase('methods.verdict.stv.elected', { options: { list: elected.map(words) } }) : phrase('methods.verdict.stv.none');
    }
    case 'double-majority':
      return doubleMajorityVerdict(result);
    default:
      return phrase(result.verdict === 'adopted' ? 'methods.verdict.motion.adopted' : 'methods.verdict.motion.rejected', {
        counts: counts(result),
        count: countNamePhraseOf(result.count as string),
        base: result.voteSettings.base === 'electorate' ? 'electorate' : 'cast',
      });
  }
}

function doubleMajorityVerdict(result: VoteResult): Phrase {
  const d = result.double_majority as DoubleMajority | undefined;
  if (!d) return phrase((result.yes as number) > (result.no as number) ? 'methods.verdict.place.majority' : 'methods.verdict.place.noMajority', { counts: counts(result) });
  const level = d.places.level === 'chapter' ? 'chapter' : 'branch';
  const inPlaces = phrase('methods.inPlaces', { level, carried: d.places.carried.length, counted: d.places.counted.length, needed: d.places.needed });
  const key = d.failed === null ? 'adopted' : d.failed === 'places' ? 'placesFail' : d.failed === 'votes' ? 'votesFail' : 'bothFail';
  return phrase(`methods.verdict.double.${key}`, { counts: counts(result), inPlaces, level });
}

/** The count's lines as `tacit count` reports them (counting/countReport.ts), as phrases. */
export function voteCountPhrases(result: VoteResult): Phrase[] {
  return countReportPhrases(countSpecOf(result.voteSettings, [], result.electorate, ''), result);
}

const votesList = (votes: Record<string, number>) => ({ list: Object.entries(votes).map(([o, v]) => ({ list: [countNamePhrase(o), String(v)], join: ' ' })), join: ', ' });
const tieLines = (ties: TieBreak[]) =>
  ties.map((t) => phrase('methods.count.tie', { round: t.round, tied: names(t.tied), chosen: countNamePhrase(t.chosen), by: t.by === 'lot' ? 'lot' : 'round' }));

export function countReportPhrases(spec: CountSpec, result: Record<string, unknown>): Phrase[] {
  const lines: Phrase[] = [];
  const quorum = result.quorum as QuorumCheck | undefined;
  if (quorum) lines.push(phrase('methods.count.quorum', { required: quorum.required, cast: quorum.cast, met: quorum.met ? 'yes' : 'no' }));
  if (result.verdict === 'no-quorum' && !('yes' in result)) return [...lines, phrase('methods.count.verdict', { verdict: 'noQuorum' })];
  switch (spec.method) {
    case 'majority':
    case 'two-thirds':
    case 'fraction':
    case 'double-majority': {
      const r = result as unknown as MotionResult;
      const name = countNamePhraseOf(spec.method === 'double-majority' ? 'double-majority' : thresholdName(spec.threshold));
      lines.push(
        phrase('methods.count.motion', { count: name, base: spec.base === 'electorate' ? 'electorate' : 'cast', counts: counts(r) }),
        phrase('methods.count.verdict', { verdict: (r.verdict as string) === 'no-quorum' ? 'noQuorum' : r.verdict }),
      );
      if (result.double_majority) lines.push(...doubleMajorityPhrases(result.double_majority as DoubleMajority));
      break;
    }
    case 'schulze': {
      const r = result as unknown as SchulzeResult;
      lines.push(
        r.winner !== null ? phrase('methods.count.winner', { winner: countNamePhrase(r.winner) }) : phrase('methods.count.tiedWinners', { winners: names(r.winners) }),
        phrase('methods.count.ranking', { ranking: { list: r.ranking.map((t) => names(t, ' = ')), join: ' > ' } }),
      );
      if (r.below_default.length) lines.push(phrase('methods.count.belowDefault', { options: names(r.below_default) }));
      break;
    }
    case 'irv': {
      const r = result as unknown as IrvResult;
      lines.push(r.winner === null ? phrase('methods.count.noWinner') : phrase('methods.count.winner', { winner: countNamePhrase(r.winner) }));
      r.rounds.forEach((votes, i) => lines.push(phrase('methods.count.irvRound', { round: i + 1, votes: votesList(votes), exhausted: r.exhausted[i]! })));
      lines.push(...tieLines(r.tie_breaks));
      break;
    }
    case 'stv': {
      const r = result as unknown as StvResult;
      lines.push(phrase('methods.count.stvQuota', { quota: r.quota, elected: names(r.elected) }));
      for (const s of r.rounds) {
        const what =
          s.action === 'surplus'
            ? s.transfer_value !== undefined
              ? phrase('methods.count.stage.surplusValue', { option: countNamePhrase(s.option!), value: s.transfer_value })
              : phrase('methods.count.stage.surplus', { option: countNamePhrase(s.option!) })
            : s.action === 'exclusion'
              ? phrase('methods.count.stage.exclusion', { option: countNamePhrase(s.option!) })
              : phrase(s.action === 'first' ? 'methods.count.stage.first' : 'methods.count.stage.lastSeats');
        const values = { stage: s.stage, what, votes: votesList(s.votes), nonTransferable: s.non_transferable };
        lines.push(s.elected.length ? phrase('methods.count.stageElected', { ...values, elected: names(s.elected) }) : phrase('methods.count.stage', values));
      }
      lines.push(...tieLines(r.tie_breaks));
      break;
    }
  }
  return lines;
}

/** Which of a double majority's two majorities held (counting/countReport.ts doubleMajorityLines). */
export function doubleMajorityPhrases(d: DoubleMajority): Phrase[] {
  const level = d.places.level === 'chapter' ? 'chapter' : 'branch';
  const p = d.places;
  const lines = [
    phrase('methods.count.double.votes', { met: d.votes.met ? 'yes' : 'no', yes: d.votes.yes, no: d.votes.no }),
    phrase(p.carried.length ? 'methods.count.double.placesCarried' : 'methods.count.double.places', {
      level, met: p.met ? 'yes' : 'no', carried: p.carried.length, counted: p.counted.length, needed: p.needed, places: p.carried.join(', '),
    }),
  ];
  if (p.quorum !== null) {
    lines.push(phrase(p.below_quorum.length ? 'methods.count.double.quorumBelow' : 'methods.count.double.quorum', { level, quorum: p.quorum, places: p.below_quorum.join(', ') }));
  }
  return lines;
}

/** The quorum in words, for the counting rule (voteSettings.ts quorumWords). */
export function quorumPhrase(quorum: string | null): Phrase {
  if (!quorum) return phrase('methods.quorum.none');
  return quorum.endsWith('%') ? phrase('methods.quorum.share', { quorum }) : phrase('methods.quorum.ballots', { quorum });
}

/** How a motion's count decides, and that silence abstains (voteWords.ts motionRule). */
export function motionRulePhrase(vote: VoteSettings): Phrase {
  const base = vote.base === 'electorate' ? 'electorate' : 'cast';
  const need =
    vote.count === 'double-majority'
      ? vote.branchQuorum
        ? phrase('methods.need.doubleBranchQuorum', { quorum: vote.branchQuorum })
        : phrase('methods.need.double')
      : vote.count === 'majority'
        ? phrase(base === 'electorate' ? 'methods.need.majorityElectorate' : 'methods.need.majority')
        : phrase('methods.need.atLeast', { count: countNamePhraseOf(vote.count), base });
  return phrase('methods.rule.motion', { need, quorum: quorumPhrase(vote.quorum) });
}

/** How a ranked vote is counted, and that silence abstains (voteWords.ts rankedRule). */
export function rankedRulePhrase(vote: VoteSettings): Phrase {
  const count =
    vote.count === 'stv'
      ? phrase('methods.ranked.stv', { rules: vote.rules ?? 'scottish', seats: vote.seats ?? 1 })
      : vote.count === 'schulze' && vote.defaultLetter
        ? phrase('methods.ranked.schulzeDefault', { none: NONE_OF_THE_ABOVE })
        : phrase(`methods.ranked.${vote.count === 'irv' ? 'irv' : 'schulze'}`);
  return phrase('methods.rule.ranked', { count, quorum: quorumPhrase(vote.quorum) });
}

/** A ranking in words (voteWords.ts rankingWords): "first B (Lisbon); then A (Berlin) and C (Paris), tied". */
export function rankingPhrase(ranking: Ranking, options: readonly MethodOption[]): PhraseValue {
  const tiers = ranking.filter((t) => t.length);
  if (tiers.length === 0) return phrase('methods.ranking.none');
  const tier = (t: readonly string[]): PhraseValue =>
    t.length === 1 ? optionPhrase(t[0]!, options) : phrase('methods.ranking.tied', { options: { list: t.map((o) => optionPhrase(o, options)) } });
  const ranked = new Set(tiers.flat());
  const left = options.filter((o) => !ranked.has(o.letter));
  const head = { list: tiers.map((t, i) => phrase(i === 0 ? 'methods.ranking.first' : 'methods.ranking.then', { options: tier(t) })), join: '; ' };
  return left.length
    ? phrase('methods.ranking.leftOut', { ranking: head, options: { list: left.map((o) => optionPhrase(o.letter, options)) } })
    : head;
}

export const SILENCE_PHRASE = phrase('methods.silence');
export const SILENT_MEANS_PHRASE = phrase('methods.silentMeans');
