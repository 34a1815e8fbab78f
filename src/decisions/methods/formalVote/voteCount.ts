/**
 * Counting a formal vote at the close: the ballots (rankings over the
 * count's option names; a motion's `yes`, `no` or none for an abstention)
 * grouped as they come, then counted by counting/count.ts's runCount, the
 * one implementation `tacit count` runs on the tally sheet: the same method,
 * the same quorum (ballots cast, abstentions included, outside the method),
 * the same lot (seeded by the sheet's SHA-256). Pure.
 */
import type { Ranking } from '../../counting/ballot.ts';
import { runCount } from '../../counting/count.ts';
import type { MethodCount, MethodSettings } from '../../decisionMethod.ts';
import type { ElectorateFigures } from '../../electorateFigures.ts';
import { countSpecOf, settingsDocument, type VoteSettings } from './voteSettings.ts';

/** The fields `tacit count --json` prints, as many as the method has. */
export const COUNT_FIELDS = [
  'verdict', 'yes', 'no', 'abstain',
  'winner', 'winners', 'ranking', 'pairwise', 'strongest_paths', 'below_default',
  'quota', 'elected', 'rounds', 'exhausted', 'tie_breaks',
  'quorum', 'double_majority',
] as const;

export type VoteResult = ElectorateFigures & {
  /** The method, as `tacit count` names it. */
  count: string;
  /** The settings counted with (so a result reads on its own). */
  voteSettings: VoteSettings;
} & Record<string, unknown>;

export const voteSettingsOf = (settings: MethodSettings) => settings.block as VoteSettings;

export function createVoteCount(settings: MethodSettings): MethodCount<Ranking, VoteResult> {
  const vote = voteSettingsOf(settings);
  // Grouped by ranking: memory follows the distinct ballots, not the voters.
  const groups = new Map<string, { ranking: Ranking; count: number }>();
  return {
    add(ranking, count) {
      const key = JSON.stringify(ranking);
      const group = groups.get(key);
      if (group) group.count += count;
      else groups.set(key, { ranking, count });
    },
    result(figures, sheet) {
      const spec = countSpecOf(vote, settings.options, figures.electorate, sheet?.sha256 ?? '');
      return { ...figures, count: vote.count, voteSettings: vote, ...runCount(spec, groups.values()) };
    },
  };
}

/** The result's `tacit count --json` fields, in that document's order. */
export function countFields(result: VoteResult): Record<string, unknown> {
  return Object.fromEntries(COUNT_FIELDS.filter((f) => f in result).map((f) => [f, result[f]]));
}

/**
 * A vote's part of `tacit consultation --json`: the method and its settings,
 * and the count only once closed (a vote's running count is never shown).
 */
export function voteDocument(result: VoteResult | null, settings: MethodSettings, options: unknown[]): { options: unknown[]; fields: Record<string, unknown> } {
  const vote = voteSettingsOf(settings);
  const counted = result && !result.provisional ? countFields(result) : {};
  return { options, fields: { count: vote.count, settings: settingsDocument(vote), ...counted } };
}
