import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../../src/reading/stance/inlineAnswers.ts';
import { readChoiceStance, type ChoiceStance } from '../../../src/reading/stance.ts';

/** Answers written under quoted option lines. */
describe('what a short answer under an option line says about it', () => {
  it.each([
    ['Yes', 'want'], ['+1', 'want'], ['this', 'want'], ['[KJ] This one - C.', 'want'], ['<-- this', 'want'], ['x', 'want'],
    ['No', 'refuse'], ['-1', 'refuse'], ['nope', 'refuse'], ['fine', 'accept'], ['ok', 'accept'],
    ['maybe', null], ['B', null], ['I have a question about this', null],
  ] as const)('%j → %s', (text, verdict) => {
    expect(verdictOf(text, 'C')).toBe(verdict);
  });
});

const OPTIONS = [
  { letter: 'A', text: 'Hold it in Lisbon' },
  { letter: 'B', text: 'Online only' },
  { letter: 'C', text: 'Hybrid, Berlin with a video link' },
];
const list = (under: Record<string, string>, tail = '') =>
  ['> Options:', ...OPTIONS.map((o) => `>   ${o.letter}. ${o.text}`)]
    .flatMap((l) => { const k = Object.keys(under).find((x) => l.endsWith(x)); return k ? [l, under[k]!] : [l]; })
    .join('\n') + tail;

const cases: Array<[string, string, ChoiceStance]> = [
  ['yes under one, no under another', list({ 'Online only': 'Yes', 'Hold it in Lisbon': 'No' }), { first: 'B', reject: ['A'] }],
  ['a reason after the word, and a sign-off', list({ 'Hold it in Lisbon': 'No way, too far.', 'Online only': 'Yes!' }, '\n\nCheers,\nKim'), { first: 'B', reject: ['A'] }],
  ['two yes: both acceptable, no first', list({ 'Hold it in Lisbon': 'yes', 'Online only': 'yes' }), { first: null, accept: ['A', 'B'] }],
  ['a clause naming another option goes to the grammar', list({ 'Hold it in Lisbon': 'No, but hybrid is fine.' }), { first: null, accept: ['C'], reject: ['A'] }],
  ['free text with a stance of its own wins', `C please.\n\n${list({ 'Online only': 'ok' })}`, { first: 'C' }],
  ['an unknown word under an option: not read as a verdict', list({ 'Online only': 'maybe' }), { unreadable: true }],
];

describe('replies answered under quoted option lines', () => {
  it.each(cases)('%s', (_name, text, stance) => {
    expect(readChoiceStance(text, OPTIONS).stance).toEqual(stance);
  });
});
