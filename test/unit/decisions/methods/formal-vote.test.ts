/**
 * The formal vote's methods (issue 21): a motion (vote-motion) and a ranked
 * vote (vote-ranked), opened by "Kind: vote" / "Kind: motion", counted by
 * the counting core, with the quorum outside the method.
 */
import { describe, expect, it } from 'vitest';
import { countReplies } from '../../../helpers/countReplies.ts';
import { parseOpenRequest as parse } from '../../../../src/domains/consultations/rules/openRequest.ts';
import { inEnglish } from '../../../../test/helpers/inEnglish.ts';
import { voteMotion } from '../../../../src/decisions/methods/voteMotion/voteMotion.ts';
import { rankedVote } from '../../../../src/decisions/methods/rankedVote/rankedVote.ts';
import type { DecisionMethod, MethodSettings } from '../../../../src/decisions/decisionMethod.ts';
import { parseCountInput, resolveCountSpec } from '../../../../src/decisions/counting/countInput.ts';
import { runCount } from '../../../../src/decisions/counting/count.ts';
import { sheetHeader, sheetLine } from '../../../../src/domains/consultations/rules/tallySheetText.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseOpenRequest = (...a: Parameters<typeof parse>): ReturnType<typeof parse> => inEnglish(parse(...a));

const NOW = new Date('2026-03-25T10:17:00Z');
const open = (lines: string[], description = 'Why.') =>
  parseOpenRequest({ subject: 'Q', body: [...lines, 'Deadline: 2026-04-01 18:00 UTC', 'List: icc', '', description].join('\n') }, NOW);
const settingsOf = (lines: string[]): MethodSettings => {
  const r = open(lines);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return { options: r.spec.options, block: r.spec.block };
};

const close = countReplies;

describe('opening a vote', () => {
  it.each([
    ['Kind: vote alone is a majority motion', ['Kind: vote'], { method: 'vote-motion', block: { count: 'majority', base: 'cast', quorum: null } }],
    ['Kind: motion is a motion, never a proposal', ['Kind: motion'], { kind: 'vote', method: 'vote-motion', block: { count: 'majority' } }],
    ['Kind: motion with two-thirds', ['Kind: motion', 'Count: two-thirds', 'Quorum: 20%'], { method: 'vote-motion', block: { count: 'two-thirds', quorum: '20%' } }],
    ['a fraction over the electorate', ['Kind: vote', 'Count: 3/4', 'Base: electorate'], { block: { count: '3/4', base: 'electorate' } }],
    ['Schulze adds "None of the above" by default', ['Kind: vote', 'Count: schulze', 'A. Red', 'B. Blue'],
      { method: 'vote-ranked', options: [{ letter: 'A', text: 'Red' }, { letter: 'B', text: 'Blue' }, { letter: 'C', text: 'None of the above' }], block: { count: 'schulze', defaultLetter: 'C', quorum: null } }],
    ['Default: off', ['Kind: vote', 'Count: schulze', 'Default: off', 'A. Red', 'B. Blue'], { options: [{ letter: 'A', text: 'Red' }, { letter: 'B', text: 'Blue' }], block: { defaultLetter: null } }],
    ['options without Count: Schulze', ['Kind: vote', 'A. Red', 'B. Blue'], { method: 'vote-ranked', block: { count: 'schulze' } }],
    ['STV with seats', ['Kind: election', 'Count: stv', 'Seats: 2', 'Quorum: 150', 'A. Ana', 'B. Bo', 'C. Cy'], { block: { count: 'stv', seats: 2, rules: 'scottish', quorum: '150' } }],
    ['IRV', ['Kind: vote', 'Count: IRV', 'A. x', 'B. y'], { block: { count: 'irv', quorum: null } }],
  ])('%s', (_name, lines, expected) => {
    const r = open(lines);
    expect(r.ok).toBe(true);
    expect(r.ok && { kind: r.spec.kind, method: r.spec.method, options: r.spec.options, block: r.spec.block }).toMatchObject({ kind: 'vote', ...expected });
  });

  it.each([
    ['an unknown key line is named', ['Kind: vote', 'Count: two-thirds', 'Quorm: 20%'], /^Quorm: is not a line a vote knows \(the key lines are Kind, Method, Deadline, Reminder, Options, List, Question, Count, Base, Quorum\)/],
    ['a proposal\'s Block', ['Kind: vote', 'Block: 2'], /^Block: is not a setting of a motion; its settings are Count, Base, Quorum\.$/],
    ['Seats on Schulze', ['Kind: vote', 'Count: schulze', 'Seats: 2', 'A. x', 'B. y'], /^Seats: is not a setting of Count: schulze; its settings are Count, Default, Quorum\.$/],
    ['STV without seats', ['Kind: vote', 'Count: stv', 'A. x', 'B. y'], /needs the number of seats/],
    ['a motion with options', ['Kind: motion', 'A. x', 'B. y'], /A motion takes no options/],
    ['a ranked count on a motion', ['Kind: motion', 'Count: schulze'], /is not a motion's count/],
    ['a bad quorum', ['Kind: vote', 'Quorum: many'], /Quorum: "many" is not understood/],
    ['an unknown key line first, before "Kind: vote"', ['Quorm: 20%', 'Kind: vote'], /^Quorm: is not a line a vote knows/],
    ['more seats than options', ['Kind: vote', 'Count: stv', 'Seats: 3', 'A. x', 'B. y'], /3 seats for 2 options/],
  ])('%s', (_name, lines, error) => {
    const r = open(lines);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors).toContainEqual(expect.stringMatching(error));
  });

  it('a vote line after a blank line stays in the description, and a proposal keeps a "Count:" line as its description', () => {
    const vote = open(['Kind: vote'], 'Note: read the minutes first.');
    expect(vote.ok && vote.spec.description).toBe('Note: read the minutes first.');
    const proposal = parseOpenRequest({ subject: 'Q', body: 'Kind: proposal\nDeadline: 2026-04-01 18:00 UTC\nList: icc\nCount: on us' }, NOW);
    expect(proposal.ok && proposal.spec.description).toBe('Count: on us');
  });

  it('the view lists every setting with its value, defaults included, and says silence is no consent', () => {
    const view = voteMotion.view(settingsOf(['Kind: motion']));
    expect(view.settingLines).toEqual(['Count: majority', 'Base: cast', 'Quorum: none']);
    expect(view.silenceCountsAs).toBe('an abstention, never consent');
    expect(view.countingRule).toContain('no reply is an abstention, never consent');
    expect(rankedVote.view(settingsOf(['Kind: vote', 'Count: stv', 'Seats: 2', 'A. x', 'B. y', 'C. z'])).settingLines).toEqual([
      'Count: stv', 'Seats: 2', 'Rules: scottish', 'Quorum: none',
    ]);
    expect(rankedVote.view(settingsOf(['Kind: vote', 'A. x', 'B. y'])).settingLines).toEqual(['Count: schulze', 'Default: on', 'Quorum: none']);
  });
});

