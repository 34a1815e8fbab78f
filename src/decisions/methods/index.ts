/**
 * The decision methods this build knows. Adding one is a folder beside these
 * and one line below; the composition root (src/app/wiring.ts) copies the
 * table into ctx.wiring.decisionMethods, where a test may add its own.
 */
import type { DecisionMethod, MethodSettings } from '../decisionMethod.ts';
import { consentChoice } from './consentChoice/consentChoice.ts';
import { doubleMajorityVote } from './doubleMajority/doubleMajority.ts';
import { lazyConsensus } from './lazyConsensus/lazyConsensus.ts';
import { rankedVote } from './rankedVote/rankedVote.ts';
import { voteMotion } from './voteMotion/voteMotion.ts';

export const DECISION_METHODS: ReadonlyArray<readonly [string, DecisionMethod]> = [
  [consentChoice.name, consentChoice],
  [lazyConsensus.name, lazyConsensus],
  [voteMotion.name, voteMotion],
  [rankedVote.name, rankedVote],
  [doubleMajorityVote.name, doubleMajorityVote],
];

declare module '../../shared/context.ts' {
  interface Wiring {
    /** Decision methods by name (consultations.method, the opening's "Method:" line). */
    decisionMethods: Map<string, DecisionMethod>;
  }
}

const BUILT_IN: ReadonlyMap<string, DecisionMethod> = new Map(DECISION_METHODS);

/** The method of a stored consultation: its `method`, or (rows from before the column) the one of its kind. */
export function methodOf(
  c: { method?: string | null; kind: string },
  methods: ReadonlyMap<string, DecisionMethod> = BUILT_IN,
): DecisionMethod {
  const found = (c.method && methods.get(c.method)) || [...methods.values()].find((m) => m.kind === c.kind && m.kindWords);
  if (!found) throw new Error(`no decision method "${c.method ?? c.kind}" (known: ${[...methods.keys()].join(', ')})`);
  return found;
}

/** The method stored for a kind, for callers that hold only the kind (the two first methods). */
export function methodOfKind(kind: string): DecisionMethod {
  return methodOf({ kind });
}

/** A stored consultation's settings, as methods take them. */
export function settingsOf(c: { options: MethodSettings['options']; block_threshold?: unknown }): MethodSettings {
  return { options: c.options, block: c.block_threshold ?? null };
}
