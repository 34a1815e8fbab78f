import { describe, expect, it } from 'vitest';
import { consentChoice } from '../../../../src/decisions/methods/consentChoice/consentChoice.ts';
import { createElectorateCount } from '../../../../src/decisions/electorateFigures.ts';
import type { MethodSettings } from '../../../../src/decisions/decisionMethod.ts';
import { inEnglish } from '../../../helpers/inEnglish.ts';

const settings: MethodSettings = { options: [{ letter: 'A', text: 'Lisbon' }, { letter: 'B', text: 'Nairobi' }, { letter: 'C', text: 'Online' }], block: null };

/** Counts grouped ballots ([stance, how many]) with `silent` members who did not reply. */
function count(groups: [unknown, number][], silent = 0) {
  const electorate = createElectorateCount();
  const acc = consentChoice.createCount(settings);
  electorate.addBucket('silent', silent);
  for (const [stance, n] of groups) {
    const ballot = consentChoice.ballot(stance, settings);
    if (ballot === null) electorate.addUnreadable(n);
    else {
      electorate.addReplied(n);
      acc.add(ballot, n);
    }
  }
  return acc.result(electorate.figures(false));
}

describe('consent choice: the opening', () => {
  it.each([
    ['two options', settings.options.slice(0, 2), [], { ok: true, settings: { options: settings.options.slice(0, 2), block: null } }],
    ['one option', settings.options.slice(0, 1), [], { ok: false, errors: [expect.stringContaining('only one was found')] }],
    ['no option', [], [], { ok: false, errors: [expect.stringContaining('none were found')] }],
    ['a block line', settings.options, [['block', { name: 'Block', value: '2' }]], { ok: false, errors: ['Block: applies only to proposals; a choice is decided by first preferences.'] }],
  ] as const)('%s', (_name, options, headers, expected) => {
    // The method refuses in catalogue keys; read in English, the words these tests always compared.
    expect(inEnglish(consentChoice.parseOpening({ options: [...options], headers: new Map(headers as never) }))).toEqual(expected);
  });
});

describe('consent choice: reading and ballots', () => {
  it.each([
    ['B', { first: 'B' }, true],
    ['B > A > C', { first: 'B', ranking: ['B', 'A', 'C'] }, true],
    ['thanks!', null, false],
  ])('%s', (text, ballot, readable) => {
    const reading = consentChoice.read(text, settings);
    expect(reading.readable).toBe(readable);
    if (ballot) expect(consentChoice.ballot(reading.stance, settings)).toMatchObject(ballot);
    else expect(consentChoice.ballot(reading.stance, settings)).toBeNull();
  });

  it.each([
    ['a letter that is not an option', { first: 'D' }],
    ['a proposal stance', { stance: 'agree' }],
    ['nothing named', {}],
    ['an unreadable reading', { unreadable: true }],
  ])('%s is no ballot', (_name, stance) => {
    expect(consentChoice.ballot(stance, settings)).toBeNull();
  });
});

describe('consent choice: counting grouped ballots', () => {
  it.each([
    ['most first preferences', [[{ first: 'A' }, 3], [{ first: 'B' }, 2]], 0, { winner: 'A', decidedBy: 'first', tie: [], noPreference: false }],
    ['a tie goes to fewer rejections', [[{ first: 'A', reject: ['C'] }, 2], [{ first: 'B', reject: [] }, 1], [{ first: 'C', reject: ['A'] }, 2], [{ first: 'B', reject: ['A'] }, 1]], 0, { winner: 'B', decidedBy: 'rejections' }],
    ['a tie on both', [[{ first: 'A' }, 1], [{ first: 'B' }, 1]], 0, { winner: null, tie: ['A', 'B'] }],
    ['no preference', [[{ first: null, any: true }, 4]], 2, { winner: null, noPreference: true }],
  ] as const)('%s', (_name, groups, silent, expected) => {
    expect(count(groups as never, silent)).toMatchObject(expected);
  });

  it('silent members accept every option; a replier accepts what they did not reject; unreadable replies are silent', () => {
    const r = count([[{ first: 'A', reject: ['C'] }, 5], [{ first: 'D' }, 2]], 3);
    expect(r.buckets).toEqual({ replied: 5, silent: 5, unreachable: 0, away: 0 });
    expect(r.unreadable).toBe(2);
    expect(r.options.map((o) => [o.letter, o.first, o.accept, o.reject])).toEqual([['A', 5, 10, 0], ['B', 0, 10, 0], ['C', 0, 5, 5]]);
  });

  it('says the verdict, the counts and the sheet line', () => {
    const r = count([[{ first: 'B', reject: ['C'] }, 1]]);
    expect(consentChoice.verdictLine(r, settings)).toBe('Winner: B. Nairobi (most first preferences).');
    expect(consentChoice.countLines(r)).toEqual(['A. Lisbon: 0 first, 1 accept, 0 reject', 'B. Nairobi: 1 first, 1 accept, 0 reject', 'C. Online: 0 first, 0 accept, 1 reject']);
    expect(consentChoice.sheetValue({ first: 'B', reject: ['C'] }, settings)).toBe('first=B accept=A,B reject=C');
    expect(consentChoice.view(settings)).toMatchObject({ picksOption: true, consentsOrObjects: false, silenceCountsAs: 'consent to every option' });
  });
});
