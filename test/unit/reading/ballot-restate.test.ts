import { describe, expect, it } from 'vitest';
import { restateMotionVote, restateRanking } from '../../../src/reading/ballot/restate.ts';
import { RANKING_OPTIONS } from './ballot-ranking-cases.ts';

describe('a ballot restated for the receipt', () => {
  it('a motion vote in words', () => {
    expect(restateMotionVote('yes')).toBe('Your vote: yes: for the motion.');
    expect(restateMotionVote('no')).toBe('Your vote: no: against the motion.');
    expect(restateMotionVote('abstain')).toBe('Your vote: abstain: a ballot cast, neither for nor against.');
  });

  it('a ranking with its titles, ties and the options left out', () => {
    expect(restateRanking([['B'], ['A', 'D']], RANKING_OPTIONS)).toBe([
      'Your ranking, best first:',
      '  1. B (Sunday afternoon)',
      '  2. A (Saturday morning) and D (Lisbon), tied',
      'Not ranked, so tied below every option you ranked: C (Online only).',
    ].join('\n'));
  });

  it('a full ranking has no "not ranked" line', () => {
    expect(restateRanking([['D'], ['C'], ['B'], ['A']], RANKING_OPTIONS)).not.toContain('Not ranked');
  });
});
