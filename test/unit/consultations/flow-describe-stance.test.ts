import { describe, expect, it } from 'vitest';
import { describeStance, restateStance } from '../../../src/domains/consultations/replies/describeStance.ts';
import { describeBlockRule } from '../../../src/domains/consultations/mail/views.ts';

const options = [
  { letter: 'A', text: 'Spring' },
  { letter: 'B', text: 'Autumn' },
  { letter: 'C', text: 'Winter' },
];

/** What a receipt says was recorded: exact, and what it means for the count. */
describe('describeStance (receipts)', () => {
  it.each([
    [{ first: 'B' }, ['first preference: B (Autumn)', 'counted as accepting: A, B, C']],
    [{ first: 'C', ranking: ['C', 'B', 'A'] }, ['first preference: C (Winter)', 'ranking: C > B > A', 'counted as accepting: A, B, C']],
    [{ first: null, accept: ['A', 'B'], reject: ['C'] }, ['first preference: none', 'also fine: A (Spring), B (Autumn)', 'rejected: C', 'counted as accepting: A, B']],
    [{ first: null, any: true }, ['first preference: none', 'any option is fine with you', 'counted as accepting: A, B, C']],
    [{ first: null, reject: ['A', 'B', 'C'] }, ['first preference: none', 'rejected: A, B, C', 'counted as accepting: none of the options']],
    [{ first: 'C', accept: ['C', 'A'], reject: ['B'] }, ['first preference: C (Winter)', 'also fine: A (Spring)', 'rejected: B', 'counted as accepting: A, C']],
    [{ unreadable: true }, ['nothing Tacit could read as an answer (kept as a comment)']],
  ])('choice %j', (stance, lines) => {
    expect(describeStance('choice', stance, options)).toEqual(lines);
  });

  it.each([
    [{ stance: 'agree' }, ['agree']],
    [{ stance: 'abstain' }, ['abstain']],
    [{ stance: 'object', reason: 'too costly' }, ['object, because: too costly']],
    [{ stance: 'object' }, ['object (no reason given)']],
    [{ stance: 'unreadable' }, ['nothing Tacit could read as an answer (kept as a comment)']],
  ])('proposal %j', (stance, lines) => {
    expect(describeStance('proposal', stance, [])).toEqual(lines);
  });
});

/** The receipt's one sentence: the reading in words, so a member can correct it. */
describe('restateStance', () => {
  it.each([
    [{ first: 'C', accept: ['C', 'B'], reject: ['A'] }, 'first choice C (Winter); also fine: B (Autumn); not acceptable: A (Spring)'],
    [{ first: 'C', ranking: ['C', 'B', 'A'] }, 'first choice C (Winter), then B (Autumn), then A (Spring)'],
    [{ first: null, accept: ['A', 'B'] }, 'no single first choice; also fine: A (Spring), B (Autumn)'],
    [{ first: null, any: true }, 'every option is fine with you, no preference'],
    [{ first: 'B', any: true }, 'every option is fine, with a preference for B (Autumn)'],
    [{ first: null, reject: ['C'] }, 'no single first choice; not acceptable: C (Winter)'],
    [{ unreadable: true }, 'nothing Tacit could read as an answer'],
  ])('choice %j', (stance, text) => {
    expect(restateStance('choice', stance, options)).toBe(text);
  });

  it.each([
    [{ stance: 'agree' }, 'you agree'],
    [{ stance: 'object', reason: 'too costly' }, 'you object, because: too costly'],
    [{ stance: 'abstain' }, 'you abstain'],
  ])('proposal %j', (stance, text) => {
    expect(restateStance('proposal', stance, [])).toBe(text);
  });
});

describe('describeBlockRule', () => {
  it.each([
    [1, 'one objection blocks it'],
    [3, '3 objections block it'],
    [{ percent: 10 }, 'objections from 10% of the members block it'],
    [null, null],
  ])('%j', (rule, text) => {
    expect(describeBlockRule(rule)).toBe(text);
  });
});
