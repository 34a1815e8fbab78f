import { describe, expect, it } from 'vitest';
import { clip, clipWithNote, pageWindow } from '../../../src/http/rules/budget.ts';

describe('clip', () => {
  it.each<[string, string, number, string, number]>([
    ['fits', 'hello', 5, 'hello', 0],
    ['cut at the budget', 'hello world', 5, 'hello', 6],
    ['escaped characters weigh their entity', '<<<<', 8, '<<', 2],
    ['quotes weigh &quot;', '"a"', 7, '"a', 1],
    ['multi-byte characters are never split', 'ééé', 5, 'éé', 1],
    ['astral characters count once', '😀😀', 4, '😀', 1],
    ['trailing space of the cut is dropped', 'one two three', 8, 'one two', 5],
    ['empty', '', 0, '', 0],
  ])('%s', (_name, text, budget, kept, omitted) => {
    expect(clip(text, budget)).toEqual({ text: kept, omitted });
  });

  it('says what was left out', () => {
    expect(clipWithNote('abcdef', 3)).toBe('abc […] (3 more characters)');
    expect(clipWithNote('abc', 3)).toBe('abc');
  });
});

describe('pageWindow', () => {
  it.each<[number, number, { offset: number; limit: number }]>([
    [1, 50, { offset: 0, limit: 51 }],
    [3, 50, { offset: 100, limit: 51 }],
    [0, 50, { offset: 0, limit: 51 }],
    [-2, 20, { offset: 0, limit: 21 }],
    [Number.NaN, 20, { offset: 0, limit: 21 }],
  ])('page %s of %s', (page, size, expected) => {
    expect(pageWindow(page, size)).toEqual(expected);
  });
});
