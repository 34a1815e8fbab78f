import type { Wiring } from '../shared/context.ts';
import { DECISION_METHODS } from '../decisions/methods/index.ts';

/** The hand-off tables of this process, built from each domain's manifest. */
export function wireDomains(): Wiring {
  return {
    // A Map of its own per process, so a test may add a method to its harness.
    decisionMethods: new Map(DECISION_METHODS),
  };
}
