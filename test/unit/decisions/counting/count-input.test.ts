/**
 * What `tacit count` reads and how it settles a count's settings: a vote's
 * tally sheet (written by tallySheet.ts, read back here), JSON, the flags,
 * the quorum, and the ties an IRV count breaks and reports.
 */
import { describe, expect, it } from 'vitest';
import { CountInputError } from '../../../../src/decisions/counting/ballot.ts';
import { ballotText } from '../../../../src/decisions/counting/ballotText.ts';
import { runCount } from '../../../../src/decisions/counting/count.ts';
import { parseCountInput, resolveCountSpec, type CountFlags } from '../../../../src/decisions/counting/countInput.ts';
import { countIrv } from '../../../../src/decisions/counting/irv.ts';
import type { CountSpec } from '../../../../src/decisions/counting/methods.ts';
import { sheetSettings } from '../../../../src/decisions/counting/sheetSettings.ts';
import { sheetHeader, sheetLine } from '../../../../src/domains/consultations/rules/tallySheetText.ts';

const count = (text: string, flags: CountFlags = {}) => {
  const input = parseCountInput(text);
  return runCount(resolveCountSpec(input, flags), input.ballots);
};
const json = (options: string[], ballots: [string[][], number][]) =>
  JSON.stringify({ options, ballots: ballots.map(([ranking, count]) => ({ ranking, count })) });

describe("a vote's tally sheet", () => {
  const spec: CountSpec = {
    method: 'stv',
    options: ['A', 'B', 'C'],
    threshold: { kind: 'majority' },
    base: 'cast',
    withDefault: false,
    seats: 2,
    rules: 'scottish',
    quota: 'droop',
    quorum: { percentHundredths: 2000 },
    electorate: 10,
    lotSeed: '',
  };
  const sheet =
    sheetHeader({ id: 'C-7', kind: 'vote', letters: spec.options, electorate: 10, settings: sheetSettings(spec) }) +
    [
      ['0K3M9ZQ4TX', ballotText([['B'], ['A', 'C']])],
      ['1B7D2PW8RN', 'silent'],
      ['2C8E3QX9SP', ballotText([['A'], ['B']])],
      ['3D9F4RY0TQ', 'unreadable'],
      ['4EAG5SZ1VR', ballotText([['B'], ['A', 'C']])],
      ['5FBH6T02WS', 'abstain'],
    ]
      .map(([code, value]) => sheetLine(code!, value!))
      .join('');

  it('carries every setting in its header, defaults included', () => {
    expect(sheet.split('\n\n')[0]).toBe(
      ['Tacit tally sheet', 'consultation C-7', 'kind vote', 'count stv', 'seats 2', 'rules scottish', 'quota droop', 'quorum 20%', 'options A B C', 'electorate 10'].join('\n'),
    );
    expect(sheet).toContain('0K3M9ZQ4TX B>A=C\n');
  });

  it('reads back as the same settings, its SHA-256 the seed of any lot', () => {
    const input = parseCountInput(sheet);
    expect(resolveCountSpec(input, {})).toEqual({ ...spec, lotSeed: input.sha256 });
    expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
    // Equal ballots are grouped as they are read; silent and unreadable lines are not cast.
    expect(input.ballots).toEqual([
      { ranking: [['B'], ['A', 'C']], count: 2 },
      { ranking: [['A'], ['B']], count: 1 },
      { ranking: [], count: 1 },
    ]);
  });

  it('counts: cast includes the abstention, the quorum is 20% of 10', () => {
    const r = count(sheet);
    expect(r.quorum).toEqual({ required: 2, cast: 4, met: true });
    expect(r.elected).toEqual(['B', 'A']);
  });

  it('accepts flags that agree with it and refuses one that contradicts it', () => {
    expect(count(sheet, { method: 'stv', seats: '2', quorum: '20%' }).elected).toEqual(['B', 'A']);
    expect(() => count(sheet, { seats: '3' })).toThrow(/seats \(3\) contradicts the tally sheet, which says seats 2/);
    expect(() => count(sheet, { method: 'irv' })).toThrow(CountInputError);
    expect(() => count(sheet, { electorate: '11' })).toThrow(/contradicts/);
  });

  it("refuses a consultation's sheet", () => {
    const choice = sheetHeader({ id: 'C-1', kind: 'choice', letters: ['A', 'B'], electorate: 1 }) + sheetLine('0K3M9ZQ4TX', 'first=A accept=A reject=B');
    expect(() => count(choice)).toThrow(/tally sheet of a choice.*kind vote/);
  });

  it('gives a motion its settings and reads yes, no and abstain', () => {
    const motion: CountSpec = { ...spec, method: 'two-thirds', options: ['yes', 'no'], threshold: { kind: 'fraction', numerator: 2, denominator: 3 }, quorum: { ballots: 3 } };
    const text =
      sheetHeader({ id: 'C-8', kind: 'vote', letters: [], electorate: 10, settings: sheetSettings(motion) }) +
      ['yes', 'yes', 'no', 'abstain', 'silent'].map((v, i) => sheetLine(`CODE${i}`, v)).join('');
    expect(text).toContain('kind vote\ncount two-thirds\nbase cast\nquorum 3\nelectorate 10\n\n');
    expect(count(text)).toEqual({ verdict: 'adopted', yes: 2, no: 1, abstain: 1, quorum: { required: 3, cast: 4, met: true } });
  });
});

