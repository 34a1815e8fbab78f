import { describe, expect, it } from 'vitest';
import { parseCommands as parse, parseConsultationId, type ConsultationCommand } from '../../../src/domains/consultations/rules/consultationCommands.ts';
import { inEnglish } from '../../helpers/inEnglish.ts';

// The reader gives its reasons as catalogue keys; these tests read them in English, the words they always compared.
const parseCommands = (body: string) => inEnglish(parse(body));

describe('parseConsultationId', () => {
  it.each([
    ['C-12', 'C-12'],
    ['c-12', 'C-12'],
    ['C12', 'C-12'],
    ['c12', 'C-12'],
    ['#12', 'C-12'],
    ['#C-12', 'C-12'],
    ['C-012', 'C-12'],
    ['C-12.', 'C-12'],
    ['12', null],
    ['X-12', null],
    ['C-', null],
    ['C-12a', null],
    ['', null],
  ])('%j → %s', (text, id) => {
    expect(parseConsultationId(text)).toBe(id);
  });
});

describe('parseCommands', () => {
  it.each<[string, ConsultationCommand]>([
    ['status', { name: 'status', id: null }],
    ['STATUS', { name: 'status', id: null }],
    ['status C-12', { name: 'status', id: 'C-12' }],
    ['results c12', { name: 'results', id: 'C-12' }],
    ['Results #7', { name: 'results', id: 'C-7' }],
    ['extend C-12 Friday 18:00 UTC', { name: 'extend', id: 'C-12', when: 'Friday 18:00 UTC' }],
    ['extend c 12 2 days', { name: 'extend', id: 'C-12', when: '2 days' }],
    ['extend #12 2026-12-03 18:00 Europe/London', { name: 'extend', id: 'C-12', when: '2026-12-03 18:00 Europe/London' }],
    ['close C-012.', { name: 'close', id: 'C-12' }],
    ['  Close C-3  ', { name: 'close', id: 'C-3' }],
    ['cancel c-3', { name: 'cancel', id: 'C-3' }],
    ['tally C-12', { name: 'tally', id: 'C-12' }],
    ['Tally #9.', { name: 'tally', id: 'C-9' }],
  ])('%j', (line, command) => {
    expect(parseCommands(line)).toEqual({ commands: [command], notUnderstood: [] });
  });

  it.each([
    ['frobnicate C-1', '"frobnicate" is not a command; the commands are: status [C-ID], results C-ID, extend C-ID <new deadline>, close C-ID, cancel C-ID, tally C-ID.'],
    ['close', 'close needs a consultation id: close C-ID, e.g. "close C-12".'],
    ['close 12', '"12" is not a consultation id; ids look like C-12.'],
    ['tally', 'tally needs a consultation id: tally C-ID, e.g. "tally C-12".'],
    ['results', 'results needs a consultation id: results C-ID, e.g. "results C-12".'],
    ['extend C-4', 'extend needs the new deadline: extend C-ID <new deadline>, e.g. "extend C-4 Friday 18:00 UTC".'],
    ['cancel C-4 now please', 'unexpected "now please" after cancel C-4; write just "cancel C-4".'],
    ['status of things', '"of" is not a consultation id; ids look like C-12.'],
  ])('does not understand %j', (line, reason) => {
    expect(parseCommands(line)).toEqual({ commands: [], notUnderstood: [{ line, reason }] });
  });

  it('reads one command per line, skipping blanks and quotes, and stops at "end"', () => {
    const body = [
      'status',
      '',
      'extend C-12 in 3 days',
      '> close C-99',
      'please close the old one',
      'close C-11',
      'end',
      'cancel C-12',
    ].join('\r\n');
    expect(parseCommands(body)).toEqual({
      commands: [
        { name: 'status', id: null },
        { name: 'extend', id: 'C-12', when: 'in 3 days' },
        { name: 'close', id: 'C-11' },
      ],
      notUnderstood: [{
        line: 'please close the old one',
        reason: '"please" is not a command; the commands are: status [C-ID], results C-ID, extend C-ID <new deadline>, close C-ID, cancel C-ID, tally C-ID.',
      }],
    });
  });

  it('stops at a signature', () => {
    expect(parseCommands('results C-2\n-- \nJane Doe\nclose C-2')).toEqual({
      commands: [{ name: 'results', id: 'C-2' }],
      notUnderstood: [],
    });
  });
});
