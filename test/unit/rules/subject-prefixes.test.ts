import { describe, expect, it } from 'vitest';
import { withoutReplyPrefixes } from '../../../src/shared/rules/subjectPrefixes.ts';

describe('withoutReplyPrefixes: one rule for every subject Tacit reads', () => {
  it.each([
    ['Re: budget', 'budget'],
    ['Re: Fwd: budget', 'budget'],
    ['AW: WG: budget', 'budget'],
    ['RE : budget', 'budget'],
    ['Re[2]: budget', 'budget'],
    ['Re(3): budget', 'budget'],
    ['Odp: budget', 'budget'],
    ['Rif: budget', 'budget'],
    ['TR: budget', 'budget'],
    ['Απ: budget', 'budget'],
    ['Ответ: budget', 'budget'],
    ['回复：budget', 'budget'],
    ['Re：budget', 'budget'],
    ['budget', 'budget'],
    ['Refund: budget', 'Refund: budget'],
    ['budget Re: now', 'budget Re: now'],
  ])('%s → %s', (subject, expected) => {
    expect(withoutReplyPrefixes(subject)).toBe(expected);
  });
});
