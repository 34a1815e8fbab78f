import { describe, expect, it } from 'vitest';
import type { ChoiceStance } from '../../../src/reading/stance.ts';
import {
  createTally, resolveBlockThreshold, tally,
  type Bucket, type ChoiceTallySpec, type ElectorateMember, type ProposalStance, type ProposalTallySpec,
} from '../../../src/domains/consultations/rules/tally.ts';

const NAMES: ChoiceTallySpec = {
  kind: 'choice',
  options: [
    { letter: 'A', text: 'International Organization for a Free Society' },
    { letter: 'B', text: 'International Organization for a Participatory Society' },
    { letter: 'C', text: 'International Organization for Participatory Socialism' },
  ],
};
const ABC: ChoiceTallySpec = { kind: 'choice', options: [{ letter: 'A', text: 'a' }, { letter: 'B', text: 'b' }, { letter: 'C', text: 'c' }] };

let serial = 0;
const member = (bucket: Bucket, stance?: ChoiceStance | ProposalStance): ElectorateMember =>
  ({ email: `m${++serial}@example.org`, bucket, ...(stance ? { stance } : {}) });
const many = (n: number, bucket: Bucket, stance?: ChoiceStance | ProposalStance) =>
  Array.from({ length: n }, () => member(bucket, stance));

describe('tally: the founding-name consultation as the committee ran it', () => {
  // 40 members; half reply: 9 for B, 8 for C, 1 for A, one "anything but A", one "any"; 20 stay silent.
  const members: ElectorateMember[] = [
    ...many(7, 'replied', { first: 'B' }),
    member('replied', { first: 'B', ranking: ['B', 'C', 'A'] }),
    member('replied', { first: 'B', reject: ['A'] }),
    ...many(6, 'replied', { first: 'C' }),
    member('replied', { first: 'C', reject: ['A'] }),
    member('replied', { first: 'C', ranking: ['C', 'B'] }),
    member('replied', { first: 'A' }),
    member('replied', { first: null, reject: ['A'] }),
    member('replied', { first: null, any: true }),
    ...many(20, 'silent'),
  ];
  const result = tally(NAMES, members);

  it('has B as the outcome, with silence counted as consent to all three', () => {
    expect(members).toHaveLength(40);
    expect(result).toEqual({
      kind: 'choice',
      provisional: false,
      electorate: 40,
      buckets: { replied: 20, silent: 20, unreachable: 0, away: 0 },
      unreadable: 0,
      turnout: 0.5,
      options: [
        { letter: 'A', text: 'International Organization for a Free Society', first: 1, accept: 37, reject: 3 },
        { letter: 'B', text: 'International Organization for a Participatory Society', first: 9, accept: 40, reject: 0 },
        { letter: 'C', text: 'International Organization for Participatory Socialism', first: 8, accept: 40, reject: 0 },
      ],
      winner: 'B',
      decidedBy: 'first',
      tie: [],
      noPreference: false,
    });
  });

  it('counts the 20 silent members in every option\'s acceptances', () => {
    const silentOnly = tally(NAMES, many(20, 'silent'));
    for (const o of silentOnly.options) expect(o.accept).toBe(20);
    for (const o of result.options) expect(o.accept).toBeGreaterThanOrEqual(20);
  });
});

