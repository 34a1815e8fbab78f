/**
 * Every counting method against worked examples published elsewhere, each
 * with its source, so that a reader can check the expected figures.
 */
import { describe, expect, it } from 'vitest';
import { countIrv } from '../../../../src/decisions/counting/irv.ts';
import { countMeek } from '../../../../src/decisions/counting/meek.ts';
import { countMotion } from '../../../../src/decisions/counting/motion.ts';
import { countSchulze } from '../../../../src/decisions/counting/schulze.ts';
import { countStv } from '../../../../src/decisions/counting/stv.ts';
import type { Accumulator } from '../../../../src/decisions/counting/ballot.ts';

/** "5 ACBED" → 5 ballots ranking A > C > B > E > D (one letter per option). */
function feed<R>(acc: Accumulator<R>, lines: [number, string[][]][]): R {
  for (const [count, ranking] of lines) acc.add(ranking, count);
  return acc.result();
}
const strict = (...names: string[]) => names.map((n) => [n]);
const letters = (text: string) => strict(...text.split(''));

describe('Schulze', () => {
  // Markus Schulze, "A new monotonic, clone-independent, reversal symmetric, and
  // Condorcet-consistent single-winner election method", Social Choice and Welfare
  // 36 (2011) 267–303, section 3.1, example 1; the same example opens the
  // Wikipedia article "Schulze method" (section "Example"), with both matrices.
  const example: [number, string[][]][] = [
    [5, letters('ACBED')],
    [5, letters('ADECB')],
    [8, letters('BEDAC')],
    [3, letters('CABED')],
    [7, letters('CAEBD')],
    [2, letters('CBADE')],
    [7, letters('DCEBA')],
    [8, letters('EBADC')],
  ];

  it('ranks the 45-voter example E > A > C > B > D', () => {
    const r = feed(countSchulze({ options: ['A', 'B', 'C', 'D', 'E'], withDefault: false }), example);
    expect(r.ranking).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
    expect(r.winner).toBe('E');
    expect(r.winners).toEqual(['E']);
    expect(r.below_default).toEqual([]);
  });

  it('gives the published pairwise and strongest-path matrices', () => {
    const r = feed(countSchulze({ options: ['A', 'B', 'C', 'D', 'E'], withDefault: false }), example);
    expect(r.pairwise).toEqual({
      A: { B: 20, C: 26, D: 30, E: 22 },
      B: { A: 25, C: 16, D: 33, E: 18 },
      C: { A: 19, B: 29, D: 17, E: 24 },
      D: { A: 15, B: 12, C: 28, E: 14 },
      E: { A: 23, B: 27, C: 21, D: 31 },
    });
    expect(r.strongest_paths).toEqual({
      A: { B: 28, C: 28, D: 30, E: 24 },
      B: { A: 25, C: 28, D: 33, E: 24 },
      C: { A: 25, B: 29, D: 29, E: 24 },
      D: { A: 25, B: 28, C: 28, E: 24 },
      E: { A: 25, B: 28, C: 28, D: 31 },
    });
  });

  it('reports a tie as a tie (the Condorcet paradox: A > B > C > A, 1 ballot each)', () => {
    const r = feed(countSchulze({ options: ['A', 'B', 'C'], withDefault: false }), [
      [1, letters('ABC')],
      [1, letters('BCA')],
      [1, letters('CAB')],
    ]);
    expect(r.winner).toBeNull();
    expect(r.winners).toEqual(['A', 'B', 'C']);
    expect(r.ranking).toEqual([['A', 'B', 'C']]);
  });

  it('ties options a ballot leaves out below all it ranks, and reads ties within a ballot', () => {
    // 2 × "A = B", 1 × "C": A and B each beat C 2–1 and tie with each other.
    const r = feed(countSchulze({ options: ['A', 'B', 'C'], withDefault: false }), [
      [2, [['A', 'B']]],
      [1, [['C']]],
    ]);
    expect(r.pairwise).toEqual({ A: { B: 0, C: 2 }, B: { A: 0, C: 2 }, C: { A: 1, B: 1 } });
    expect(r.ranking).toEqual([['A', 'B'], ['C']]);
    expect(r.winner).toBeNull();
  });

  it('with the default on, an option that does not beat "None of the above" cannot win', () => {
    // Debian's constitution, appendix A.6 (3): options that do not defeat the default option are dropped.
    // B beats A 4–3 and beats the default 4–3; A beats the default 3–0.
    const r = feed(countSchulze({ options: ['A', 'B'], withDefault: true }), [
      [3, [['A'], ['None of the above'], ['B']]],
      [4, [['B']]],
    ]);
    expect(r.below_default).toEqual([]);
    expect(r.winner).toBe('B');
    // A beats B 1–0 and only ties the default 1–1; B loses to the default: nothing is chosen.
    const none = feed(countSchulze({ options: ['A', 'B'], withDefault: true }), [
      [1, [['A']]],
      [1, [['None of the above']]],
    ]);
    expect(none.ranking).toEqual([['A', 'None of the above'], ['B']]);
    expect(none.below_default).toEqual(['A', 'B']);
    expect(none.winners).toEqual(['None of the above']);
    expect(none.winner).toBe('None of the above');
  });
});

