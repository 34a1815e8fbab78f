import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import type { ElectorateFigures } from '../../../decisions/electorateFigures.ts';
import { methodOf } from '../../../decisions/methods/index.ts';

/**
 * Whether a consultation's count may be shown now: its stances, its
 * per-option numbers, its verdict so far. A formal vote's method keeps it
 * secret until the close (`secretUntilClose`), so that nobody votes
 * tactically on a running count; a cancelled vote never closes, so its count
 * is never shown. Where this says no, a place shows turnout only
 * (`turnoutOnly`). Every place that shows an open consultation's count asks
 * this one function; the others (web record, digest, tally sheet) show a
 * count only once the consultation has closed.
 */
export function countVisible(
  c: { status: string; method?: string | null; kind: string },
  methods: ReadonlyMap<string, DecisionMethod>,
): boolean {
  return c.status === 'closed' || !methodOf(c, methods).secretUntilClose;
}

/** Turnout only: the electorate figures of a count, nothing of the method's (no stance, option or verdict). */
export function turnoutOnly(figures: ElectorateFigures): ElectorateFigures {
  const { provisional, electorate, buckets, unreadable, turnout } = figures;
  return { provisional, electorate, buckets: { ...buckets }, unreadable, turnout };
}