describe('tally: choices', () => {
  it('breaks a tie on first preferences by fewer rejections', () => {
    const r = tally(ABC, [
      ...many(3, 'replied', { first: 'A' }),
      ...many(2, 'replied', { first: 'B', reject: ['A'] }),
      member('replied', { first: 'B', reject: ['C'] }),
      member('replied', { first: null, reject: ['A'] }),
      ...many(3, 'silent'),
    ]);
    expect(r.options.map((o) => [o.letter, o.first, o.reject, o.accept])).toEqual([
      ['A', 3, 3, 7], ['B', 3, 0, 10], ['C', 0, 1, 9],
    ]);
    expect(r.winner).toBe('B');
    expect(r.decidedBy).toBe('rejections');
    expect(r.tie).toEqual([]);
  });

  it('reports a tie the rejections cannot break', () => {
    const r = tally(ABC, [
      ...many(2, 'replied', { first: 'A' }),
      ...many(2, 'replied', { first: 'B' }),
      member('replied', { first: 'C', reject: ['A', 'B'] }),
      member('replied', { first: 'C', reject: ['A', 'B'] }),
      member('replied', { first: null, accept: ['A'], reject: ['C'] }),
    ]);
    expect(r.options.map((o) => [o.letter, o.first, o.reject])).toEqual([['A', 2, 2], ['B', 2, 2], ['C', 2, 1]]);
    expect(r.winner).toBe('C');
    expect(r.decidedBy).toBe('rejections');

    const even = tally(ABC, [...many(2, 'replied', { first: 'A' }), ...many(2, 'replied', { first: 'B' }), member('silent')]);
    expect(even.winner).toBeNull();
    expect(even.decidedBy).toBeNull();
    expect(even.tie).toEqual(['A', 'B']);
    expect(even.noPreference).toBe(false);
  });

  it('reports no preference when nobody names a first choice', () => {
    const r = tally(ABC, [
      member('replied', { first: null, any: true }),
      member('replied', { first: null, accept: ['A', 'B'], reject: ['C'] }),
      ...many(5, 'silent'),
    ]);
    expect(r.winner).toBeNull();
    expect(r.tie).toEqual([]);
    expect(r.noPreference).toBe(true);
    expect(r.options.map((o) => o.accept)).toEqual([7, 7, 6]);
  });

  it('does not count unreachable or away members as consent', () => {
    const r = tally(ABC, [
      member('replied', { first: 'A' }),
      ...many(2, 'silent'),
      ...many(3, 'unreachable'),
      ...many(4, 'away'),
    ]);
    expect(r.electorate).toBe(10);
    expect(r.buckets).toEqual({ replied: 1, silent: 2, unreachable: 3, away: 4 });
    expect(r.options.map((o) => o.accept)).toEqual([3, 3, 3]);
    expect(r.turnout).toBe(0.1);
  });

  it('counts unreadable replies, and stances naming unknown letters, as silent consent', () => {
    const r = tally(ABC, [
      member('replied', { unreadable: true }),
      member('replied', { first: 'D' }),
      member('replied'),
      member('replied', { stance: 'agree' }),
      member('replied', { first: 'C' }),
    ]);
    expect(r.buckets).toEqual({ replied: 1, silent: 4, unreachable: 0, away: 0 });
    expect(r.unreadable).toBe(4);
    expect(r.options.map((o) => [o.first, o.accept])).toEqual([[0, 5], [0, 5], [1, 5]]);
    expect(r.winner).toBe('C');
    expect(r.turnout).toBe(0.2);
  });

  it('counts a ranking by its head and rejects nothing it does not name', () => {
    const r = tally(ABC, [member('replied', { first: 'C', ranking: ['C', 'A', 'B'] })]);
    expect(r.options.map((o) => [o.letter, o.first, o.accept, o.reject])).toEqual([['A', 0, 1, 0], ['B', 0, 1, 0], ['C', 1, 1, 0]]);
  });

  it('handles an empty electorate', () => {
    const r = tally(ABC, []);
    expect(r.electorate).toBe(0);
    expect(r.turnout).toBe(0);
    expect(r.noPreference).toBe(true);
  });

  it('gives a provisional (running) tally with the same rules', () => {
    const r = tally({ ...ABC, provisional: true }, [member('replied', { first: 'B' }), ...many(9, 'silent')]);
    expect(r.provisional).toBe(true);
    expect(r.winner).toBe('B');
    expect(r.options[0]!.accept).toBe(10);
  });
});

