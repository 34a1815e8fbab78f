import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inEnglish } from '../../helpers/inEnglish.ts';
import { readMotionVote } from '../../../src/reading/ballot/motion.ts';
import { howToRank, readRanking } from '../../../src/reading/ballot/ranking.ts';
import type { BallotOption } from '../../../src/reading/ballot/types.ts';
import { RANKING_OPTIONS, rankingCases } from './ballot-ranking-cases.ts';

const letters = (...ls: string[]): BallotOption[] => ls.map((letter) => ({ letter, text: `Option ${letter.toLowerCase()}${letter.toLowerCase()}` }));

describe('readRanking: the table (ballot-ranking-cases.ts)', () => {
  it.each(rankingCases.filter(([, want]) => want !== null))('%j', (text, want) => {
    expect(readRanking(text, RANKING_OPTIONS)).toEqual({ ranking: want });
  });

  it.each(rankingCases.filter(([, want]) => want === null).map(([text]) => [text]))('%j is doubt, quoting how to answer', (text) => {
    const reading = readRanking(text, RANKING_OPTIONS);
    expect(reading).not.toHaveProperty('ranking');
    expect(inEnglish(reading).doubt).toContain('for example: B > A > C');
  });
});

describe('readRanking: why a ballot is sent back', () => {
  it.each([
    ['B > B > A', 'option B is named twice'],
    ['B > A > E', 'E'],
    ['B > F > A', 'there is no option F'],
    ['A, B > C', 'reads two ways'],
    ['B > A, but not A', 'inside the ranking'],
    ['B (Lisbon) > A', "another option's title"],
    ['B > A > C?', 'question'],
    ['1. B\n3. A', 'place 3'],
  ])('%j: the doubt says %j', (text, why) => {
    expect(inEnglish(readRanking(text, RANKING_OPTIONS)).doubt).toContain(why);
  });

  it('gives the example format with the vote\'s own letters', () => {
    expect(inEnglish(howToRank(letters('P', 'Q', 'R', 'S')))).toBe('Rank the options by their letters, best first, for example: Q > P > R (a tie with =: P = Q > R).');
    expect(inEnglish(howToRank(letters('A', 'B')))).toBe('Rank the options by their letters, best first, for example: B > A.');
  });
});

