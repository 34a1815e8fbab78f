import { describe, expect, it } from 'vitest';
import type { Consultation } from '../../../src/domains/consultations/consultation.ts';
import * as views from '../../../src/domains/consultations/close/outcomeView.ts';
import { DECISION_METHODS } from '../../../src/decisions/methods/index.ts';
import { tally, type Bucket, type ElectorateMember } from '../../../src/domains/consultations/rules/tally.ts';

const options = [
  { letter: 'A', text: 'Spring' },
  { letter: 'B', text: 'Autumn' },
  { letter: 'C', text: 'Winter' },
];
const c = { id: 3, question: 'When?', list: 'gb', list_name: 'GB', deadline: new Date('2026-12-03T18:00:00Z'), closed_at: new Date('2026-12-03T18:00:01Z'), options } as unknown as Consultation;

// The built-in decision methods, as the composition root gives them.
const methods = new Map(DECISION_METHODS);
type Outcome = Parameters<typeof views.outcomeView>[0];
const verdictLine = (outcome: Outcome, on: Consultation) => views.verdictLine(outcome, on, methods);
const outcomeLines = (outcome: Outcome, on: Consultation) => views.outcomeLines(outcome, on, methods);
const outcomeView = (outcome: Outcome, on: Consultation) => views.outcomeView(outcome, on, methods);

let n = 0;
const member = (bucket: Bucket, stance?: ElectorateMember['stance']): ElectorateMember => ({ email: `m${++n}@example.org`, bucket, stance });
const choice = (...members: ElectorateMember[]) => tally({ kind: 'choice', options }, members);

describe('verdictLine', () => {
  it.each([
    ['most first preferences', choice(member('replied', { first: 'B' }), member('replied', { first: 'B' }), member('replied', { first: 'A' })), 'Winner: B. Autumn (most first preferences).'],
    ['a tie broken by rejections', choice(member('replied', { first: 'A' }), member('replied', { first: 'B', reject: ['A'] })), 'Winner: B. Autumn (tied on first preferences, fewer rejections).'],
    ['a tie left to the coordinators', choice(member('replied', { first: 'A' }), member('replied', { first: 'C' })), 'Tie between A and C (same first preferences and rejections): the coordinators decide.'],
    ['no preference at all', choice(member('replied', { first: null, any: true }), member('silent')), 'No winner: nobody named a first preference; the coordinators decide.'],
  ])('%s', (_name, outcome, line) => {
    expect(verdictLine(outcome, c)).toBe(line);
  });

  it('says blocked or adopted for a proposal, with the threshold', () => {
    const blocked = tally({ kind: 'proposal', block: 2 }, [member('replied', { stance: 'object', reason: 'x' }), member('replied', { stance: 'object', reason: 'y' })]);
    expect(verdictLine(blocked, c)).toBe('Blocked: 2 objections (2 block).');
    const adopted = tally({ kind: 'proposal' }, [member('replied', { stance: 'agree' }), member('silent')]);
    expect(verdictLine(adopted, c)).toBe('Adopted: 0 objections (1 would block).');
  });
});

describe('outcomeView', () => {
  it('draws what the replies said (shares of the replies), silent consent apart: no option reads as unanimous', () => {
    const outcome = choice(
      member('replied', { first: 'B' }), member('replied', { first: 'B', reject: ['C'] }), member('replied', { first: 'A' }),
      member('silent'), member('silent'), member('silent'), member('unreachable'), member('away'),
    );
    const view = outcomeView(outcome, c);
    expect(view.options.map((o) => [o.letter, o.firstPct, o.rejectPct, o.acceptedByReplies, o.isWinner])).toEqual([
      ['A', 33, 0, 3, false], // 1 of 3 replies first, accepted by the 3 repliers (the 3 silent apart)
      ['B', 67, 0, 3, true],
      ['C', 0, 33, 2, false],
    ]);
    expect(view).not.toHaveProperty('options.0.acceptPct');
    expect(view.replied).toBe(3);
    expect(view.turnoutPct).toBe(38);
    expect(view.bucketBars.map((b) => [b.name, b.count])).toEqual([['replied', 3], ['silent (consent)', 3], ['unreachable', 1], ['away', 1]]);
  });

  it('gives one "replied" figure, an unreadable reply apart (it stays silent)', () => {
    const outcome = choice(member('replied', { first: 'B' }), member('replied', { unreadable: true } as never), member('silent'));
    expect(outcome.buckets.replied).toBe(1);
    expect(outcomeLines(outcome, c).at(-1)).toBe('Turnout: 1/3 replied, 1 unreadable (33%); silent (consent) 2, unreachable 0, away 0.');
  });

  it('says an early close apart from the announced deadline', () => {
    const early = { ...c, closed_at: new Date('2026-12-01T10:00:00Z') } as Consultation;
    expect(outcomeView(choice(member('silent')), early).closedEarly).toBe(true);
    expect(outcomeView(choice(member('silent')), c).closedEarly).toBe(false);
  });

  it('quotes objections by name, with a placeholder for a missing reason', () => {
    const outcome = tally({ kind: 'proposal' }, [member('replied', { stance: 'object' })]);
    // A list that names its objectors (--objections named).
    const view = outcomeView({ ...outcome, objectionsNamed: [{ email: 'x@example.org', name: 'Ana', reason: '' }] }, { ...c, objections_named: true });
    expect(view.objections).toEqual([{ name: 'Ana', reason: '(no reason given)' }]);
  });

  it('summarises in plain lines for answers and the CLI', () => {
    const outcome = choice(member('replied', { first: 'B' }), member('silent'));
    expect(outcomeLines(outcome, c)).toEqual([
      'Winner: B. Autumn (most first preferences).',
      'A. Spring: 0 first, 2 accept, 0 reject',
      'B. Autumn: 1 first, 2 accept, 0 reject',
      'C. Winter: 0 first, 2 accept, 0 reject',
      'Turnout: 1/2 replied (50%); silent (consent) 1, unreachable 0, away 0.',
    ]);
  });
});
