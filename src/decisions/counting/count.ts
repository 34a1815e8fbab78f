/**
 * One count: the method's accumulator fed every distinct ballot, then the
 * quorum (ballots cast, abstentions included) checked once for every method.
 * Below the quorum the verdict is `no-quorum`: a motion still shows its
 * numbers, a ranked count shows no winner.
 */
import type { Ranking } from './ballot.ts';
import { countingMethods, isMotion, type CountSpec } from './methods.ts';
import { checkQuorum } from './quorum.ts';

export function runCount(spec: CountSpec, ballots: Iterable<{ ranking: Ranking; count: number }>): Record<string, unknown> {
  const accumulator = countingMethods[spec.method](spec);
  let cast = 0;
  for (const { ranking, count } of ballots) {
    accumulator.add(ranking, count);
    cast += count;
  }
  const quorum = spec.quorum ? checkQuorum(spec.quorum, cast, spec.electorate) : null;
  if (quorum && !quorum.met) {
    return isMotion(spec.method) ? { ...accumulator.result(), verdict: 'no-quorum', quorum } : { verdict: 'no-quorum', quorum };
  }
  return { ...accumulator.result(), ...(quorum ? { quorum } : {}) };
}
