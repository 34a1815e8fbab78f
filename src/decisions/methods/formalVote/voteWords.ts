/**
 * A formal vote in words: its verdict, its count's lines (the same report
 * `tacit count` prints), a ballot restated for the receipt. Pure.
 */
import type { Ranking } from '../../counting/ballot.ts';
import { countReport } from '../../counting/countReport.ts';
import type { QuorumCheck } from '../../counting/quorum.ts';
import type { DoubleMajority } from '../../counting/doubleMajority.ts';
import { DEFAULT_OPTION } from '../../counting/schulze.ts';
import type { MethodOption, MethodSettings } from '../../decisionMethod.ts';
import type { VoteResult } from './voteCount.ts';
import { countSpecOf, quorumWords, type VoteSettings } from './voteSettings.ts';

/** "B (Lisbon)": an option of the count by its letter and its text. */
export function optionWords(name: string, options: readonly MethodOption[]): string {
  if (name === DEFAULT_OPTION) return `"${DEFAULT_OPTION}"`;
  const o = options.find((x) => x.letter === name);
  return o ? `${o.letter} (${o.text})` : name;
}

const and = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** How a motion's count decides, in words. */
export function motionRule(vote: VoteSettings): string {
  const over = vote.base === 'electorate' ? 'the whole electorate (every member, silent ones included)' : 'the votes cast (yes + no)';
  if (vote.count === 'double-majority') {
    const places = 'the branches that cast a vote (in the vote of a branch: its chapters)';
    const branchQuorum = vote.branchQuorum ? `; a branch counts only with at least ${vote.branchQuorum} ballots` : '';
    return `adopted only when yes is more than no among all votes cast and in more than half of ${places}${branchQuorum}; abstentions are not counted for or against; ${quorumWords(vote.quorum)}`;
  }
  const need =
    vote.count === 'majority'
      ? vote.base === 'electorate'
        ? `adopted when yes is more than half of ${over}`
        : 'adopted when yes is more than no'
      : `adopted when yes is at least ${vote.count} of ${over}`;
  return `${need}; abstentions are not counted for or against; ${quorumWords(vote.quorum)}`;
}

const RANKED_RULES: Record<string, string> = {
  schulze: 'ranked ballots counted by the Schulze method (pairwise, strength by winning votes); a tie for first is reported, never broken',
  irv: 'ranked ballots counted by instant runoff: the lowest option is excluded round by round until one has more than half of the ballots still counting',
  stv: 'ranked ballots counted by the single transferable vote',
};

export function rankedRule(vote: VoteSettings): string {
  let rule = RANKED_RULES[vote.count] ?? vote.count;
  if (vote.count === 'stv') rule += ` (${vote.rules ?? 'scottish'} rules, ${vote.seats} ${vote.seats === 1 ? 'seat' : 'seats'}, Droop quota)`;
  if (vote.count === 'schulze' && vote.defaultLetter) rule += `; an option that does not beat "${DEFAULT_OPTION}" cannot win`;
  return `${rule}; ${quorumWords(vote.quorum)}`;
}

function noQuorum(result: VoteResult): string {
  const q = result.quorum as QuorumCheck;
  return `No quorum: ${q.cast} ${q.cast === 1 ? 'ballot' : 'ballots'} cast, ${q.required} needed; nothing is decided.`;
}

export function voteVerdictLine(result: VoteResult, settings: MethodSettings): string {
  if (result.verdict === 'no-quorum') return noQuorum(result);
  const words = (name: string) => optionWords(name, settings.options);
  switch (result.count) {
    case 'schulze': {
      const winners = result.winners as string[];
      if (result.winner === DEFAULT_OPTION) return `No option is chosen: none beats "${DEFAULT_OPTION}" (Schulze).`;
      if (result.winner !== null) return `Chosen: ${words(result.winner as string)} (Schulze).`;
      return `Tied for first: ${and(winners.map(words))} (Schulze); the tie is not broken: it is left to the coordinators.`;
    }
    case 'irv':
      return result.winner === null ? 'No option is chosen: no ballot ranks any option (instant runoff).' : `Chosen: ${words(result.winner as string)} (instant runoff).`;
    case 'stv': {
      const elected = result.elected as string[];
      return elected.length ? `Elected: ${and(elected.map(words))} (STV, in order of election).` : 'Nobody is elected (STV).';
    }
    case 'double-majority':
      return doubleMajorityVerdict(result);
    default: {
      const verdict = result.verdict === 'adopted' ? 'Adopted' : 'Rejected';
      return `${verdict}: yes ${result.yes}, no ${result.no}, abstain ${result.abstain} (${result.count} of ${result.voteSettings.base === 'electorate' ? 'the electorate' : 'the votes cast'}).`;
    }
  }
}

/** A double majority's verdict, saying which of its two majorities failed. */
function doubleMajorityVerdict(result: VoteResult): string {
  const counts = `yes ${result.yes}, no ${result.no}, abstain ${result.abstain}`;
  const d = result.double_majority as DoubleMajority | undefined;
  // A place's own count (a row of the results per place): its majority, which the whole counts.
  if (!d) return `${(result.yes as number) > (result.no as number) ? 'Majority for' : 'No majority for'}: ${counts}.`;
  const places = d.places.level === 'chapter' ? 'chapters' : 'branches';
  const inPlaces = `yes > no in ${d.places.carried.length} of the ${d.places.counted.length} ${places} that voted, ${d.places.needed} needed`;
  switch (d.failed) {
    case null:
      return `Adopted by a double majority: ${counts}; ${inPlaces}.`;
    case 'places':
      return `Rejected: the majority of the votes cast holds (${counts}) but the majority of the ${places} fails (${inPlaces}).`;
    case 'votes':
      return `Rejected: the majority of the ${places} holds (${inPlaces}) but the majority of the votes cast fails (${counts}).`;
    default:
      return `Rejected: both majorities fail, of the votes cast (${counts}) and of the ${places} (${inPlaces}).`;
  }
}

/** The count as `tacit count` reports it, line by line. */
export function voteCountLines(result: VoteResult): string[] {
  const spec = countSpecOf(result.voteSettings, [], result.electorate, '');
  return countReport(spec, result).split('\n');
}

/** A ranking in words: "first B (Lisbon); then A (Berlin) and C (Paris), tied". */
export function rankingWords(ranking: Ranking, options: readonly MethodOption[]): string {
  const tiers = ranking.filter((t) => t.length);
  if (tiers.length === 0) return 'no option ranked';
  const tierWords = (t: readonly string[]) => (t.length === 1 ? optionWords(t[0]!, options) : `${and(t.map((o) => optionWords(o, options)))}, tied`);
  const ranked = new Set(tiers.flat());
  const left = options.filter((o) => !ranked.has(o.letter));
  const head = tiers.map((t, i) => `${i === 0 ? 'first' : 'then'} ${tierWords(t)}`).join('; ');
  return left.length ? `${head}; below all these, tied: ${and(left.map((o) => optionWords(o.letter, options)))} (left out)` : head;
}
