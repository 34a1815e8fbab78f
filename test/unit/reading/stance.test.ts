import { describe, expect, it } from 'vitest';
import { readChoiceStance, readProposalStance } from '../../../src/reading/stance.ts';
import { OPTIONS, choiceCases, proposalCases } from '../../helpers/stance-cases.ts';

describe('readChoiceStance', () => {
  it.each(choiceCases)('%j', (text, stance, comment) => {
    const { stance: got, comment: kept } = readChoiceStance(text, OPTIONS);
    expect({ stance: got, comment: kept }).toEqual({ stance, comment });
  });

  it('accepts bare letters as options', () => {
    expect(readChoiceStance('B > A', ['A', 'B', 'C'])).toEqual({ stance: { first: 'B', ranking: ['B', 'A'] }, comment: '' });
    expect(readChoiceStance('C', ['A', 'B'])).toEqual({ stance: { unreadable: true }, comment: 'C' });
  });

  it('reads the article "a" as prose only where a letter does not fit', () => {
    expect(readChoiceStance('a', ['A', 'B']).stance).toEqual({ first: 'A' });
    expect(readChoiceStance('I would like a shorter name, B', ['A', 'B']).stance).toEqual({ first: 'B' });
  });
});

describe('readProposalStance', () => {
  it.each(proposalCases)('%j', (text, expected) => {
    const { doubt: _doubt, ...reading } = readProposalStance(text);
    expect(reading).toEqual(expected);
  });
});

it('has a table of at least 80 reply cases', () => {
  expect(choiceCases.length + proposalCases.length).toBeGreaterThanOrEqual(80);
});
