import { describe, expect, it } from 'vitest';
import { describeStance } from '../../../src/consultations/describeStance.ts';
import { describeBlockRule } from '../../../src/consultations/views.ts';

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
    [{ first: null, accept: ['A', 'B'], reject: ['C'] }, ['first preference: none', 'rejected: C', 'counted as accepting: A, B']],
    [{ first: null, any: true }, ['first preference: none', 'any option is fine with you', 'counted as accepting: A, B, C']],
    [{ first: null, reject: ['A', 'B', 'C'] }, ['first preference: none', 'rejected: A, B, C', 'counted as accepting: none of the options']],
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