describe('tally: proposals', () => {
  const P: ProposalTallySpec = { kind: 'proposal' };

  it('is blocked by one objection by default, and quotes it', () => {
    const r = tally(P, [
      ...many(3, 'replied', { stance: 'agree' }),
      { email: 'dissent@example.org', bucket: 'replied', stance: { stance: 'object', reason: 'The budget is not costed.' } },
      member('replied', { stance: 'abstain' }),
      ...many(5, 'silent'),
    ]);
    expect(r).toEqual({
      kind: 'proposal',
      provisional: false,
      electorate: 10,
      buckets: { replied: 5, silent: 5, unreachable: 0, away: 0 },
      unreadable: 0,
      turnout: 0.5,
      counts: { agree: 3, object: 1, abstain: 1 },
      blockAt: 1,
      verdict: 'blocked',
      objections: [{ email: 'dissent@example.org', reason: 'The budget is not costed.' }],
    });
  });

  it('is adopted when nobody objects; abstentions and silence do not block', () => {
    const r = tally(P, [member('replied', { stance: 'abstain' }), member('replied', { stance: 'abstain' }), ...many(8, 'silent')]);
    expect(r.verdict).toBe('adopted');
    expect(r.counts).toEqual({ agree: 0, object: 0, abstain: 2 });
    expect(r.objections).toEqual([]);
  });

  it('counts unreadable replies as silent and never as objections', () => {
    const r = tally(P, [member('replied', { stance: 'unreadable' }), member('replied', { first: 'A' }), member('silent')]);
    expect(r.verdict).toBe('adopted');
    expect(r.unreadable).toBe(2);
    expect(r.buckets.silent).toBe(3);
    expect(r.buckets.replied).toBe(0);
  });

  it('blocks at a percentage of the electorate, rounded up', () => {
    const spec: ProposalTallySpec = { kind: 'proposal', block: { percent: 10 } };
    const objecting = (n: number) => many(n, 'replied', { stance: 'object', reason: 'no' });
    const four = tally(spec, [...objecting(4), ...many(41, 'silent')]);
    expect(four.electorate).toBe(45);
    expect(four.blockAt).toBe(5);
    expect(four.verdict).toBe('adopted');
    const five = tally(spec, [...objecting(5), ...many(40, 'silent')]);
    expect(five.verdict).toBe('blocked');
    expect(five.objections).toHaveLength(5);
  });

  it('blocks at a number of objections', () => {
    const spec: ProposalTallySpec = { kind: 'proposal', block: 2 };
    expect(tally(spec, [member('replied', { stance: 'object' }), ...many(3, 'silent')]).verdict).toBe('adopted');
    const r = tally(spec, [...many(2, 'replied', { stance: 'object' }), ...many(3, 'silent')]);
    expect(r.verdict).toBe('blocked');
    expect(r.objections.map((o) => o.reason)).toEqual(['', '']);
  });

  it.each([
    [undefined, 40, 1],
    [1, 40, 1],
    [3, 40, 3],
    [0, 40, 1],
    [{ percent: 10 }, 40, 4],
    [{ percent: 10 }, 41, 5],
    [{ percent: 50 }, 3, 2],
    [{ percent: 10 }, 0, 1],
  ] as const)('resolveBlockThreshold(%j, %i) = %i', (rule, electorate, expected) => {
    expect(resolveBlockThreshold(rule, electorate)).toBe(expected);
  });
});

describe('createTally: incremental accumulator', () => {
  it('gives the same result as tally()', () => {
    const members = [
      member('replied', { first: 'A', reject: ['C'] }), member('replied', { first: 'B' }), member('silent'), member('away'),
    ];
    const acc = createTally(ABC);
    for (const m of members) acc.add(m);
    expect(acc.result()).toEqual(tally(ABC, members));
  });

  it('streams 100k members without holding them', () => {
    function* electorate(): Generator<ElectorateMember> {
      for (let i = 0; i < 100_000; i++) {
        const bucket: Bucket = i % 10 === 0 ? 'replied' : i % 10 === 1 ? 'unreachable' : 'silent';
        yield { email: `m${i}@example.org`, bucket, stance: bucket === 'replied' ? { first: i % 20 === 0 ? 'A' : 'B' } : null };
      }
    }
    const acc = createTally(ABC);
    for (const m of electorate()) acc.add(m);
    const r = acc.result();
    expect(r.buckets).toEqual({ replied: 10_000, silent: 80_000, unreachable: 10_000, away: 0 });
    expect(r.options.map((o) => [o.first, o.accept])).toEqual([[5_000, 90_000], [5_000, 90_000], [0, 90_000]]);
    expect(r.tie).toEqual(['A', 'B']);
  });

  it('can be read while counting (a running tally)', () => {
    const acc = createTally({ kind: 'proposal' });
    acc.add(member('replied', { stance: 'agree' }));
    expect(acc.result().verdict).toBe('adopted');
    acc.add(member('replied', { stance: 'object', reason: 'late' }));
    expect(acc.result().verdict).toBe('blocked');
  });
});
