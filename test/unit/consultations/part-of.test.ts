import { describe, expect, it } from 'vitest';
import { parseOpenRequest as parse } from '../../../src/domains/consultations/rules/openRequest.ts';
import { inEnglish } from '../../../test/helpers/inEnglish.ts';
import { partOfProblems as problems, type ParentVote, type PartCandidate } from '../../../src/domains/consultations/rules/partOf.ts';
import { OPENING_KEY } from '../../../src/domains/consultations/open/consultHandler.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseOpenRequest = (...a: Parameters<typeof parse>): ReturnType<typeof parse> => inEnglish(parse(...a));
const partOfProblems = (...a: Parameters<typeof problems>): string[] => inEnglish(problems(...a));

const NOW = new Date('2026-03-25T10:17:00Z');
const PARENT: ParentVote = {
  id: 12,
  status: 'open',
  partOf: null,
  question: 'Delegates to the congress',
  options: [{ letter: 'A', text: 'Ana' }, { letter: 'B', text: 'Bo' }],
  method: 'vote-ranked',
  settings: { count: 'stv', seats: 1, rules: 'scottish', quorum: null },
  deadline: new Date('2026-04-10T18:00:00Z'),
  list: 'all',
};
const PART: PartCandidate = {
  question: 'Delegates  to the Congress',
  options: [{ letter: 'A', text: 'ana' }, { letter: 'B', text: 'Bo' }],
  method: 'vote-ranked',
  // A jsonb column gives keys back in its own order: the same settings.
  settings: { quorum: null, seats: 1, count: 'stv', rules: 'scottish' },
  deadline: new Date('2026-04-09T18:00:00Z'),
  list: 'fr-paris',
};

describe('Part of: the opening line', () => {
  it('reads "Part of: C-12" (and "12"), and makes the mail an opening', () => {
    const body = ['Kind: choice', 'Deadline: 2026-04-03 18:00 UTC', 'List: icc', 'Part of: C-12', 'Options:', 'A. One', 'B. Two'].join('\n');
    const read = parseOpenRequest({ subject: 'Q', body }, NOW);
    expect(read.ok && read.spec.partOf).toBe(12);
    const bare = parseOpenRequest({ subject: 'Q', body: body.replace('C-12', '12') }, NOW);
    expect(bare.ok && bare.spec.partOf).toBe(12);
    expect(OPENING_KEY.test('Part of: C-12')).toBe(true);
    const none = parseOpenRequest({ subject: 'Q', body: body.replace('Part of: C-12\n', '') }, NOW);
    expect(none.ok && 'partOf' in none.spec).toBe(false);
  });

  it('names a value that is no consultation', () => {
    const read = parseOpenRequest({ subject: 'Q', body: 'Kind: proposal\nDeadline: 2026-04-03 18:00 UTC\nList: icc\nPart of: the big vote' }, NOW);
    expect(read).toEqual({ ok: false, errors: ['Part of: "the big vote" is not a consultation; write the parent\'s number, like "Part of: C-12".'] });
  });
});

describe('partOfProblems', () => {
  it('accepts the same question, options, method and settings, closing no later, on a list under the parent', () => {
    expect(partOfProblems(PART, PARENT, true)).toEqual([]);
    expect(partOfProblems({ ...PART, deadline: PARENT.deadline }, { ...PARENT, status: 'draft' }, true)).toEqual([]);
  });

  it('lists each difference', () => {
    const cases: [Partial<PartCandidate>, Partial<ParentVote>, boolean, string][] = [
      [{ question: 'Delegates to the council' }, {}, true, 'Part of: the question must be the same as C-12\'s: "Delegates to the congress".'],
      [{ options: [{ letter: 'A', text: 'Ana' }] }, {}, true, "Part of: the options must be the same as C-12's: A. Ana; B. Bo."],
      [{ options: [{ letter: 'A', text: 'Ana' }, { letter: 'C', text: 'Bo' }] }, {}, true, "Part of: the options must be the same as C-12's: A. Ana; B. Bo."],
      [{ method: 'vote-motion' }, {}, true, 'Part of: C-12 is counted by vote-ranked, this one by vote-motion; use the same kind and method lines.'],
      [{ settings: { count: 'stv', seats: 2, rules: 'scottish', quorum: null } }, {}, true, "Part of: the counting lines (such as Block, Count, Seats or Quorum) must be the same as C-12's."],
      [{ deadline: new Date('2026-04-10T18:01:00Z') }, {}, true, "Part of: the deadline must be no later than C-12's (Fri 10 Apr 2026 18:00 UTC), so that this part closes first."],
      [{}, {}, false, 'Part of: fr-paris is not a branch or chapter of all, the list of C-12.'],
      [{}, { partOf: 3 }, true, 'Part of: C-12 is itself part of C-3; name C-3 instead.'],
      [{}, { status: 'closed' }, true, 'Part of: C-12 is closed; a part can only join a vote that is still a draft or open.'],
      [{}, { status: 'cancelled' }, true, 'Part of: C-12 is cancelled; a part can only join a vote that is still a draft or open.'],
    ];
    for (const [part, parent, under, problem] of cases) {
      expect(partOfProblems({ ...PART, ...part }, { ...PARENT, ...parent }, under)).toEqual([problem]);
    }
  });
});
