/**
 * `Count: double-majority` (issue 22): yes > no among all votes cast AND in
 * more than half of the places (branches; a branch's chapters) that cast a
 * vote; `Branch quorum: N`; the outcome says which majority failed. Each
 * rule is checked where it is decided (counting/doubleMajority.ts), through
 * the opening (vote-motion), through the parts counted with the method (the
 * close), and through `tacit count` on a sheet with places.
 */
import { describe, expect, it } from 'vitest';
import { decideDoubleMajority, type UnitTally } from '../../../../src/decisions/counting/doubleMajority.ts';
import { parseOpenRequest as parse } from '../../../../src/domains/consultations/rules/openRequest.ts';
import { inEnglish } from '../../../../test/helpers/inEnglish.ts';
import { doubleMajorityVote as voteMotion } from '../../../../src/decisions/methods/doubleMajority/doubleMajority.ts';
import { voteMotion as plainMotion } from '../../../../src/decisions/methods/voteMotion/voteMotion.ts';
import type { MethodSettings } from '../../../../src/decisions/decisionMethod.ts';
import { createPartsCount, decideWithParts } from '../../../../src/decisions/places/partsCount.ts';
import { createElectorateCount } from '../../../../src/decisions/electorateFigures.ts';
import type { PlaceDecl } from '../../../../src/decisions/places/places.ts';
import { parseCountInput, resolveCountSpec } from '../../../../src/decisions/counting/countInput.ts';
import { countWithPlaces } from '../../../../src/decisions/counting/placeCount.ts';
import { sheetHeader, sheetLine } from '../../../../src/domains/consultations/rules/tallySheetText.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseOpenRequest = (...a: Parameters<typeof parse>): ReturnType<typeof parse> => inEnglish(parse(...a));

const unit = (place: string, yes: number, no: number, abstain = 0): UnitTally => ({ place, level: 'branch', yes, no, cast: yes + no + abstain });
const total = (units: UnitTally[]) => {
  const yes = units.reduce((n, u) => n + u.yes, 0);
  const no = units.reduce((n, u) => n + u.no, 0);
  return { verdict: yes > no ? 'adopted' : 'rejected', yes, no };
};

describe('the double majority', () => {
  it('fails the branches when the plain count wins (one big branch outvotes two)', () => {
    const units = [unit('fr', 40, 5), unit('gb', 4, 6), unit('de', 3, 5)];
    const d = decideDoubleMajority(total(units), units, null);
    expect(d.verdict).toBe('rejected');
    expect(d.double_majority.failed).toBe('places');
    expect(d.double_majority.votes).toEqual({ met: true, yes: 47, no: 16 });
    expect(d.double_majority.places).toMatchObject({ met: false, counted: ['fr', 'gb', 'de'], carried: ['fr'], needed: 2 });
  });

  it('fails the votes when most branches carry it but the total does not', () => {
    const units = [unit('fr', 2, 40), unit('gb', 6, 4), unit('de', 5, 3)];
    expect(decideDoubleMajority(total(units), units, null).double_majority.failed).toBe('votes');
  });

  it('fails both, and is adopted only with both', () => {
    const lost = [unit('fr', 1, 4), unit('gb', 1, 4)];
    expect(decideDoubleMajority(total(lost), lost, null).double_majority.failed).toBe('both');
    const won = [unit('fr', 9, 4), unit('gb', 6, 4), unit('de', 1, 5)];
    expect(decideDoubleMajority(total(won), won, null)).toMatchObject({ verdict: 'adopted', double_majority: { failed: null } });
  });

  it('needs more than half of the branches: half is not enough', () => {
    const units = [unit('fr', 9, 1), unit('gb', 9, 1), unit('de', 1, 2), unit('it', 1, 2)];
    const d = decideDoubleMajority(total(units), units, null);
    expect(d.double_majority.places).toMatchObject({ carried: ['fr', 'gb'], needed: 3, met: false });
  });

  it('counts only the branches that cast a vote (a yes or a no; abstentions are none)', () => {
    const units = [unit('fr', 9, 1), unit('gb', 0, 0, 7), unit('de', 0, 0)];
    const d = decideDoubleMajority(total(units), units, null);
    expect(d.double_majority.places).toMatchObject({ counted: ['fr'], carried: ['fr'], needed: 1, met: true });
    expect(d.verdict).toBe('adopted');
  });

  it('with a branch quorum, counts a branch only with that many ballots (abstentions included)', () => {
    const units = [unit('fr', 9, 1), unit('gb', 1, 2), unit('de', 1, 2, 3)];
    const d = decideDoubleMajority(total(units), units, 5);
    expect(d.double_majority.places).toMatchObject({ counted: ['fr', 'de'], below_quorum: ['gb'], carried: ['fr'], needed: 2, met: false });
    const without = decideDoubleMajority(total(units), units, null);
    expect(without.double_majority.places.counted).toEqual(['fr', 'gb', 'de']);
  });

  it('stays no-quorum below the quorum of the whole', () => {
    const units = [unit('fr', 9, 1)];
    expect(decideDoubleMajority({ verdict: 'no-quorum', yes: 9, no: 1 }, units, null).verdict).toBe('no-quorum');
  });
});