describe('a motion: reading and counting', () => {
  it.each([
    ['yes', { vote: 'yes' }, 'you vote yes'],
    ['No.', { vote: 'no' }, 'you vote no'],
    ['abstain\nI was not at the meeting.', { vote: 'abstain' }, 'you abstain'],
  ])('reads %j', (text, stance, readAs) => {
    const s = settingsOf(['Kind: motion']);
    const reading = voteMotion.read(text, s);
    expect(reading).toMatchObject({ stance, readable: true });
    expect(voteMotion.receipt(reading.stance, reading.comment, s).readAs).toBe(readAs);
  });

  it('an answer it cannot read is doubt, with how to answer, never a ballot', () => {
    const reading = voteMotion.read('perhaps', settingsOf(['Kind: motion']));
    expect(inEnglish(reading)).toMatchObject({ stance: { unreadable: true }, readable: false, doubt: expect.stringContaining('Answer with one word: yes, no or abstain.') });
    expect(voteMotion.ballot(reading.stance, settingsOf(['Kind: motion']))).toBeNull();
  });

  it.each([
    ['majority: yes > no', ['Kind: motion'], [['yes', 5], ['no', 4], ['abstain', 3]], 10, { verdict: 'adopted', yes: 5, no: 4, abstain: 3 }],
    ['majority: a tie fails', ['Kind: motion'], [['yes', 4], ['no', 4]], 0, { verdict: 'rejected' }],
    ['two-thirds: 10 of 15 is enough', ['Kind: motion', 'Count: two-thirds'], [['yes', 10], ['no', 5]], 0, { verdict: 'adopted' }],
    ['two-thirds: 9 of 14 is not', ['Kind: motion', 'Count: two-thirds'], [['yes', 9], ['no', 5]], 0, { verdict: 'rejected' }],
    ['over the electorate, silence weighs like no', ['Kind: motion', 'Base: electorate'], [['yes', 5], ['no', 1]], 6, { verdict: 'rejected' }],
    ['silence is never consent: nobody answering adopts nothing', ['Kind: motion'], [], 20, { verdict: 'rejected', yes: 0 }],
    ['below the quorum (20% of 30 is 6; abstentions count, unreadable not)', ['Kind: motion', 'Quorum: 20%'], [['yes', 4], ['abstain', 1], ['hmm', 3]], 22,
      { verdict: 'no-quorum', quorum: { required: 6, cast: 5, met: false } }],
    ['at the quorum', ['Kind: motion', 'Quorum: 20%'], [['yes', 4], ['abstain', 2], ['hmm', 3]], 21, { verdict: 'adopted', quorum: { required: 6, cast: 6, met: true } }],
  ] as const)('%s', (_name, lines, replies, silent, expected) => {
    const s = settingsOf([...lines]);
    const result = close(voteMotion, s, replies as unknown as [string, number][], silent);
    expect(result).toMatchObject(expected);
  });

  it('the verdict and the counting lines', () => {
    const s = settingsOf(['Kind: motion', 'Count: two-thirds', 'Quorum: 5']);
    const r = close(voteMotion, s, [['yes', 7], ['no', 2], ['abstain', 1]], 2);
    expect(voteMotion.verdictLine(r, s)).toBe('Adopted: yes 7, no 2, abstain 1 (two-thirds of the votes cast).');
    expect(voteMotion.countLines(r)).toEqual(['quorum 5, cast 10: met', 'two-thirds of the votes cast: yes 7, no 2, abstain 1', 'verdict: adopted']);
    const low = close(voteMotion, s, [['yes', 3]], 9);
    expect(voteMotion.verdictLine(low, s)).toBe('No quorum: 3 ballots cast, 5 needed; nothing is decided.');
  });

  it('--json: count and settings always; the count only once closed', () => {
    const s = settingsOf(['Kind: motion', 'Count: two-thirds']);
    const r = close(voteMotion, s, [['yes', 2]]);
    expect(voteMotion.document(r, s)).toEqual({
      options: [],
      fields: { count: 'two-thirds', settings: { base: 'cast', quorum: null }, verdict: 'adopted', yes: 2, no: 0, abstain: 0 },
    });
    expect(voteMotion.document({ ...r, provisional: true }, s).fields).toEqual({ count: 'two-thirds', settings: { base: 'cast', quorum: null } });
  });
});

