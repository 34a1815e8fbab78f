/**
 * The counting methods on random ballots, against the independent count in
 * reference.ts and against the properties each method promises.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { countIrv } from '../../../../src/decisions/counting/irv.ts';
import { countMeek } from '../../../../src/decisions/counting/meek.ts';
import { countSchulze } from '../../../../src/decisions/counting/schulze.ts';
import { countStv } from '../../../../src/decisions/counting/stv.ts';
import { condorcetWinner, positionsOf, referenceIrv, referenceSchulze } from './reference.ts';

const OPTIONS = ['A', 'B', 'C', 'D', 'E'];

/** A ballot: each option at a tier 0–3 or unranked; tiers may hold several options (ties). */
const ranking = (options: string[]) =>
  fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: options.length, maxLength: options.length }).map((tiers) => {
    const out: string[][] = [[], [], [], []];
    tiers.forEach((t, i) => t !== undefined && out[t]!.push(options[i]!));
    return out.filter((t) => t.length);
  });
/** Options A… (3 to 5) and grouped ballots over them. */
const election = fc.integer({ min: 3, max: 5 }).chain((n) => {
  const options = OPTIONS.slice(0, n);
  return fc.record({
    options: fc.constant(options),
    ballots: fc.array(fc.record({ ranking: ranking(options), count: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 12 }),
  });
});
/** The same with strict rankings (no ties), some options left out. */
const strictElection = fc.integer({ min: 3, max: 5 }).chain((n) => {
  const options = OPTIONS.slice(0, n);
  const strict = fc.shuffledSubarray(options).map((order) => order.map((o) => [o]));
  return fc.record({
    options: fc.constant(options),
    ballots: fc.array(fc.record({ ranking: strict, count: fc.integer({ min: 1, max: 6 }) }), { minLength: 1, maxLength: 12 }),
  });
});
type Election = { options: string[]; ballots: { ranking: string[][]; count: number }[] };
const voters = (e: Election) => e.ballots.flatMap((b) => Array.from({ length: b.count }, () => positionsOf(b.ranking)));

function schulze(e: Election) {
  const acc = countSchulze({ options: e.options, withDefault: false });
  for (const b of e.ballots) acc.add(b.ranking, b.count);
  return acc.result();
}
function irv(e: Election) {
  const acc = countIrv({ options: e.options, lotSeed: 'seed' });
  for (const b of e.ballots) acc.add(b.ranking, b.count);
  return acc.result();
}

describe('Schulze', () => {
  test.prop([election])('ranks as the path-enumerating reference does', (e) => {
    const ours = schulze(e);
    const ref = referenceSchulze(e.options, voters(e));
    expect(ours.ranking).toEqual(ref.ranking);
    expect(ours.winners).toEqual(ref.winners);
  });

  test.prop([election])('a Condorcet winner always wins, alone', (e) => {
    const cw = condorcetWinner(e.options, voters(e));
    fc.pre(cw !== null);
    expect(schulze(e).winners).toEqual([cw]);
  });

  test.prop([election, fc.array(fc.nat(), { minLength: 1, maxLength: 6 })])('raising the winner on some ballots never makes it lose', (e, picks) => {
    const before = schulze(e);
    fc.pre(before.winner !== null);
    const w = before.winner!;
    // On each picked ballot, the winner moves to the top tier on its own.
    const chosen = new Set(picks.map((p) => p % e.ballots.length));
    const raised = {
      options: e.options,
      ballots: e.ballots.map((b, i) => (chosen.has(i) ? { ranking: [[w], ...b.ranking.map((t) => t.filter((o) => o !== w))], count: b.count } : b)),
    };
    expect(schulze(raised).winners).toContain(w);
  });
});

describe('IRV', () => {
  test.prop([election])('counts each round as the voter-by-voter reference does', (e) => {
    const ref = referenceIrv(e.options, voters(e));
    fc.pre(ref !== null); // only a lot could decide: the reference draws none
    const ours = irv(e);
    expect(ours.rounds).toEqual(ref!.rounds);
    expect(ours.winner).toBe(ref!.winner);
  });

  test.prop([election])('draws the same lot from the same seed, and reports it', (e) => {
    const a = irv(e);
    const b = irv(e);
    expect(b).toEqual(a);
    for (const t of a.tie_breaks) expect(t.tied).toContain(t.chosen);
  });
});

describe('STV', () => {
  const stvCase = fc.tuple(election, fc.integer({ min: 1, max: 4 }), fc.constantFrom('droop', 'hare', 'hagenbach-bischoff') as fc.Arbitrary<'droop' | 'hare' | 'hagenbach-bischoff'>);

  test.prop([stvCase])('fills exactly min(seats, options) seats, never more, each option once (Gregory)', ([e, seats, quota]) => {
    const acc = countStv({ options: e.options, seats, quota, lotSeed: 'seed' });
    for (const b of e.ballots) acc.add(b.ranking, b.count);
    const r = acc.result();
    expect(r.elected.length).toBe(Math.min(seats, e.options.length));
    expect(new Set(r.elected).size).toBe(r.elected.length);
  });

  test.prop([stvCase])('fills exactly min(seats, options) seats, never more (Meek)', ([e, seats, quota]) => {
    const acc = countMeek({ options: e.options, seats, quota, lotSeed: 'seed' });
    for (const b of e.ballots) acc.add(b.ranking, b.count);
    const r = acc.result();
    expect(r.elected.length).toBe(Math.min(seats, e.options.length));
    expect(new Set(r.elected).size).toBe(r.elected.length);
  });

  test.prop([stvCase])('loses no vote: at every stage the votes and the non-transferable add up to the valid ballots', ([e, seats]) => {
    const acc = countStv({ options: e.options, seats, quota: 'droop', lotSeed: 'seed' });
    for (const b of e.ballots) acc.add(b.ranking, b.count);
    const r = acc.result();
    const valid = Object.values(r.rounds[0]!.votes).reduce((a, b) => a + b, 0);
    for (const stage of r.rounds) {
      const sum = Object.values(stage.votes).reduce((a, b) => a + b, 0) + stage.non_transferable;
      expect(Math.round(sum * 100_000)).toBe(Math.round(valid * 100_000));
    }
  });

  // Strict rankings only: a ballot that stops at a tie is set aside for good in STV (non-transferable,
  // as the Scottish rules treat an unclear preference) but is read afresh in every IRV round.
  test.prop([strictElection])('with one seat elects the IRV winner (two separate counts)', (e) => {
    const ref = referenceIrv(e.options, voters(e));
    fc.pre(ref !== null && ref.winner !== null);
    const acc = countStv({ options: e.options, seats: 1, quota: 'droop', lotSeed: 'seed' });
    for (const b of e.ballots) acc.add(b.ranking, b.count);
    const r = acc.result();
    fc.pre(r.tie_breaks.every((t) => t.by !== 'lot'));
    expect(r.elected).toEqual([ref!.winner]);
  });
});

describe('grouping', () => {
  test.prop([election])('ballots fed one by one count as the same ballots grouped, and keep one entry per distinct ranking', (e) => {
    const grouped = countStv({ options: e.options, seats: 2, quota: 'droop', lotSeed: 's' });
    const single = countStv({ options: e.options, seats: 2, quota: 'droop', lotSeed: 's' });
    for (const b of e.ballots) {
      grouped.add(b.ranking, b.count);
      for (let i = 0; i < b.count; i++) single.add(b.ranking, 1);
    }
    expect(single.result()).toEqual(grouped.result());
  });
});