describe('JSON input and flags', () => {
  const motion = json(['yes', 'no'], [[[['yes']], 6], [[['no']], 3], [[], 2]]);

  it('counts a motion by majority, two-thirds or any fraction', () => {
    expect(count(motion, { method: 'majority' })).toEqual({ verdict: 'adopted', yes: 6, no: 3, abstain: 2 });
    expect(count(motion, { method: 'two-thirds' }).verdict).toBe('adopted');
    expect(count(motion, { fraction: '3/4' }).verdict).toBe('rejected');
    expect(count(motion, { fraction: '2/3', method: 'two-thirds' }).verdict).toBe('adopted');
  });

  it('is below the quorum with the numbers, for a motion and for a ranked count', () => {
    // 11 ballots cast (abstentions included); 20% of 60 is 12.
    expect(count(motion, { method: 'majority', quorum: '20%', electorate: '60' })).toEqual({
      verdict: 'no-quorum',
      yes: 6,
      no: 3,
      abstain: 2,
      quorum: { required: 12, cast: 11, met: false },
    });
    // 12.5% of 83 is 10.375, rounded up to 11: met.
    expect(count(motion, { method: 'majority', quorum: '12.5%', electorate: '83' }).quorum).toEqual({ required: 11, cast: 11, met: true });
    const ranked = json(['A', 'B'], [[[['A']], 2]]);
    expect(count(ranked, { method: 'schulze', quorum: '3' })).toEqual({ verdict: 'no-quorum', quorum: { required: 3, cast: 2, met: false } });
  });

  it('keeps option names with spaces, and the default off unless asked', () => {
    const r = count(json(['Free Society', 'Participatory Society'], [[[['Participatory Society']], 2]]), { method: 'schulze' });
    expect(r.winner).toBe('Participatory Society');
    expect(r.below_default).toEqual([]);
    const withDefault = count(json(['Free Society', 'Participatory Society'], [[[['Participatory Society']], 2]]), { method: 'schulze', default: 'on' });
    expect(withDefault.below_default).toEqual(['Free Society']);
    expect((withDefault.ranking as string[][]).flat()).toContain('None of the above');
  });

  it.each<[string, string, CountFlags, RegExp]>([
    ['not JSON', '{"options": [', { method: 'irv' }, /neither a tally sheet nor JSON/],
    ['the wrong shape', '{"options": ["A"], "ballots": [{"ranking": ["A"]}]}', { method: 'irv' }, /ballots\.0\.ranking\.0/],
    ['an unknown option', json(['A', 'B'], [[[['C']], 1]]), { method: 'irv' }, /unknown option "C"/],
    ['an option twice in a ranking', json(['A', 'B'], [[[['A'], ['A']], 1]]), { method: 'schulze' }, /appears twice/],
    ['an option listed twice', json(['A', 'A'], []), { method: 'schulze' }, /listed twice/],
    ['more options than any ballot holds', json(Array.from({ length: 501 }, (_, i) => `O${i}`), []), { method: 'schulze' }, /501 options: a count takes at most 500/],
    ['a negative count', '{"options": ["A"], "ballots": [{"ranking": [["A"]], "count": -1}]}', { method: 'irv' }, /ballots\.0\.count/],
    ['no method', json(['A'], []), {}, /which method/],
    ['an unknown method', json(['A'], []), { method: 'borda' }, /--method must be one of/],
    ['stv without seats', json(['A'], []), { method: 'stv' }, /needs the number of seats/],
    ['seats of zero', json(['A'], []), { method: 'stv', seats: '0' }, /--seats must be a whole number ≥ 1/],
    ['Scottish rules with the Hare quota', json(['A'], []), { method: 'stv', seats: '1', quota: 'hare' }, /Scottish STV uses the Droop quota/],
    ['a default for irv', json(['A'], []), { method: 'irv', default: 'on' }, /default applies to schulze only/],
    ['seats for a motion', json(['yes', 'no'], []), { method: 'majority', seats: '2' }, /seats applies to stv only/],
    ['a quorum in percent without an electorate', json(['A'], []), { method: 'irv', quorum: '20%' }, /needs the electorate size/],
    ['a bad fraction', json(['yes', 'no'], []), { fraction: '3/2' }, /--fraction must be N\/D/],
    ['a fraction against the method', json(['yes', 'no'], []), { fraction: '3/4', method: 'majority' }, /contradicts --method majority/],
    ['a motion over other options', json(['A', 'B'], []), { method: 'majority' }, /a motion's options are "yes" and "no"/],
    ['a ranked motion ballot', json(['yes', 'no'], [[[['yes'], ['no']], 1]]), { method: 'majority' }, /a motion ballot is "yes", "no" or empty/],
  ])('refuses %s with a clear message', (_, text, flags, message) => {
    expect(() => count(text, flags)).toThrow(CountInputError);
    expect(() => count(text, flags)).toThrow(message);
  });
});

describe('ties in IRV', () => {
  it('ranks the options still in the count by their last votes, equal votes in one tier', () => {
    const acc = countIrv({ options: ['A', 'B', 'C', 'D'], lotSeed: 'x' });
    acc.add([['A']], 5);
    acc.add([['B']], 1);
    acc.add([['C']], 1);
    expect(acc.result().ranking).toEqual([['A'], ['B', 'C'], ['D']]);
  });

  it('excludes by the most recent round in which the tied options differed, and says so', () => {
    // Round 1: A 6, B 4, C 3, D 1; D out, its ballot to C. Round 2: B and C tie at 4; in round 1 C had fewer.
    const acc = countIrv({ options: ['A', 'B', 'C', 'D'], lotSeed: 'x' });
    acc.add([['A']], 6);
    acc.add([['B']], 4);
    acc.add([['C'], ['B']], 3);
    acc.add([['D'], ['C']], 1);
    const r = acc.result();
    expect(r.tie_breaks).toEqual([{ round: 2, tied: ['B', 'C'], chosen: 'C', by: 'earlier-round' }]);
    expect(r.rounds).toEqual([
      { A: 6, B: 4, C: 3, D: 1 },
      { A: 6, B: 4, C: 4 },
      { A: 6, B: 7 },
    ]);
    expect(r.exhausted).toEqual([0, 0, 1]);
    expect(r.winner).toBe('B');
  });

  it('draws a lot from the seed when they never differed: the same seed, the same lot', () => {
    const winners = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const run = () => {
        const acc = countIrv({ options: ['A', 'B'], lotSeed: `sheet-${i}` });
        acc.add([['A']], 2);
        acc.add([['B']], 2);
        return acc.result();
      };
      const r = run();
      expect(run()).toEqual(r);
      expect(r.tie_breaks).toHaveLength(1);
      expect(r.tie_breaks[0]).toMatchObject({ round: 1, tied: ['A', 'B'], by: 'lot' });
      winners.add(r.winner!);
    }
    // The lot depends on the seed: over 20 seeds each option loses it at least once.
    expect(winners).toEqual(new Set(['A', 'B']));
  });
});
