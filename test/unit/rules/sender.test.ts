import { describe, expect, it } from 'vitest';
import { isSingleAddress, oneLine, soleSender, type ParsedMailbox } from '../../../src/shared/rules/sender.ts';

describe('the one sender an answer may go to', () => {
  it.each<[string, ParsedMailbox[] | undefined, number, { address: string; name: string } | null]>([
    ['one mailbox', [{ address: 'Ana@Example.org', name: 'Ana' }], 1, { address: 'ana@example.org', name: 'Ana' }],
    ['a name with a newline in it', [{ address: 'ana@example.org', name: 'Ana\r\nBcc: x@y' }], 1, { address: 'ana@example.org', name: 'Ana Bcc: x@y' }],
    ['two mailboxes in one header', [{ address: 'a@x.org', name: '' }, { address: 'b@y.org', name: '' }], 1, null],
    ['group syntax', [{ name: 'team', group: [{ address: 'a@x.org' }, { address: 'b@y.org' }] }], 1, null],
    ['an empty group', [{ name: 'undisclosed-recipients', group: [] }], 1, null],
    ['two From headers', [{ address: 'a@x.org', name: '' }], 2, null],
    ['no From', undefined, 0, null],
    ['a From that does not parse', [{ address: '', name: 'just words' }], 1, null],
    ['an address with a comma left in it', [{ address: 'a@x.org,b@y.org', name: '' }], 1, null],
    ['an address with a space left in it', [{ address: 'a@x.org b@y.org', name: '' }], 1, null],
  ])('%s', (_, boxes, headers, expected) => {
    expect(soleSender(boxes, headers)).toEqual(expected);
  });

  it.each([
    ['ana@example.org', true],
    ['ana+tag@sub.example.org', true],
    ['a@x.org, b@y.org', false],
    ['a@x.org;b@y.org', false],
    ['<a@x.org>', false],
    ['no-at-sign', false],
    ['a@b@c', false],
    ['', false],
  ])('isSingleAddress(%j) is %s', (text, expected) => {
    expect(isSingleAddress(text)).toBe(expected);
  });
});

describe('header text on one line', () => {
  it.each([
    ['hi\nURGENT: your account', 'hi URGENT: your account'],
    ['hi\r\n\r\nURGENT', 'hi URGENT'],
    ['tab\there', 'tab here'],
    ['line\u2028separator\u2029too', 'line separator too'],
    ['nul\u0000and del\u007f', 'nul and del'],
    ['  plain subject  ', 'plain subject'],
    ['Grüße – ça va', 'Grüße – ça va'],
  ])('%j → %j', (text, expected) => {
    expect(oneLine(text)).toBe(expected);
  });
});
