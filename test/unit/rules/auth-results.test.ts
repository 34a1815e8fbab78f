import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults, readTrustedAuthResults } from '../../../src/shared/rules/authResults.ts';

describe('Authentication-Results of a trusted MX', () => {
  const gmailLike =
    'mx.example.net; dkim=pass header.i=@example.org header.s=s1 header.b=abc; ' +
    'spf=pass (mx.example.net: domain of a@example.org designates 192.0.2.1 as permitted sender; x=y) smtp.mailfrom=a@example.org; ' +
    'dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.org; arc=none';

  it('reads the results of the header with the configured authserv-id', () => {
    const auth = readTrustedAuthResults([gmailLike], 'mx.example.net');
    expect(auth).toEqual({
      authservId: 'mx.example.net',
      source: 'trusted-mx',
      spf: { result: 'pass', domain: 'example.org' },
      // header.b names the signature the verdict is about (Tacit reads its l= and h= itself).
      dkim: [{ result: 'pass', domain: 'example.org', b: 'abc' }],
      dmarc: { result: 'pass', domain: 'example.org', policy: 'reject' },
      arc: { result: 'none' },
    });
  });

  it('ignores headers of any other authserv-id (a sender can write those)', () => {
    const forged = 'evil.example; dkim=pass header.d=example.org; dmarc=pass header.from=example.org';
    const auth = readTrustedAuthResults([forged], 'mx.example.net');
    expect(auth.dkim).toEqual([]);
    expect(auth.dmarc.result).toBe('none');
  });

  it('takes the topmost header of the MX, not one the sender put below it', () => {
    const mx = 'mx.example.net; dkim=none; dmarc=fail (p=QUARANTINE) header.from=example.org';
    const forged = 'mx.example.net; dkim=pass header.d=example.org; dmarc=pass header.from=example.org';
    const auth = readTrustedAuthResults([mx, forged], 'MX.example.net');
    expect(auth.dmarc).toEqual({ result: 'fail', domain: 'example.org', policy: 'quarantine' });
  });

  const table: [string, string | null, number][] = [
    ['mx.example.net 1; none', 'mx.example.net', 0],
    ['mx.example.net; dkim=pass (good; signature) header.d=a.org; spf=fail smtp.mailfrom=b.org', 'mx.example.net', 2],
    ['mx.example.net; dmarc=fail policy.dmarc=reject header.from="example.org"', 'mx.example.net', 1],
    ['', null, 0],
  ];
  it.each(table)('parses %j', (value, id, count) => {
    const parsed = parseAuthenticationResults(value);
    expect(parsed?.authservId ?? null).toBe(id);
    expect(parsed?.results.length ?? 0).toBe(count);
  });
});
