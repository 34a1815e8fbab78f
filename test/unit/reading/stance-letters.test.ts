import { describe, expect, it } from 'vitest';
import { readChoiceStance, type ChoiceStance } from '../../../src/reading/stance.ts';

/**
 * Option A written next to other letters is option A, not the article "a":
 * "A B C" used to be recorded as "B first" (A silently dropped), a wrong vote.
 * The article is still recognised: "a B", or "a b" after a word.
 */
const cases: [string, ChoiceStance][] = [
  ['A B C', { first: 'A', ranking: ['A', 'B', 'C'] }],
  ['A B', { first: 'A', ranking: ['A', 'B'] }],
  ['A C', { first: 'A', ranking: ['A', 'C'] }],
  ['B A C', { first: 'B', ranking: ['B', 'A', 'C'] }],
  ['a b c', { first: 'A', ranking: ['A', 'B', 'C'] }],
  ['Vote: a b', { first: 'A', ranking: ['A', 'B'] }],
  ['C > a b', { first: 'C', ranking: ['C', 'A', 'B'] }],
  ['I vote A B C', { first: 'A', ranking: ['A', 'B', 'C'] }],
  // the article before a letter: "a B", or "a b" after a word
  ["I'd give it a B", { first: 'B' }],
  ['I vote a b', { first: 'B' }],
  ['Honestly, a C.', { first: 'C' }],
  ['Well, a B would be nice', { first: 'B' }],
  ["It's a C for me", { first: 'C' }],
  ['such a B', { first: 'B' }],
];

describe('option A among other letters', () => {
  it.each(cases)('%j', (text, stance) => {
    expect(readChoiceStance(text, ['A', 'B', 'C']).stance).toEqual(stance);
  });
});
