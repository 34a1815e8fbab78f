/**
 * A count in words, for `tacit count` without --json: the verdict or the
 * winners first, then the rounds. The JSON carries the same facts.
 */
import type { DoubleMajority } from './doubleMajority.ts';
import type { CountSpec } from './methods.ts';
import type { IrvResult } from './irv.ts';
import type { MotionResult } from './motion.ts';
import { thresholdName } from './motion.ts';
import type { QuorumCheck } from './quorum.ts';
import type { SchulzeResult } from './schulze.ts';
import type { StvResult } from './stv.ts';
import type { TieBreak } from './tieBreak.ts';

const tiers = (ranking: string[][]) => ranking.map((t) => t.join(' = ')).join(' > ');
const votesLine = (votes: Record<string, number>) =>
  Object.entries(votes)
    .map(([o, v]) => `${o} ${v}`)
    .join(', ');
const tieLines = (ties: TieBreak[]) =>
  ties.map((t) => `  tie at round ${t.round} between ${t.tied.join(', ')}: ${t.chosen} chosen by ${t.by === 'lot' ? 'lot (from the SHA-256 of the input)' : 'an earlier round'}`);

export function countReport(spec: CountSpec, result: Record<string, unknown>): string {
  const lines: string[] = [];
  const quorum = result.quorum as QuorumCheck | undefined;
  if (quorum) lines.push(`quorum ${quorum.required}, cast ${quorum.cast}: ${quorum.met ? 'met' : 'NOT met'}`);
  if (result.verdict === 'no-quorum' && !('yes' in result)) return [...lines, 'verdict: no-quorum'].join('\n');
  switch (spec.method) {
    case 'majority':
    case 'two-thirds':
    case 'fraction':
    case 'double-majority': {
      const r = result as unknown as MotionResult;
      lines.push(`${spec.method === 'double-majority' ? 'double majority' : thresholdName(spec.threshold)} of ${spec.base === 'electorate' ? 'the electorate' : 'the votes cast'}: yes ${r.yes}, no ${r.no}, abstain ${r.abstain}`, `verdict: ${r.verdict}`);
      if (result.double_majority) lines.push(...doubleMajorityLines(result.double_majority as DoubleMajority));
      break;
    }
    case 'schulze': {
      const r = result as unknown as SchulzeResult;
      lines.push(r.winner !== null ? `winner: ${r.winner}` : `tied winners: ${r.winners.join(', ')}`, `ranking: ${tiers(r.ranking)}`);
      if (r.below_default.length) lines.push(`below the default: ${r.below_default.join(', ')}`);
      break;
    }
    case 'irv': {
      const r = result as unknown as IrvResult;
      lines.push(`winner: ${r.winner ?? 'none'}`);
      r.rounds.forEach((votes, i) => lines.push(`  round ${i + 1}: ${votesLine(votes)}; exhausted ${r.exhausted[i]}`));
      lines.push(...tieLines(r.tie_breaks));
      break;
    }
    case 'stv': {
      const r = result as unknown as StvResult;
      lines.push(`quota ${r.quota}; elected in order: ${r.elected.join(', ')}`);
      for (const s of r.rounds) {
        const what = s.action === 'surplus' ? `surplus of ${s.option}${s.transfer_value !== undefined ? ` (transfer value ${s.transfer_value})` : ''}` : s.action === 'exclusion' ? `exclusion of ${s.option}` : s.action === 'first' ? 'first preferences' : 'last seats';
        lines.push(`  stage ${s.stage}, ${what}: ${votesLine(s.votes)}; non-transferable ${s.non_transferable}${s.elected.length ? `; elected ${s.elected.join(', ')}` : ''}`);
      }
      lines.push(...tieLines(r.tie_breaks));
      break;
    }
  }
  return lines.join('\n');
}

/** Which of a double majority's two majorities held, in words. */
export function doubleMajorityLines(d: DoubleMajority): string[] {
  const plural = d.places.level === 'chapter' ? 'chapters' : 'branches';
  const lines = [
    `majority of the votes cast (yes > no): ${d.votes.met ? 'met' : 'NOT met'} (yes ${d.votes.yes}, no ${d.votes.no})`,
    `majority of the ${plural} that voted: ${d.places.met ? 'met' : 'NOT met'} (yes > no in ${d.places.carried.length} of ${d.places.counted.length}, ${d.places.needed} needed${d.places.carried.length ? `: ${d.places.carried.join(', ')}` : ''})`,
  ];
  if (d.places.quorum !== null) lines.push(`  ${plural} count with at least ${d.places.quorum} ballots${d.places.below_quorum.length ? `; below it: ${d.places.below_quorum.join(', ')}` : ''}`);
  return lines;
}
