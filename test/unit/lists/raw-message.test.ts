import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { addressField, fieldValue, joinMessage, parseMailboxes, splitMessage, unstructuredField } from '../../../src/domains/lists/rawMessage.ts';

const RAW = Buffer.from(
  'Received: from a\r\n\tby b; Mon, 1 Jan 2024\r\nFrom: Alice <alice@example.org>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\n' +
    'X-Latin: caf\xe9\r\n\r\nbody line 1\r\n\r\nbody \xff bytes\r\n',
  'latin1',
);

describe('splitMessage / joinMessage', () => {
  it('keeps folded fields whole and the body byte for byte', () => {
    const { fields, body } = splitMessage(RAW);
    expect(fields.map((f) => f.name)).toEqual(['received', 'from', 'subject', 'x-latin']);
    expect(fields[0]!.raw).toBe('Received: from a\r\n\tby b; Mon, 1 Jan 2024');
    expect(fieldValue(fields, 'received')).toBe('from a\tby b; Mon, 1 Jan 2024');
    expect(body.equals(Buffer.from('body line 1\r\n\r\nbody \xff bytes\r\n', 'latin1'))).toBe(true);
    const again = joinMessage(fields.map((f) => f.raw), body);
    expect(again.equals(RAW)).toBe(true);
  });

  it('reads bare-LF messages and header-only messages', () => {
    expect(splitMessage(Buffer.from('A: 1\nB: 2\n\nhi\n')).fields.map((f) => f.raw)).toEqual(['A: 1', 'B: 2']);
    expect(splitMessage(Buffer.from('A: 1\nB: 2\n\nhi\n')).body.toString()).toBe('hi\n');
    const headerOnly = splitMessage(Buffer.from('A: 1'));
    expect(headerOnly.fields).toHaveLength(1);
    expect(headerOnly.body.length).toBe(0);
  });
});

describe('header encoding', () => {
  it('encodes non-ASCII subjects and display names so a parser reads them back', async () => {
    const lines = [
      addressField('From', [{ name: 'Jörg "JM" Müller via London', address: 'gb-london@d.org' }]),
      addressField('Cc', [{ name: 'Ann, B.', address: 'ann@x.org' }, { address: 'b@x.org' }]),
      unstructuredField('Subject', '[gb] Grüße aus London — a rather long subject line that has to be folded somewhere'),
    ];
    for (const line of lines) for (const physical of line.split('\r\n')) expect(physical.length).toBeLessThanOrEqual(78);
    const parsed = await simpleParser(joinMessage(lines, Buffer.from('x')));
    expect(parsed.from?.value).toEqual([{ name: 'Jörg "JM" Müller via London', address: 'gb-london@d.org' }]);
    expect(parsed.cc && !Array.isArray(parsed.cc) ? parsed.cc.value : []).toEqual([
      { name: 'Ann, B.', address: 'ann@x.org' },
      { name: '', address: 'b@x.org' },
    ]);
    expect(parsed.subject).toBe('[gb] Grüße aus London — a rather long subject line that has to be folded somewhere');
  });

  it('cannot be made to inject a header', () => {
    expect(unstructuredField('Subject', 'a\r\nBcc: x@y.org')).toBe('Subject: a Bcc: x@y.org');
    expect(addressField('From', [{ name: 'a\r\nBcc: x', address: 'a@b.org' }])).toBe('From: "a Bcc: x" <a@b.org>');
  });

  it('parses mailbox lists', () => {
    expect(parseMailboxes('"A, B" <a@x.org>, c@y.org')).toEqual([{ name: 'A, B', address: 'a@x.org' }, { address: 'c@y.org' }]);
    expect(parseMailboxes('')).toEqual([]);
  });
});