describe('instant-runoff voting', () => {
  // Wikipedia, "Instant-runoff voting", section "Examples": the Tennessee capital
  // election (42% Memphis, 26% Nashville, 15% Chattanooga, 17% Knoxville, per 100
  // voters): Chattanooga, then Nashville are eliminated; Knoxville wins 58 to 42.
  it('elects Knoxville in the Tennessee example, round by round', () => {
    const r = feed(countIrv({ options: ['Memphis', 'Nashville', 'Chattanooga', 'Knoxville'], lotSeed: '' }), [
      [42, strict('Memphis', 'Nashville', 'Chattanooga', 'Knoxville')],
      [26, strict('Nashville', 'Chattanooga', 'Knoxville', 'Memphis')],
      [15, strict('Chattanooga', 'Knoxville', 'Nashville', 'Memphis')],
      [17, strict('Knoxville', 'Chattanooga', 'Nashville', 'Memphis')],
    ]);
    expect(r.rounds).toEqual([
      { Memphis: 42, Nashville: 26, Chattanooga: 15, Knoxville: 17 },
      { Memphis: 42, Nashville: 26, Knoxville: 32 },
      { Memphis: 42, Knoxville: 58 },
    ]);
    expect(r.winner).toBe('Knoxville');
    expect(r.winners).toEqual(['Knoxville']);
    expect(r.ranking).toEqual([['Knoxville'], ['Memphis'], ['Nashville'], ['Chattanooga']]);
    expect(r.tie_breaks).toEqual([]);
  });
});