describe('a ranked vote: reading and counting', () => {
  const abc = ['A. Ana', 'B. Bo', 'C. Cy'];

  it('reads a ranking and restates it in words', () => {
    const s = settingsOf(['Kind: vote', 'Count: irv', ...abc]);
    const reading = rankedVote.read('B > A = C\nThanks.', s);
    expect(reading).toMatchObject({ stance: { ranking: [['B'], ['A', 'C']] }, readable: true, comment: 'Thanks.' });
    expect(rankedVote.receipt(reading.stance, reading.comment, s).readAs).toBe('your ranking: first B (Bo); then A (Ana) and C (Cy), tied');
    expect(rankedVote.describe({ ranking: [['C']] }, s)).toEqual(['first C (Cy); below all these, tied: A (Ana) and B (Bo) (left out)']);
  });

  it('a letter that is no option is doubt', () => {
    const s = settingsOf(['Kind: vote', 'Count: irv', ...abc]);
    expect(rankedVote.read('B > Q', s)).toMatchObject({ readable: false, stance: { unreadable: true } });
  });

  it('Schulze: the 45-voter example (Schulze 2011, section 3.1; Wikipedia "Schulze method") through the method', () => {
    const s = settingsOf(['Kind: vote', 'Count: schulze', 'Default: off', 'A. a', 'B. b', 'C. c', 'D. d', 'E. e']);
    const ballots: [string, number][] = [
      ['A>C>B>E>D', 5], ['A>D>E>C>B', 5], ['B>E>D>A>C', 8], ['C>A>B>E>D', 3],
      ['C>A>E>B>D', 7], ['C>B>A>D>E', 2], ['D>C>E>B>A', 7], ['E>B>A>D>C', 8],
    ];
    const r = close(rankedVote, s, ballots);
    expect(r.ranking).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
    expect(rankedVote.verdictLine(r, s)).toBe('Chosen: E (e) (Schulze).');
  });

  it('Schulze with the default: members rank "None of the above" by its letter; an option below it cannot win', () => {
    const s = settingsOf(['Kind: vote', 'Count: schulze', 'A. Red', 'B. Blue']);
    const r = close(rankedVote, s, [['A > C > B', 3], ['C > A > B', 2], ['B > A', 1]]);
    expect(r.below_default).toEqual(['B']);
    expect(r.winner).toBe('A');
    expect(rankedVote.sheetValue(rankedVote.ballot({ ranking: [['A'], ['C'], ['B']] }, s)!, s)).toBe('A>none>B');
  });

  it('Schulze: a tie for first is reported, never broken', () => {
    const s = settingsOf(['Kind: vote', 'Count: schulze', 'Default: off', ...abc]);
    const r = close(rankedVote, s, [['A > B > C', 1], ['B > A > C', 1]]);
    expect(r.winner).toBeNull();
    expect(rankedVote.verdictLine(r, s)).toBe('Tied for first: A (Ana) and B (Bo) (Schulze); the tie is not broken: it is left to the coordinators.');
  });

  it('STV (2 seats): elected in order, every stage reported', () => {
    const s = settingsOf(['Kind: election', 'Count: stv', 'Seats: 2', ...abc]);
    const r = close(rankedVote, s, [['A > B', 6], ['B > A', 2], ['C', 3]]);
    expect(r.quota).toBe(4);
    expect(r.elected).toEqual(['A', 'B']);
    expect(rankedVote.verdictLine(r, s)).toBe('Elected: A (Ana) and B (Bo) (STV, in order of election).');
    expect((r.rounds as unknown[]).length).toBeGreaterThan(1);
  });

  it('a motion\'s sheet recounts to the same result, a fraction over the electorate and a quorum included', () => {
    const s = settingsOf(['Kind: motion', 'Count: 3/5', 'Base: electorate', 'Quorum: 30%']);
    const replies: [string, number][] = [['yes', 7], ['no', 2], ['abstain', 1]];
    let text = sheetHeader({ id: 'C-2', kind: 'vote', letters: [], electorate: 12, method: voteMotion.sheetHead(s, 12, true) });
    let code = 0;
    for (const [reply, n] of replies) {
      const ballot = voteMotion.ballot(voteMotion.read(reply, s).stance, s)!;
      for (let i = 0; i < n; i++) text += sheetLine(`CODE${code++}`, voteMotion.sheetValue(ballot, s));
    }
    text += sheetLine('CODEX', 'unreadable') + sheetLine('CODEY', 'silent');
    expect(text).toContain('\nkind vote\ncount 3/5\nbase electorate\nquorum 30%\nelectorate 12\n');
    const input = parseCountInput(text);
    const recount = runCount(resolveCountSpec(input, {}), input.ballots);
    const result = close(voteMotion, s, [...replies, ['hmm', 1]], 1, input.sha256);
    // 7 ≥ 3/5 × 12 = 7.2 fails: over the electorate, silence weighs like no.
    expect(recount).toEqual({ verdict: 'rejected', yes: 7, no: 2, abstain: 1, quorum: { required: 4, cast: 10, met: true } });
    expect(voteMotion.document(result, s).fields).toMatchObject(recount);
  });

  it('below the quorum a ranked vote has no winner', () => {
    const s = settingsOf(['Kind: vote', 'Count: irv', 'Quorum: 50%', ...abc]);
    const r = close(rankedVote, s, [['A', 2]], 3);
    expect(r).toMatchObject({ verdict: 'no-quorum', quorum: { required: 3, cast: 2, met: false } });
    expect(r.winner).toBeUndefined();
  });

  it('the tally sheet says how to recount it: tacit count reads the head and lines this method writes, to the same result', () => {
    for (const lines of [
      ['Kind: vote', 'Count: stv', 'Seats: 2', 'Quorum: 40%', ...abc],
      ['Kind: vote', 'Count: schulze', 'A. Red', 'B. Blue'],
      ['Kind: vote', 'Count: irv', ...abc],
      ['Kind: vote', 'Count: stv', 'Seats: 2', 'Rules: meek', ...abc],
      ['Kind: vote', 'Count: stv', 'Seats: 1', 'Rules: wigm', ...abc],
    ]) {
      const s = settingsOf(lines);
      const replies: [string, number][] = [['A > B', 3], ['B > C', 2], ['C', 2], [s.options.length > 3 ? 'C > B' : 'A = B', 1]];
      let text = sheetHeader({ id: 'C-1', kind: 'vote', letters: [], electorate: 10, method: rankedVote.sheetHead(s, 10, true) });
      let code = 0;
      for (const [reply, n] of replies) {
        const ballot = rankedVote.ballot(rankedVote.read(reply, s).stance, s)!;
        for (let i = 0; i < n; i++) text += sheetLine(`CODE${code++}`, rankedVote.sheetValue(ballot, s));
      }
      for (let i = code; i < 10; i++) text += sheetLine(`CODE${i}`, 'silent');
      const input = parseCountInput(text);
      const recount = runCount(resolveCountSpec(input, {}), input.ballots);
      const result = close(rankedVote, s, replies, 10 - code, input.sha256);
      expect(rankedVote.document(result, s).fields).toMatchObject(recount);
      // IRV's first exclusion is a tie (B and C, 2 each, never apart): the lot drawn from the sheet's SHA-256, the same in both.
      if (lines[1] === 'Count: irv') expect((result.tie_breaks as unknown[])[0]).toMatchObject({ round: 1, tied: ['B', 'C'], by: 'lot' });
    }
  });
});
