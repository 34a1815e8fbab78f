import { describe, expect, it } from 'vitest';
import { recordedValue, sheetHeader, sheetLine, type SheetRow } from '../../../src/domains/consultations/rules/tallySheetText.ts';

const letters = ['A', 'B', 'C'];

describe('what the tally sheet records for a member', () => {
  it.each<[string, 'choice' | 'proposal', SheetRow, string]>([
    ['a first preference', 'choice', { bucket: 'replied', readable: true, stance: { first: 'A', ranking: ['A', 'B', 'C'] } }, 'first=A accept=A,B,C reject=-'],
    ['acceptances and a rejection', 'choice', { bucket: 'replied', readable: true, stance: { first: null, accept: ['A', 'B'], reject: ['C'] } }, 'first=- accept=A,B reject=C'],
    ['any', 'choice', { bucket: 'replied', readable: true, stance: { first: null, any: true } }, 'first=- accept=A,B,C reject=-'],
    ['rejections in option order', 'choice', { bucket: 'replied', readable: true, stance: { first: 'B', reject: ['C', 'A'] } }, 'first=B accept=B reject=A,C'],
    ['a letter that is no option (as the tally: unreadable)', 'choice', { bucket: 'replied', readable: true, stance: { first: 'D' } }, 'unreadable'],
    ['a stored unreadable reply', 'choice', { bucket: 'silent', readable: false, stance: { unreadable: true } }, 'unreadable'],
    ['a proposal stance on a choice', 'choice', { bucket: 'replied', readable: true, stance: { stance: 'agree' } }, 'unreadable'],
    ['silence', 'choice', { bucket: 'silent', readable: null, stance: null }, 'silent'],
    ['a bounced copy', 'choice', { bucket: 'unreachable', readable: null, stance: null }, 'unreachable'],
    ['only an auto-reply', 'proposal', { bucket: 'away', readable: null, stance: null }, 'away'],
    ['agree', 'proposal', { bucket: 'replied', readable: true, stance: { stance: 'agree' } }, 'agree'],
    ['abstain', 'proposal', { bucket: 'replied', readable: true, stance: { stance: 'abstain' } }, 'abstain'],
    // Issue 21: the stance only; a reason beside a code would link it to the objector the outcome quotes.
    ['an objection: the stance, never its reason', 'proposal', { bucket: 'replied', readable: true, stance: { stance: 'object', reason: 'too often\r\nfor  members abroad' } }, 'object'],
    ['an objection without a reason', 'proposal', { bucket: 'replied', readable: true, stance: { stance: 'object', reason: ' ' } }, 'object'],
    ['an unreadable proposal reply', 'proposal', { bucket: 'silent', readable: false, stance: { stance: 'unreadable' } }, 'unreadable'],
  ])('%s', (_, kind, row, expected) => {
    expect(recordedValue(kind, letters, row)).toBe(expected);
  });
});

describe('the sheet text', () => {
  it('has a header naming the consultation, its kind, options, counting rule and electorate, then a blank line', () => {
    expect(sheetHeader({ id: 'C-12', kind: 'choice', letters, electorate: 5, withRule: true })).toBe(
      'Tacit tally sheet\nconsultation C-12\nkind choice\noptions A B C\n' +
        'rule most first preferences; a tie goes to fewer refusals; a tie on both is left to the coordinators\nelectorate 5\n\n',
    );
    expect(sheetHeader({ id: 'C-3', kind: 'proposal', letters: [], electorate: 0, blockAt: 2, withRule: true })).toBe(
      'Tacit tally sheet\nconsultation C-3\nkind proposal\nblock 2\n' +
        'rule blocked when its objections reach the block number; otherwise adopted; silence is consent\nelectorate 0\n\n',
    );
  });

  it('keeps the old head for a sheet closed before the rule was written on it (its stored SHA-256 still matches)', () => {
    expect(sheetHeader({ id: 'C-3', kind: 'proposal', letters: [], electorate: 0, blockAt: 2, withRule: false })).toBe(
      'Tacit tally sheet\nconsultation C-3\nkind proposal\nelectorate 0\n\n',
    );
  });

  it('puts one member on one line', () => {
    expect(sheetLine('0K3M9ZQ4TX', 'silent')).toBe('0K3M9ZQ4TX silent\n');
  });
});
