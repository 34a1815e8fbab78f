import { describe, expect, it } from 'vitest';
import { readRanking } from '../../../../src/reading/ballot/ranking.ts';
import { readMotionVote } from '../../../../src/reading/ballot/motion.ts';
import { mayContinueRanking, readBallotText } from '../../../../src/decisions/methods/formalVote/voteReading.ts';

/** A vote's reply split into its ballot and its comment: a ballot is never read in part. */
const options = [{ letter: 'A', text: 'Ana' }, { letter: 'B', text: 'Bruno' }, { letter: 'C', text: 'Cyril' }];
const ranked = (text: string) =>
  readBallotText(text, (t) => readRanking(t, options), (r) => 'ranking' in r, (lines) => mayContinueRanking(lines, options));
const motion = (text: string) => readBallotText(text, readMotionVote, (r) => 'vote' in r);

describe('a ranked ballot and its comment', () => {
  it.each([
    ['B > A', [['B'], ['A']], ''],
    ['B > A\nThanks.', [['B'], ['A']], 'Thanks.'],
    ['B > A\n\nGood luck to all three.', [['B'], ['A']], 'Good luck to all three.'],
    ['1. Ana\n2. Bruno', [['A'], ['B']], ''],
    ['1. Ana\n2. Bruno\n\nGood luck', [['A'], ['B']], 'Good luck'],
  ])('%j reads as %j with comment %j', (text, ranking, comment) => {
    expect(ranked(text)).toEqual({ reading: { ranking }, comment });
  });

  it.each([
    'B > A\nand then C, I suppose',
    '1. Ana\n2. someone else',
  ])('%j is doubt: the lines under the first may go on with the ranking', (text) => {
    expect('doubt' in ranked(text).reading).toBe(true);
  });
});

describe('a motion and its comment', () => {
  it.each([
    ['yes', 'yes', ''],
    ['no\n\nThe budget is too thin.', 'no', 'The budget is too thin.'],
  ])('%j votes %s', (text, vote, comment) => {
    expect(motion(text)).toEqual({ reading: { vote }, comment });
  });
});
