import { describe, expect, it } from 'vitest';
import { attachmentDisposition, servedAs, textCharset } from '../../../src/http/rules/attachment.ts';

describe('servedAs: the type an attachment is served under', () => {
  it.each<[string | undefined, string, boolean]>([
    ['application/pdf', 'application/pdf', false],
    ['IMAGE/PNG', 'image/png', false],
    ['image/jpeg; name="a.jpg"', 'image/jpeg', false],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', false],
    ['application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.text', false],
    ['text/plain; charset=iso-8859-1', 'text/plain; charset=utf-8', true],
    ['text/csv', 'text/plain; charset=utf-8', true],
    ['message/rfc822', 'text/plain; charset=utf-8', true],
    ['text/html', 'application/octet-stream', false],
    ['application/xhtml+xml', 'application/octet-stream', false],
    ['image/svg+xml', 'application/octet-stream', false],
    ['text/xml', 'application/octet-stream', false],
    ['application/javascript', 'application/octet-stream', false],
    ['application/vnd.oasis.opendocument.text"<x>', 'application/octet-stream', false],
    ['', 'application/octet-stream', false],
    [undefined, 'application/octet-stream', false],
  ])('%j → %s (text: %s)', (declared, type, text) => {
    expect(servedAs(declared)).toEqual({ type, text });
  });
});

describe('textCharset', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'utf-8'],
    ['UTF-8', 'utf-8'],
    ['iso-8859-1', 'windows-1252'],
    ['koi8-r', 'koi8-r'],
    ['no-such-charset', 'utf-8'],
  ])('%j → %s', (label, expected) => {
    expect(textCharset(label)).toBe(expected);
  });
});

describe('attachmentDisposition', () => {
  it.each<[string | undefined, string]>([
    ['agenda.pdf', `attachment; filename="agenda.pdf"; filename*=UTF-8''agenda.pdf`],
    ['Café "plan".pdf', `attachment; filename="Caf_ _plan_.pdf"; filename*=UTF-8''Caf%C3%A9%20%22plan%22.pdf`],
    ['a\r\nSet-Cookie: x=1.txt', `attachment; filename="a_Set-Cookie: x=1.txt"; filename*=UTF-8''a_Set-Cookie%3A%20x%3D1.txt`],
    ['../../etc/passwd', `attachment; filename=".._.._etc_passwd"; filename*=UTF-8''.._.._etc_passwd`],
    ["it's (1)*.txt", `attachment; filename="it's (1)*.txt"; filename*=UTF-8''it%27s%20%281%29%2A.txt`],
    ['', `attachment; filename="attachment"; filename*=UTF-8''attachment`],
    [undefined, `attachment; filename="attachment"; filename*=UTF-8''attachment`],
  ])('%j', (name, expected) => {
    expect(attachmentDisposition(name)).toBe(expected);
  });
});
