import { describe, expect, it } from 'vitest';
import { countVisible, turnoutOnly } from '../../../src/domains/consultations/rules/countVisible.ts';
import { DECISION_METHODS } from '../../../src/decisions/methods/index.ts';
import type { DecisionMethod } from '../../../src/decisions/decisionMethod.ts';

// A method that keeps its count secret until the close: only the flag matters here.
const methods = new Map<string, DecisionMethod>([
  ...DECISION_METHODS,
  ['sealed', { ...new Map(DECISION_METHODS).get('lazy-consensus')!, name: 'sealed', kind: 'sealed', kindWords: undefined, secretUntilClose: true }],
]);

describe('countVisible', () => {
  it.each([
    ['choice', 'consent-choice', 'open', true],
    ['proposal', 'lazy-consensus', 'open', true],
    ['proposal', 'lazy-consensus', 'cancelled', true],
    ['sealed', 'sealed', 'open', false],
    ['sealed', 'sealed', 'draft', false],
    // A cancelled vote never closes: its count is never shown.
    ['sealed', 'sealed', 'cancelled', false],
    ['sealed', 'sealed', 'closed', true],
  ])('%s (%s) %s → %s', (kind, method, status, visible) => {
    expect(countVisible({ kind, method, status }, methods)).toBe(visible);
  });
});

describe('turnoutOnly', () => {
  it('keeps the electorate figures and drops the method\'s fields', () => {
    const figures = { provisional: true, electorate: 5, buckets: { replied: 3, silent: 2, unreachable: 0, away: 0 }, unreadable: 1, turnout: 0.6 };
    expect(turnoutOnly({ ...figures, yes: 2, no: 1, verdict: 'adopted' } as typeof figures)).toEqual(figures);
  });
});
