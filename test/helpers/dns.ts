import { generateKeyPairSync } from 'node:crypto';
import type { DNSResolver } from 'mailauth';

/**
 * DNS for sender authentication in tests: answers only from a zone the test
 * writes, so mailauth never reaches the network; every other name is
 * ENOTFOUND, as an unknown name is.
 */
export class TestDns {
  private readonly records = new Map<string, string[][] | string[]>();

  set(name: string, rrtype: string, answer: string[][] | string[]): this {
    this.records.set(`${name.toLowerCase()}:${rrtype}`, answer);
    return this;
  }

  txt(name: string, value: string): this {
    return this.set(name, 'TXT', [[value]]);
  }

  readonly resolver: DNSResolver = async (name, rrtype) => {
    const answer = this.records.get(`${name.toLowerCase()}:${rrtype}`);
    if (answer) return answer;
    throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

/** A DKIM key pair for one domain and selector: the private key for nodemailer's `dkim` option, the record for the zone. */
export function dkimKey(domainName: string, keySelector = 'test') {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    /** Pass as `dkim` in a nodemailer message to sign it. */
    dkim: { domainName, keySelector, privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    publish(dns: TestDns): void {
      dns.txt(`${keySelector}._domainkey.${domainName}`, `v=DKIM1; k=rsa; p=${p}`);
    },
  };
}

/** A DNS zone in which `domainName` publishes a DKIM key, and that key: mail signed with it passes DKIM and DMARC alignment. */
export function signingDomain(domainName = 'example.org') {
  const dns = new TestDns();
  const key = dkimKey(domainName);
  key.publish(dns);
  return { dns, dkim: key.dkim };
}
