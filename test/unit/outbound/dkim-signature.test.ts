import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { publicKeyValue, type SigningKey } from '../../../src/pipeline/outbound/sign/dkimKeys.ts';
import { dkimSignatures } from '../../../src/pipeline/outbound/sign/dkimSignature.ts';
import { independentVerify } from '../../helpers/independentVerifier.ts';
import { TestDns } from '../../helpers/dns.ts';

/**
 * Tacit's DKIM signer (relaxed/relaxed, RSA and Ed25519) as two verifiers
 * that share no code with it read its signatures: python3-dkim and mailauth.
 */
function key(algorithm: 'rsa' | 'ed25519', selector: string): SigningKey & { record: string } {
  const { privateKey } = algorithm === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  return {
    selector, algorithm, state: 'active', publicKey: publicKeyValue(privateKey),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    record: `v=DKIM1; k=${algorithm}; p=${publicKeyValue(privateKey)}`,
  };
}
const rsa = key('rsa', 'tacit');
const ed = key('ed25519', 'tacit-ed');
const zone = { [`tacit._domainkey.tacit.test`]: rsa.record, [`tacit-ed._domainkey.tacit.test`]: ed.record };
const dns = new TestDns();
for (const [name, value] of Object.entries(zone)) dns.txt(name, value);

const messages: [string, string][] = [
  ['a plain message', 'From: "Tacit" <request@tacit.test>\r\nTo: m1@example.org\r\nSubject: Hello\r\nDate: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <tacit-1@tacit.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nA line.\r\n'],
  ['folded fields, runs of spaces, a field twice, an unsigned field, trailing blank lines and spaces',
    'From: request@tacit.test\r\nTo: "A  long\tname"\r\n <m2@example.org>\r\nSubject:   Spaced   out  \r\nX-Other: not signed\r\nReceived: one\r\nReceived: two\r\nList-Unsubscribe:\r\n <https://tacit.example.org/unsubscribe/' + 'a'.repeat(70) + '>,\r\n <mailto:leave@tacit.test>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\nAuto-Submitted: auto-generated\r\nDate: Sun, 06 Dec 2026 12:00:00 +0000\r\nMessage-ID: <tacit-2@tacit.test>\r\n\r\nLine  with\t tabs \r\n\r\n  indented\r\n\r\n\r\n'],
  ['an empty body', 'From: request@tacit.test\r\nTo: m3@example.org\r\nSubject: empty\r\n\r\n'],
  ['8-bit bytes in a header and the body', 'From: request@tacit.test\r\nTo: Zoë <m4@example.org>\r\nSubject: Łódź\r\n\r\nŁódź, Zürich\r\n'],
];

describe('dkimSignatures', () => {
  it.each(messages)('%s: verified by python3-dkim and mailauth, and not once a body byte changes', async (_, text) => {
    const message = Buffer.from(text, 'utf8');
    const signatures = await dkimSignatures('tacit.test', [rsa, ed], message);
    for (const line of signatures.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    const signed = Buffer.concat([Buffer.from(signatures, 'latin1'), message]);
    expect(independentVerify(signed, zone).dkim.map((s) => [s.d, s.s, s.a, s.ok])).toEqual([
      ['tacit.test', 'tacit', 'rsa-sha256', true],
      ['tacit.test', 'tacit-ed', 'ed25519-sha256', true],
    ]);
    const verdict = await dkimVerify(signed, { resolver: dns.resolver });
    expect(verdict.results.map((r) => (r as { status: { result: string } }).status.result)).toEqual(['pass', 'pass']);

    const at = signed.indexOf('\r\n\r\n') + 4;
    const changed = Buffer.concat([signed.subarray(0, at), Buffer.from('X'), signed.subarray(at)]);
    expect(independentVerify(changed, zone).dkim.map((s) => s.ok)).toEqual([false, false]);
  });

  it('covers the fields that say who may unsubscribe, and each instance of a signed field', async () => {
    const message = Buffer.from(messages[1]![1], 'utf8');
    const header = (await dkimSignatures('tacit.test', [rsa], message)).replace(/\r\n[ \t]/g, ' ');
    const h = /\bh=([^;]+);/.exec(header)![1]!.replace(/\s+/g, '').split(':');
    expect(h).toEqual(['message-id', 'date', 'auto-submitted', 'list-unsubscribe-post', 'list-unsubscribe', 'subject', 'to', 'from']);
  });
});
