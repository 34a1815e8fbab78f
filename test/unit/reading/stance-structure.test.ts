import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../helpers/inEnglish.ts';
import { readChoiceStance, readProposalStance, type ChoiceStance } from '../../../src/reading/stance.ts';
import { optionPolarities, proposalWords } from '../../../src/reading/stance/mentions.ts';
import { choiceDisagreement, proposalDisagreement } from '../../../src/reading/stance/check.ts';
import { withoutSignature } from '../../../src/reading/stance/signature.ts';

/**
 * The structural rules of issue 20, one case each (the conformance suite
 * multiplies them by wrappings, placements and clients): refusals never
 * become preferences, questions and conditions give no stance, signatures
 * and sign-offs are no part of an answer, and the second reading.
 */
const HALLS = [
  { letter: 'A', text: 'Riverside Hall' },
  { letter: 'B', text: 'Garden Pavilion' },
  { letter: 'C', text: 'Old Library' },
];
const read = (text: string) => readChoiceStance(text, HALLS).stance;

describe('choice structure', () => {
  const cases: Array<[string, ChoiceStance]> = [
    // a clause that only refuses refers to what was just named
    ['C, no way', { first: null, reject: ['C'] }],
    ['Old Library, no way.', { first: null, reject: ['C'] }],
    ['Voto por la B. La A, no.', { first: 'B', reject: ['A'] }],
    // refusal verbs and idioms are refusals, never preferences
    ['I refuse C', { first: null, reject: ['C'] }],
    ['I could never support C', { first: null, reject: ['C'] }],
    ['Old Library would be a terrible choice', { first: null, reject: ['C'] }],
    // a question about an option gives no stance; the clause after "but" does
    ["I wonder whether A sounds too vague, but I'll go with C.", { first: 'C' }],
    // a condition with an alternative is doubt
    ['B, if the venue is accessible; otherwise A', { unreadable: true }],
    ['B, otherwise A', { first: 'B', ranking: ['B', 'A'] }],
    // labels and parentheses
    ['My preference: C\nAlso OK: B\nNot OK: A', { first: 'C', accept: ['B'], reject: ['A'] }],
    ['B (C would also be ok)', { first: 'B', accept: ['C'] }],
    // a sentence of discussion ends the stance; the rest is comment
    ['C.\n\nI know the worry is that people will find it odd, and that A or B would be easier to explain. A could belong to anyone.', { first: 'C' }],
    ['B\n\nNot C, because the travel would cost our chapter too much money', { first: 'B', reject: ['C'] }],
    // a signature without "-- ": initials, degrees and "Chapter C" do not count
    ['A\n\nDr. Anna B. Costa, MA, PhD\nChapter C secretary', { first: 'A' }],
    ['Hi all,\n\nGarden Pavilion', { first: 'B' }],
    ['Not A\n\nDr. B. Costa\nChapter C', { first: null, reject: ['A'] }],
    ['C\n\nJ. A. Novak, MSc\nChapter B', { first: 'C' }],
    // a sentence that only refuses, right after the stance, is about it
    ['C. Not.', { first: null, reject: ['C'] }],
    // the grammar reads C first here; the scorer finds C only refused: doubt, never a vote for C
    ['C is, to be honest, unacceptable', { unreadable: true }],
  ];
  it.each(cases)('%j', (text, stance) => {
    expect(read(text)).toEqual(stance);
  });

  it('finds a name-shaped last paragraph, and only after other text', () => {
    expect(withoutSignature('B\n\nJ.-P. Martin, M.Sc.\n+33 1 23 45 67 89')).toBe('B');
    expect(withoutSignature('Dr. Anna B. Costa')).toBeUndefined();
    expect(withoutSignature('B\n\nI think so too, really.')).toBeUndefined();
  });
});

describe('proposal structure', () => {
  it('reads a concern that does not block as agreement, keeping the concern', () => {
    const r = readProposalStance("I object to the wording, but I won't block.");
    expect(r.stance).toBe('agree');
    expect(r.comment).toContain('I object to the wording');
  });

  it('stores a reason without the sign-off and signature', () => {
    expect(readProposalStance('Object: too costly for students.\n\nBest regards,\nIngrid Solberg\nOslo').reason).toBe('too costly for students.');
    expect(readProposalStance('-1. The pledge says nothing about the rules.\n\nHenrik').reason).toBe('The pledge says nothing about the rules.');
  });

  it('needs a person before a one-word proxy verb', () => {
    expect(readProposalStance('Maria says agree').stance).toBe('unreadable');
    expect(readProposalStance('Agree. The text says what we do.').stance).toBe('agree');
  });
});

describe('the second reading', () => {
  it('gives each mention the polarity of its clause', () => {
    expect(Object.fromEntries(optionPolarities('B, not C. Lisbon, Garden Pavilion and Old Library are all out', HALLS))).toEqual({
      B: ['for', 'against'], C: ['against', 'against'],
    });
    expect(Object.fromEntries(optionPolarities('Why not C?', HALLS))).toEqual({});
    expect(Object.fromEntries(optionPolarities('A congress every year is too much. Noch A noch B.', HALLS))).toEqual({ A: ['against'], B: ['against'] });
    expect([...proposalWords("I object to the wording, but I won't block.")].sort()).toEqual(['agree', 'object']);
  });

  it('is doubt when it contradicts the grammar', () => {
    expect(inEnglish(choiceDisagreement('I reject C', HALLS, { first: 'C' }))).toContain('the reply reads two ways');
    expect(inEnglish(choiceDisagreement('C please', HALLS, { first: null, reject: ['C'] }))).toContain('the reply reads two ways');
    expect(choiceDisagreement('B, not C', HALLS, { first: 'B', reject: ['C'] })).toBeUndefined();
    expect(inEnglish(proposalDisagreement('I object.', 'agree'))).toContain('the reply reads two ways');
    expect(proposalDisagreement('I agree.', 'agree')).toBeUndefined();
  });
});