describe('readRanking: options of other votes', () => {
  const names: BallotOption[] = [
    { letter: 'A', text: 'International Organization for a Free Society' },
    { letter: 'B', text: 'International Organization for a Participatory Society' },
    { letter: 'C', text: 'International Organization for Participatory Socialism' },
  ];

  it('a run of title words only one option holds names it; one several hold is doubt', () => {
    expect(readRanking('Participatory Socialism > Free Society', names)).toEqual({ ranking: [['C'], ['A']] });
    expect(readRanking('International Organization for a Participatory Society, International Organization for a Free Society', names))
      .toEqual({ ranking: [['B'], ['A']] });
    expect(readRanking('Participatory > Free Society', names)).toHaveProperty('doubt');
    expect(readRanking('International Organization > C', names)).toHaveProperty('doubt');
  });

  it('two options with the same title: naming it is doubt, their letters are not', () => {
    const twins: BallotOption[] = [{ letter: 'A', text: 'Lisbon' }, { letter: 'B', text: 'Lisbon' }, { letter: 'C', text: 'Porto' }];
    expect(readRanking('Lisbon > Porto', twins)).toHaveProperty('doubt');
    expect(readRanking('B > C > A', twins)).toEqual({ ranking: [['B'], ['C'], ['A']] });
  });

  it('ten options: every letter, and "I" is option I only where a ranking sign is next to it', () => {
    const ten = letters('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J');
    expect(readRanking('J > I > H = G > A', ten)).toEqual({ ranking: [['J'], ['I'], ['H', 'G'], ['A']] });
    expect(readRanking('I vote J > B', ten)).toEqual({ ranking: [['J'], ['B']] });
    expect(readRanking('1. J\n2. I\n3. A', ten)).toEqual({ ranking: [['J'], ['I'], ['A']] });
  });

  it('a delegate election: candidates by name, by surname alone when only one has it', () => {
    const candidates: BallotOption[] = [
      { letter: 'A', text: 'Anna Costa' }, { letter: 'B', text: 'Maria Costa' }, { letter: 'C', text: 'Jan de Vries' }, { letter: 'D', text: 'Kwame Mensah' },
    ];
    expect(readRanking('Mensah > de Vries > Maria Costa', candidates)).toEqual({ ranking: [['D'], ['C'], ['B']] });
    expect(readRanking('1. Kwame Mensah\n2. Anna Costa\n3. Jan de Vries', candidates)).toEqual({ ranking: [['D'], ['A'], ['C']] });
    expect(readRanking('Costa > Mensah', candidates)).toHaveProperty('doubt');
    expect(readRanking('D > C. Mensah has done the work.', candidates)).toEqual({ ranking: [['D'], ['C']] });
    expect(readRanking('D > C. Anna deserves it too.', candidates)).toHaveProperty('doubt');
  });

  it('gives back the options\' own letters', () => {
    expect(readRanking('B > a', [{ letter: 'a', text: 'Lisbon' }, { letter: 'b', text: 'Porto' }])).toEqual({ ranking: [['b'], ['a']] });
  });

  it('a Greek or Cyrillic capital typed for a letter is that letter', () => {
    expect(readRanking('Β > Α > C', RANKING_OPTIONS)).toEqual({ ranking: [['B'], ['A'], ['C']] });
  });

  it('the article before a letter is no option ("Prefiro a B", "voto per la C")', () => {
    expect(readRanking('Prefiro a B.', RANKING_OPTIONS)).toEqual({ ranking: [['B']] });
    expect(readRanking('i think b > a', RANKING_OPTIONS)).toEqual({ ranking: [['B'], ['A']] });
  });

  it('never ranks an option twice nor an option that is not on the ballot', () => {
    for (const [text] of rankingCases) {
      const r = readRanking(text, RANKING_OPTIONS);
      if (!('ranking' in r)) continue;
      const flat = r.ranking.flat();
      expect(new Set(flat).size).toBe(flat.length);
      for (const l of flat) expect(['A', 'B', 'C', 'D']).toContain(l);
      expect(r.ranking.every((tier) => tier.length > 0)).toBe(true);
    }
  });

  it('is pure: the same text, the same reading, whatever was read before', () => {
    const texts = rankingCases.map(([t]) => t);
    const first = texts.map((t) => readRanking(t, RANKING_OPTIONS));
    expect([...texts].reverse().map((t) => readRanking(t, RANKING_OPTIONS)).reverse()).toEqual(first);
  });
});

describe('readRanking and readMotionVote on any mix of ballot pieces', () => {
  const piece = fc.constantFrom(
    'A', 'B', 'C', 'D', 'E', 'a', 'b', 'I', 'Β', '>', '=', ',', ';', '\n', '1.', '2)', '3', '#1', '1st', 'first', 'then', '(', ')', '[', ']',
    'Lisbon', 'Online', 'only', 'Sunday', 'afternoon', 'not', 'but', 'yes', 'no', 'abstain', '?', '.', '-', '/', 'option', '→', 'if',
    'actually', 'please', 'Hi all,', 'Thanks,', 'Maria', '😊', '<', '*', ' ', '> ',
  );
  const reply = fc.array(fc.tuple(piece, fc.constantFrom('', ' ')), { minLength: 1, maxLength: 12 }).map((ps) => ps.map(([p, s]) => p + s).join(''));

  it('never throws; a ranking names each option of the ballot at most once, in tiers that are not empty; doubt says how to answer', () => {
    fc.assert(fc.property(reply, (text) => {
      const r = readRanking(text, RANKING_OPTIONS);
      if ('ranking' in r) {
        const flat = r.ranking.flat();
        expect(new Set(flat).size).toBe(flat.length);
        for (const l of flat) expect(['A', 'B', 'C', 'D']).toContain(l);
        expect(r.ranking.every((tier) => tier.length > 0)).toBe(true);
      } else expect(inEnglish(r.doubt)).toContain('Rank the options by their letters');
      const m = readMotionVote(text);
      if ('vote' in m) expect(['yes', 'no', 'abstain']).toContain(m.vote);
      else expect(inEnglish(m.doubt)).toContain('yes, no or abstain');
    }), { numRuns: 3000 });
  });
});
