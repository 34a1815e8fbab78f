import { describe, expect, it } from 'vitest';
import type { DecisionMethod } from '../../../src/decisions/decisionMethod.ts';
import { namesVoters, publicResult } from '../../../src/decisions/voterNames.ts';
import { lazyConsensus } from '../../../src/decisions/methods/lazyConsensus/lazyConsensus.ts';
import { consentChoice } from '../../../src/decisions/methods/consentChoice/consentChoice.ts';
import { createProposalCount } from '../../../src/decisions/methods/lazyConsensus/count.ts';
import { recordedBallot } from '../../../src/domains/consultations/rules/tallySheetText.ts';
import { createElectorateCount } from '../../../src/decisions/electorateFigures.ts';

/** Ballot secrecy at the method seam (issue 21, item 4): who may be named beside what they answered. */
const settings = { options: [], block: 1 };

/** A formal vote's method as the vote methods declare one: its count hidden until the close. */
const formalVote = { ...lazyConsensus, name: 'test-vote', kind: 'vote', secretUntilClose: true } as DecisionMethod;

function objections(voters: boolean) {
  const count = createProposalCount(1);
  count.add({ stance: 'object', reason: 'the lease' }, 1, voters ? 'b@x' : undefined);
  count.add({ stance: 'agree' }, 3);
  count.add({ stance: 'object', reason: 'too far' }, 1, voters ? 'a@x' : undefined);
  count.add({ stance: 'object', reason: 'a lift' }, 1, voters ? 'c@x' : undefined);
  const electorate = createElectorateCount();
  electorate.addReplied(6);
  return count.result(electorate.figures(false));
}

describe('namesVoters', () => {
  it('names objectors of a consultation only where the list chose it', () => {
    expect(namesVoters(lazyConsensus, true)).toBe(true);
    expect(namesVoters(lazyConsensus, false)).toBe(false);
  });

  it('never names a voter in a formal vote, whatever the list chose', () => {
    expect(namesVoters(formalVote, true)).toBe(false);
    expect(namesVoters({ ...lazyConsensus, kind: 'vote' } as DecisionMethod, true)).toBe(false);
    expect(namesVoters({ ...lazyConsensus, secretUntilClose: true } as DecisionMethod, true)).toBe(false);
  });

  it('has nothing to name in a method that quotes no voter', () => {
    expect(namesVoters(consentChoice, true)).toBe(false);
  });
});

describe('publicResult', () => {
  it('keeps no voter where none may be named: reasons alone, in alphabetical order, never in the order of the members', () => {
    const named = lazyConsensus.nameVoters!(objections(true), new Map([['a@x', 'Ana']]));
    const shown = publicResult(lazyConsensus, named, false);
    expect(shown.objections).toEqual([{ reason: 'a lift' }, { reason: 'the lease' }, { reason: 'too far' }]);
    expect(shown).not.toHaveProperty('objectionsNamed');
    expect(JSON.stringify(shown)).not.toMatch(/a@x|b@x|c@x|Ana/);
    expect(lazyConsensus.outcomeView(shown, settings).objections.map((o: { name?: string }) => o.name)).toEqual([undefined, undefined, undefined]);
    expect(lazyConsensus.document(shown, settings).fields.objections).toEqual(shown.objections);
  });

  it('keeps the named result where the list names objectors', () => {
    const named = lazyConsensus.nameVoters!(objections(true), new Map([['a@x', 'Ana']]));
    expect(publicResult(lazyConsensus, named, true)).toBe(named);
    expect(lazyConsensus.outcomeView(named, settings).objections.map((o: { name?: string }) => o.name)).toEqual(['b@x', 'Ana', 'c@x']);
  });

  it('counts objections fed without voters as objections without emails', () => {
    expect(objections(false).objections).toEqual([{ reason: 'the lease' }, { reason: 'too far' }, { reason: 'a lift' }]);
  });
});

describe('a tally sheet line', () => {
  const row = (stance: unknown) => ({ bucket: 'replied' as const, readable: true, stance });
  it('carries the stance only, never the reason, and marks an objection the outcome names', () => {
    const objection = row({ stance: 'object', reason: 'MARKER the lease' });
    expect(recordedBallot(lazyConsensus, settings, objection)).toBe('object');
    expect(recordedBallot(lazyConsensus, settings, objection, true)).toBe('object named');
    // Only the ballots the outcome names are marked.
    expect(recordedBallot(lazyConsensus, settings, row({ stance: 'agree' }), true)).toBe('agree');
    expect(recordedBallot(lazyConsensus, settings, row({ stance: 'abstain' }), true)).toBe('abstain');
  });

  it('never marks a formal vote line as named: the caller asks namesVoters, which says no', () => {
    expect(recordedBallot(formalVote, settings, row({ stance: 'object', reason: 'x' }), namesVoters(formalVote, true))).toBe('object');
  });
});
