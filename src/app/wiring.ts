import type { Wiring } from '../shared/context.ts';

/** The hand-off tables of this process, built from each domain's manifest. */
export function wireDomains(): Wiring {
  return {};
}
