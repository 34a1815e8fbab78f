import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../helpers/inEnglish.ts';
import { HOW_TO_VOTE, readMotionVote } from '../../../src/reading/ballot/motion.ts';
import { motionCases } from './ballot-motion-cases.ts';

describe('readMotionVote: the table (ballot-motion-cases.ts)', () => {
  it.each(motionCases.filter(([, want]) => want !== null))('%j is %s', (text, want) => {
    expect(readMotionVote(text)).toEqual({ vote: want });
  });

  it.each(motionCases.filter(([, want]) => want === null).map(([text]) => [text]))('%j is doubt, with how to answer', (text) => {
    const reading = readMotionVote(text);
    expect(reading).not.toHaveProperty('vote');
    expect(inEnglish(reading).doubt).toContain(inEnglish(HOW_TO_VOTE));
  });
});

describe('readMotionVote: why a ballot is sent back', () => {
  it.each([
    ['yes if the budget passes', 'condition'],
    ['Yes. Actually, no.', 'yes and no'],
    ['No. Yes.', 'no and yes'],
    ['Yes? Why now?', 'question'],
    ['I object, but I will not block', 'does not block'],
    ['Yes to A', 'this is a motion: yes, no or abstain'],
  ])('%j: the doubt says %j', (text, why) => {
    expect(inEnglish(readMotionVote(text)).doubt).toContain(why);
  });

  it('a condition in a later remark or a disclaimer leaves the vote', () => {
    expect(readMotionVote('Yes.\n\nThanks for organising. Let me know if you need a hand.')).toEqual({ vote: 'yes' });
    expect(readMotionVote('No.\n\nJane Doe\nTreasurer\n\nThis e-mail is confidential. If you received it in error, please delete it.')).toEqual({ vote: 'no' });
  });

  it('a quoted original below the vote is not read (the trimmer leaves quote marks)', () => {
    expect(readMotionVote('No\n\n> Vote yes, no or abstain on the motion.\n> Yes means adopt.')).toEqual({ vote: 'no' });
  });

  it('is pure: the same text, the same reading, whatever was read before', () => {
    const texts = motionCases.map(([t]) => t);
    const first = texts.map(readMotionVote);
    expect([...texts].reverse().map(readMotionVote).reverse()).toEqual(first);
  });
});
