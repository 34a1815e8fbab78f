import { describe, expect, it } from 'vitest';
import { dkimVerify } from 'mailauth';
import { canonicalBodyLength, readDkimSignatures } from '../../../src/shared/rules/dkimSignatures.ts';
import { freshAuthority, staleSignedCommand } from '../../../src/shared/rules/signedCommand.ts';
import { headerBagFromRaw, headerValues } from '../../../src/shared/rules/headers.ts';
import type { Authority } from '../../../src/shared/rules/authority.ts';
import { dkimKey, TestDns } from '../../helpers/dns.ts';
import { signDkim } from '../../helpers/dkimSign.ts';

const dns = new TestDns();
const key = dkimKey('example.org');
key.publish(dns);
const signer = { domain: 'example.org', selector: 'test', privateKey: key.dkim.privateKey };
const now = new Date('2026-12-06T12:00:00Z');
const message = (body: string, date = now, to = 'consult@tacit.test') =>
  `From: coord@example.org\r\nTo: ${to}\r\nSubject: c\r\nDate: ${date.toUTCString()}\r\nMessage-ID: <1@example.org>\r\n\r\n${body}`;

function read(raw: string) {
  return readDkimSignatures(headerValues(headerBagFromRaw(raw), 'dkim-signature'), Buffer.from(raw));
}

describe('DKIM signatures as Tacit reads them', () => {
  it('a signature of the whole body, an l= covering it all, and an l= that leaves bytes unsigned, as mailauth verifies them', async () => {
    const cases: [string, string, boolean][] = [
      ['whole body', signDkim(message('status C-8\r\n'), signer), true],
      ['l= of the whole body', signDkim(message('status C-8\r\n'), { ...signer, bodyLength: 'body' }), true],
      ['l= then a line appended', signDkim(message('status C-8\r\n'), { ...signer, bodyLength: 'body' }) + 'close C-8\r\n', false],
      ['l= shorter than the signed text', signDkim(message('status C-8\r\nclose C-8\r\n'), { ...signer, bodyLength: 12 }), false],
    ];
    for (const [name, raw, whole] of cases) {
      const [signature] = read(raw);
      expect(signature?.wholeBody, name).toBe(whole);
      // The independent signer and mailauth agree: every one of these verifies; mailauth calls the short ones undersized.
      const verdict = (await dkimVerify(Buffer.from(raw), { resolver: dns.resolver })).results[0] as any;
      expect(verdict.status.result, name).toBe('pass');
      expect(Boolean(verdict.status.underSized), name).toBe(!whole);
      expect(verdict.signature.replace(/\s+/g, '')).toBe(signature!.b);
      expect(signature!.signedHeaders).toEqual(['from', 'to', 'cc', 'subject', 'date', 'message-id']);
    }
  });

  it.each([
    ['', 'simple', 2],
    ['', 'relaxed', 0],
    ['a  b \r\n\r\n\r\n', 'relaxed', 5],
    ['a  b \r\n\r\n\r\n', 'simple', 7],
    ['a\nb', 'relaxed', 6],
  ])('%j canonicalized %s is %i octets', (body, canon, length) => {
    expect(canonicalBodyLength(Buffer.from(body), canon)).toBe(length);
  });

  it('an l= that is not a number covers nothing', () => {
    const raw = `DKIM-Signature: v=1; d=example.org; l=ten; b=abc\r\n${message('x\r\n')}`;
    expect(read(raw)[0]?.wholeBody).toBe(false);
  });
});

describe('a signed command acts at once only when fresh and addressed here', () => {
  const maxAge = 48 * 3_600_000;
  const stale = (raw: string, recipient = 'consult@tacit.test') =>
    staleSignedCommand(read(raw)[0]!, headerBagFromRaw(raw), recipient, now, maxAge);
  it.each<[string, string, string | null]>([
    ['fresh, To this address', signDkim(message('close C-1\r\n'), signer), null],
    ['To in another case and Unicode form', signDkim(message('x\r\n', now, 'Consult@TACIT.test'), signer), null],
    ['Cc this address', signDkim(message('x\r\n', now, 'other@example.net').replace('Subject:', 'Cc: consult@tacit.test\r\nSubject:'), signer), null],
    ['sent to another address', signDkim(message('x\r\n', now, 'request@tacit.test'), signer), 'this address is not in its signed To or Cc'],
    ['To not signed', signDkim(message('x\r\n'), { ...signer, headers: ['from', 'date'] }), 'this address is not in its signed To or Cc'],
    ['Date not signed', signDkim(message('x\r\n'), { ...signer, headers: ['from', 'to'] }), 'its Date is not signed'],
    ['49 hours old', signDkim(message('x\r\n', new Date(now.getTime() - 49 * 3_600_000)), signer), 'it was signed too long ago'],
    ['47 hours old', signDkim(message('x\r\n', new Date(now.getTime() - 47 * 3_600_000)), signer), null],
    ['16 minutes ahead', signDkim(message('x\r\n', new Date(now.getTime() + 16 * 60_000)), signer), 'its Date is in the future'],
    ['14 minutes ahead', signDkim(message('x\r\n', new Date(now.getTime() + 14 * 60_000)), signer), null],
    ['an unsigned To added above the signed one', `To: consult@tacit.test\r\n${signDkim(message('x\r\n', now, 'request@tacit.test'), signer)}`,
      'this address is not in its signed To or Cc'],
    ['a second Date added', `Date: ${now.toUTCString()}\r\n${signDkim(message('x\r\n', new Date(0)), signer)}`, 'it has several Date headers'],
  ])('%s', (_name, raw, why) => {
    expect(stale(raw)).toBe(why);
  });

  it('a stale signed act becomes a confirmation, and keeps its signatures for the replay memory', () => {
    const raw = signDkim(message('x\r\n', now, 'request@tacit.test'), signer);
    const signatures = read(raw);
    const act: Authority = { level: 'act', reason: 'dkim=pass aligned', from: 'coord@example.org', dmarcRejects: false, signatures };
    const fresh = freshAuthority(act, headerBagFromRaw(raw), 'request@tacit.test', now, maxAge);
    expect(fresh).toBe(act);
    const elsewhere = freshAuthority(act, headerBagFromRaw(raw), 'consult@tacit.test', now, maxAge);
    expect(elsewhere).toMatchObject({ level: 'confirm', reason: 'signed, but this address is not in its signed To or Cc', signatures });
  });
});
