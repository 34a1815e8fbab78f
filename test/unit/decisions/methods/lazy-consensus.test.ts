import { describe, expect, it } from 'vitest';
import { lazyConsensus } from '../../../../src/decisions/methods/lazyConsensus/lazyConsensus.ts';
import { createElectorateCount, matchesPattern } from '../../../../src/decisions/electorateFigures.ts';
import type { MethodSettings } from '../../../../src/decisions/decisionMethod.ts';
import { inEnglish } from '../../../helpers/inEnglish.ts';

const header = (value: string) => new Map([['block', { name: 'Block', value }]]);

/** Counts grouped ballots ([stance, how many, voter]) with `silent` members, as the I/O feeds them. */
function count(block: unknown, groups: [unknown, number, string?][], silent = 0) {
  const settings: MethodSettings = { options: [], block };
  const electorate = createElectorateCount();
  const acc = lazyConsensus.createCount(settings);
  electorate.addBucket('silent', silent);
  for (const [stance, n, voter] of groups) {
    const ballot = lazyConsensus.ballot(stance, settings);
    if (ballot === null) electorate.addUnreadable(n);
    else {
      electorate.addReplied(n);
      acc.add(ballot, n, voter);
    }
  }
  return acc.result(electorate.figures(false));
}

describe('lazy consensus: the opening', () => {
  it.each([
    ['no block line: one objection', new Map(), { ok: true, settings: { options: [], block: 1 } }],
    ['a count', header('2'), { ok: true, settings: { options: [], block: 2 } }],
    ['a share', header('10%'), { ok: true, settings: { options: [], block: { percent: 10 } } }],
    ['a share past 100', header('150%'), { ok: false, errors: ['Block: 150% is not a percentage between 0 and 100.'] }],
    ['words', header('many'), { ok: false, errors: [expect.stringContaining('is not understood')] }],
  ] as const)('%s', (_name, headers, expected) => {
    // The method refuses in catalogue keys; read in English, the words these tests always compared.
    expect(inEnglish(lazyConsensus.parseOpening({ options: [], headers: headers as never }))).toEqual(expected);
  });

  it('takes no options', () => {
    expect(lazyConsensus.parseOpening({ options: [{ letter: 'A', text: 'x' }], headers: new Map() }).ok).toBe(false);
  });
});

describe('lazy consensus: ballots and counting', () => {
  it.each([
    ['agree', { stance: 'agree' }],
    ['object: too costly', { stance: 'object', reason: 'too costly' }],
    ['abstain', { stance: 'abstain' }],
  ])('reads %s', (text, ballot) => {
    const reading = lazyConsensus.read(text, { options: [], block: 1 });
    expect(reading.readable).toBe(true);
    expect(lazyConsensus.ballot(reading.stance, { options: [], block: 1 })).toEqual(ballot);
  });

  it('an unreadable stance or a choice stance is no ballot', () => {
    expect(lazyConsensus.ballot({ stance: 'unreadable' }, { options: [], block: 1 })).toBeNull();
    expect(lazyConsensus.ballot({ first: 'A' }, { options: [], block: 1 })).toBeNull();
  });

  it('objections are the named ballots: one voter each', () => {
    expect(matchesPattern({ stance: 'object', reason: 'x' }, lazyConsensus.namedBallots)).toBe(true);
    expect(matchesPattern({ stance: 'agree' }, lazyConsensus.namedBallots)).toBe(false);
  });

  it.each([
    ['adopted with no objection', 1, [[{ stance: 'agree' }, 4]], 5, 'adopted', 1],
    ['blocked by one objection', 1, [[{ stance: 'object', reason: 'no' }, 1, 'a@x']], 5, 'blocked', 1],
    ['adopted below the count', 2, [[{ stance: 'object' }, 1, 'a@x']], 5, 'adopted', 2],
    ['a share of the electorate, rounded up', { percent: 10 }, [[{ stance: 'object' }, 1, 'a@x'], [{ stance: 'agree' }, 44]], 0, 'adopted', 5],
  ] as const)('%s', (_name, block, groups, silent, verdict, blockAt) => {
    const r = count(block, groups as never, silent);
    expect([r.verdict, r.blockAt]).toEqual([verdict, blockAt]);
  });

  it('quotes objections with their voters, in the order fed; says the verdict and the sheet line', () => {
    const r = count(1, [[{ stance: 'object', reason: ' far ' }, 1, 'b@x'], [{ stance: 'agree' }, 3], [{ stance: 'object' }, 1, 'a@x']]);
    expect(r.objections).toEqual([{ email: 'b@x', reason: 'far' }, { email: 'a@x', reason: '' }]);
    expect(r.counts).toEqual({ agree: 3, object: 2, abstain: 0 });
    expect(lazyConsensus.verdictLine(r, { options: [], block: 1 })).toBe('Blocked: 2 objections (1 blocks).');
    // Issue 21: the sheet carries the stance, never the reason.
    expect(lazyConsensus.sheetValue({ stance: 'object', reason: 'a\nb' }, { options: [], block: 1 })).toBe('object');
    expect(lazyConsensus.nameVoters!(r, new Map([['a@x', 'Ana']])).objectionsNamed).toEqual([
      { email: 'b@x', reason: 'far', name: 'b@x' },
      { email: 'a@x', reason: '', name: 'Ana' },
    ]);
  });
});