const NOW = new Date('2026-03-25T10:17:00Z');
const open = (lines: string[]) =>
  parseOpenRequest({ subject: 'Q', body: [...lines, 'Deadline: 2026-04-01 18:00 UTC', 'List: all', '', 'Why.'].join('\n') }, NOW);
const settingsOf = (lines: string[]): MethodSettings => {
  const r = open(lines);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return { options: r.spec.options, block: r.spec.block };
};

describe('the opening', () => {
  it('takes "Count: double-majority" and "Branch quorum: N" and lists them', () => {
    const settings = settingsOf(['Kind: vote', 'Count: double majority', 'Branch quorum: 3']);
    expect(settings.block).toMatchObject({ count: 'double-majority', branchQuorum: 3 });
    const view = voteMotion.view(settings);
    expect(view.settingLines).toEqual(['Count: double-majority', 'Base: cast', 'Branch quorum: 3', 'Quorum: none']);
    expect(view.countingRule).toMatch(/more than half of the branches that cast a vote/);
    expect(voteMotion.sheetHead(settings, 10, true)).toContain('branch-quorum 3');
  });

  it('refuses a branch quorum without a double majority, and a double majority over the electorate', () => {
    const a = open(['Kind: vote', 'Count: majority', 'Branch quorum: 3']);
    expect(a.ok).toBe(false);
    expect(!a.ok && a.errors.join(' ')).toMatch(/Branch quorum: is not a setting of a motion/);
    const b = open(['Kind: vote', 'Count: double-majority', 'Base: electorate']);
    expect(!b.ok && b.errors.join(' ')).toMatch(/Base: electorate does not go with/);
    const c = open(['Kind: vote', 'Count: double-majority', 'Branch quorum: some']);
    expect(!c.ok && c.errors.join(' ')).toMatch(/not a number of ballots/);
  });
});

// fr > fr-paris, fr-lyon; gb; de: France carries it big, the two others reject it.
const PLACES: PlaceDecl[] = [
  { place: 'de', level: 'branch', name: 'Germany', parent: null },
  { place: 'fr', level: 'branch', name: 'France', parent: null },
  { place: 'fr-lyon', level: 'chapter', name: 'Lyon', parent: 'fr' },
  { place: 'fr-paris', level: 'chapter', name: 'Paris', parent: 'fr' },
  { place: 'gb', level: 'branch', name: 'United Kingdom', parent: null },
];
const VOTES: [string, 'yes' | 'no' | 'abstain' | 'silent', number][] = [
  ['fr-paris', 'yes', 20], ['fr-paris', 'no', 2], ['fr-lyon', 'yes', 6], ['fr-lyon', 'silent', 3],
  ['gb', 'yes', 3], ['gb', 'no', 5], ['gb', 'abstain', 1], ['de', 'yes', 2], ['de', 'no', 4], ['de', 'silent', 4],
];

describe('the close: parts counted with the method, then decided', () => {
  it('reports each place and rejects a motion that wins the plain count but not the branches', () => {
    const settings = settingsOf(['Kind: vote', 'Count: double-majority']);
    const plain = settingsOf(['Kind: vote', 'Count: majority']);
    const parts = createPartsCount(voteMotion, settings, PLACES);
    const electorate = createElectorateCount();
    const count = voteMotion.createCount(settings);
    const plainCount = plainMotion.createCount(plain);
    for (const [place, vote, n] of VOTES) {
      for (let i = 0; i < n; i++) {
        if (vote === 'silent') {
          parts.add(place, { bucket: 'silent' });
          electorate.addBucket('silent', 1);
        } else {
          const ballot = voteMotion.ballot({ vote }, settings)!;
          parts.add(place, { ballot });
          electorate.addReplied(1);
          count.add(ballot, 1);
          plainCount.add(ballot, 1);
        }
      }
    }
    const counted = parts.result({ sha256: 'x' });
    expect(counted.map((p) => [p.place, p.electorate, p.cast, (p.result as { yes: number }).yes])).toEqual([
      ['de', 10, 6, 2], ['fr', 31, 28, 26], ['fr-lyon', 9, 6, 6], ['fr-paris', 22, 22, 20], ['gb', 9, 9, 3],
    ]);
    const result = decideWithParts(voteMotion, count.result(electorate.figures(false), { sha256: 'x' }), counted, settings) as Record<string, any>;
    expect(result.verdict).toBe('rejected');
    expect(result.double_majority.failed).toBe('places');
    expect(result.double_majority.places.counted).toEqual(['de', 'fr', 'gb']);
    expect(voteMotion.verdictLine(result as never, settings)).toMatch(/^Rejected: the majority of the votes cast holds \(yes 31, no 11, abstain 1\) but the majority of the branches fails \(yes > no in 1 of the 3 branches that voted, 2 needed\)/);
    // A plain majority of the same ballots is adopted: the places decide nothing there.
    expect((decideWithParts(plainMotion, plainCount.result(electorate.figures(false)), counted, plain) as unknown as { verdict: string }).verdict).toBe('adopted');
  });
});