describe('single transferable vote', () => {
  // Wikipedia, "Single transferable vote", section "Example" (a food election):
  // 20 guests, 3 seats, Droop quota ⌊20/4⌋ + 1 = 6. Chocolate's surplus of 6 moves
  // at 6/12 = 0.5 (8 ballots → Strawberries 4, 4 → Sweets 2); Pears are excluded
  // and Oranges reach the quota; Sweets are excluded; Strawberries take the last seat.
  const food: [number, string[][]][] = [
    [4, strict('Oranges')],
    [2, strict('Pears', 'Oranges')],
    [8, strict('Chocolate', 'Strawberries')],
    [4, strict('Chocolate', 'Sweets')],
    [1, strict('Strawberries')],
    [1, strict('Sweets')],
  ];
  const options = ['Oranges', 'Pears', 'Chocolate', 'Strawberries', 'Sweets'];

  it('elects Chocolate, Oranges and Strawberries with a fractional surplus transfer (Scottish rules)', () => {
    const r = feed(countStv({ options, seats: 3, quota: 'droop', lotSeed: '' }), food);
    expect(r.quota).toBe(6);
    expect(r.elected).toEqual(['Chocolate', 'Oranges', 'Strawberries']);
    expect(r.rounds.map((s) => [s.action, s.option ?? null, s.transfer_value ?? null, s.votes, s.non_transferable, s.elected])).toEqual([
      ['first', null, null, { Chocolate: 12, Oranges: 4, Pears: 2, Strawberries: 1, Sweets: 1 }, 0, ['Chocolate']],
      ['surplus', 'Chocolate', 0.5, { Chocolate: 6, Oranges: 4, Pears: 2, Strawberries: 5, Sweets: 3 }, 0, []],
      ['exclusion', 'Pears', null, { Chocolate: 6, Oranges: 6, Strawberries: 5, Sweets: 3 }, 0, ['Oranges']],
      ['exclusion', 'Sweets', null, { Chocolate: 6, Oranges: 6, Strawberries: 5 }, 3, []],
      ['last-seats', null, null, { Chocolate: 6, Oranges: 6, Strawberries: 5 }, 3, ['Strawberries']],
    ]);
  });

  it('truncates transfer values to 5 decimals, the remainder lost (Scottish Order 2007, schedule 1, rule 48)', () => {
    // 7 ballots A > B, 2 × C, 1 × D: 10 valid, 2 seats, quota ⌊10/3⌋ + 1 = 4. A's surplus 3 of 7:
    // each ballot moves at 3/7 = 0.428571… → 0.42857, so B gets 7 × 0.42857 = 2.99999 and 0.00001 is lost.
    const r = feed(countStv({ options: ['A', 'B', 'C', 'D'], seats: 2, quota: 'droop', lotSeed: '' }), [
      [7, strict('A', 'B')],
      [2, strict('C')],
      [1, strict('D')],
    ]);
    expect(r.quota).toBe(4);
    const surplus = r.rounds[1]!;
    expect(surplus).toMatchObject({ action: 'surplus', option: 'A', transfer_value: 0.42857, votes: { A: 4, B: 2.99999, C: 2, D: 1 }, non_transferable: 0.00001 });
    expect(r.elected).toEqual(['A', 'B']);
  });

  it('fills the same seats by Meek’s method, the surpluses settled by keep values (solved by hand below)', () => {
    // Meek (Hill, Wichmann & Woodall 1987) on the same ballots. Chocolate is elected with keep
    // value k; once Strawberries (9 − 8k votes) is elected too, what it does not keep is excess
    // E = 9 − 20k, and the quota (20 − E) / 4 = 12k gives k = 11/28: quota 33/7 ≈ 4.714286,
    // Sweets 1 + 4(1 − k) = 24/7 ≈ 3.428571, excess 8/7 ≈ 1.142857. Pears' exclusion then gives
    // Oranges 6, over the quota.
    const r = feed(countMeek({ options, seats: 3, quota: 'droop', lotSeed: '' }), food);
    expect(r.elected).toEqual(['Chocolate', 'Strawberries', 'Oranges']);
    const settled = r.rounds[2]!;
    expect(settled.action).toBe('surplus');
    expect(settled.quota).toBeCloseTo(33 / 7, 4);
    expect(settled.votes.Chocolate).toBeCloseTo(33 / 7, 4);
    expect(settled.votes.Strawberries).toBeCloseTo(33 / 7, 4);
    expect(settled.votes.Sweets).toBeCloseTo(24 / 7, 4);
    expect(settled.non_transferable).toBeCloseTo(8 / 7, 4);
    expect(r.rounds[3]).toMatchObject({ action: 'exclusion', option: 'Pears', votes: { Oranges: 6 }, elected: ['Oranges'] });
  });
});

describe('motions', () => {
  const motion = (threshold: Parameters<typeof countMotion>[0]['threshold'], yes: number, no: number, abstain: number, base: 'cast' | 'electorate' = 'cast', electorate?: number) =>
    feed(countMotion({ threshold, base, electorate }), [
      [yes, [['yes']]],
      [no, [['no']]],
      [abstain, []],
    ]);
  const twoThirds = { kind: 'fraction', numerator: 2, denominator: 3 } as const;

  // Robert's Rules of Order Newly Revised (12th ed.), 44:3–44:4: a majority is more than half
  // of the votes cast, a two-thirds vote at least two thirds of them; blanks and abstentions
  // are not counted.
  it.each([
    ['majority: more yes than no', { kind: 'majority' } as const, 51, 49, 30, 'adopted'],
    ['majority: a tie fails', { kind: 'majority' } as const, 50, 50, 0, 'rejected'],
    ['two-thirds: exactly two thirds carries', twoThirds, 66, 33, 10, 'adopted'],
    ['two-thirds: one short fails', twoThirds, 65, 33, 0, 'rejected'],
    ['3/4: 75 of 100', { kind: 'fraction', numerator: 3, denominator: 4 } as const, 75, 25, 0, 'adopted'],
    ['nothing is adopted without a yes', twoThirds, 0, 0, 5, 'rejected'],
  ])('%s', (_, threshold, yes, no, abstain, verdict) => {
    expect(motion(threshold, yes, no, abstain)).toEqual({ verdict, yes, no, abstain });
  });

  it('over the electorate, silence weighs like no', () => {
    expect(motion(twoThirds, 60, 0, 0, 'electorate', 100).verdict).toBe('rejected');
    expect(motion(twoThirds, 67, 0, 0, 'electorate', 100).verdict).toBe('adopted');
    expect(motion({ kind: 'majority' }, 50, 0, 0, 'electorate', 100).verdict).toBe('rejected');
  });
});