describe("a branch's own vote: its chapters take the branches' place", () => {
  const CHAPTERS: PlaceDecl[] = [
    { place: 'fr-lyon', level: 'chapter', name: 'Lyon', parent: null },
    { place: 'fr-paris', level: 'chapter', name: 'Paris', parent: null },
    { place: 'fr-nice', level: 'chapter', name: 'Nice', parent: null },
    { place: '~waiting', level: 'chapter', name: 'waiting for a chapter', parent: null },
  ];
  const settings = (branchQuorum?: number) =>
    settingsOf(['Kind: vote', 'Count: double-majority', ...(branchQuorum ? [`Branch quorum: ${branchQuorum}`] : [])]);
  function decide(s: MethodSettings) {
    const parts = createPartsCount(voteMotion, s, CHAPTERS);
    const electorate = createElectorateCount();
    const count = voteMotion.createCount(s);
    const votes: [string, 'yes' | 'no', number][] = [['fr-paris', 'yes', 30], ['fr-lyon', 'no', 5], ['fr-lyon', 'yes', 4], ['fr-nice', 'yes', 1], ['~waiting', 'no', 9]];
    for (const [place, vote, n] of votes) {
      for (let i = 0; i < n; i++) {
        const ballot = voteMotion.ballot({ vote }, s)!;
        parts.add(place, { ballot });
        electorate.addReplied(1);
        count.add(ballot, 1);
      }
    }
    return decideWithParts(voteMotion, count.result(electorate.figures(false)), parts.result(), s) as Record<string, any>;
  }

  it('counts the chapters (not the members waiting for one) and says "chapters"', () => {
    const result = decide(settings());
    expect(result.double_majority.places).toMatchObject({ level: 'chapter', counted: ['fr-lyon', 'fr-paris', 'fr-nice'], carried: ['fr-paris', 'fr-nice'], met: true });
    expect(result.verdict).toBe('adopted');
    expect(voteMotion.verdictLine(result as never, settings())).toMatch(/yes > no in 2 of the 3 chapters that voted, 2 needed/);
  });

  it('with "Branch quorum: 5", a chapter of one ballot does not count, and the chapters fail', () => {
    const result = decide(settings(5));
    expect(result.double_majority.places).toMatchObject({ counted: ['fr-lyon', 'fr-paris'], below_quorum: ['fr-nice'], carried: ['fr-paris'], needed: 2, met: false });
    expect(result.verdict).toBe('rejected');
    expect(voteMotion.verdictLine(result as never, settings(5))).toMatch(/^Rejected: the majority of the votes cast holds .* but the majority of the chapters fails/);
  });
});

describe('tacit count on a sheet with places', () => {
  const sheet = (count: string) =>
    sheetHeader({ id: 'C-9', kind: 'vote', letters: [], electorate: 50, settings: [['count', count], ['base', 'cast'], ...(count === 'double-majority' ? [['branch-quorum', 'none'] as [string, string]] : []), ['quorum', 'none']], places: PLACES }) +
    VOTES.flatMap(([place, vote, n], k) => Array.from({ length: n }, (_, i) => sheetLine(`C${k}X${i}`, vote, place))).join('');

  it('recounts each place (a chapter counts in its branch) and decides the double majority the same way', () => {
    const input = parseCountInput(sheet('double-majority'));
    const result = countWithPlaces(resolveCountSpec(input, {}), input) as Record<string, any>;
    expect(result).toMatchObject({ verdict: 'rejected', yes: 31, no: 11, abstain: 1, double_majority: { failed: 'places' } });
    expect(result.parts.map((p: any) => [p.place, p.electorate, p.cast, p.result.yes, p.result.no])).toEqual([
      ['de', 10, 6, 2, 4], ['fr', 31, 28, 26, 2], ['fr-lyon', 9, 6, 6, 0], ['fr-paris', 22, 22, 20, 2], ['gb', 9, 9, 3, 5],
    ]);
  });

  it('reads a place the head does not declare as an error', () => {
    expect(() => parseCountInput(sheet('majority') + 'ZZZZ yes @it\n')).toThrow(/place it, which the head does not declare/);
  });

  it('counts JSON ballots with "place" (an undeclared place is a branch of its own)', () => {
    const input = parseCountInput(JSON.stringify({ ballots: [
      { ranking: [['yes']], count: 10, place: 'fr' }, { ranking: [['no']], count: 3, place: 'gb' }, { ranking: [['no']], count: 4, place: 'de' },
    ] }));
    const result = countWithPlaces(resolveCountSpec(input, { method: 'double-majority' }), input) as Record<string, any>;
    expect(result.verdict).toBe('rejected');
    expect(result.parts.map((p: any) => [p.place, p.level, p.cast, p.electorate])).toEqual([['fr', 'branch', 10, null], ['gb', 'branch', 3, null], ['de', 'branch', 4, null]]);
    const quorum = countWithPlaces(resolveCountSpec(input, { method: 'double-majority', branchQuorum: '5' }), input) as Record<string, any>;
    expect(quorum).toMatchObject({ verdict: 'adopted', double_majority: { places: { counted: ['fr'], below_quorum: ['gb', 'de'] } } });
  });
});
