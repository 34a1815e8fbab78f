import { generateKeyPairSync } from 'node:crypto';
import dgram from 'node:dgram';
import * as dnsPacket from 'dns-packet';
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

  /** Forgets every record (a test that republishes its zone). */
  clear(): this {
    this.records.clear();
    return this;
  }

  /** Names whose lookups fail (SERVFAIL), as an unreachable or broken name server makes them. */
  readonly failing = new Set<string>();

  /**
   * Answers this zone over UDP on loopback, for a Tacit that resolves as in
   * production (DNS_SERVERS=<address>): NXDOMAIN for names not in the zone,
   * SERVFAIL for the failing ones. Every query is counted in `asked`.
   */
  async serve(): Promise<{ address: string; asked: string[]; close(): Promise<void> }> {
    const socket = dgram.createSocket('udp4');
    const asked: string[] = [];
    socket.on('message', (message, peer) => {
      let query: dnsPacket.Packet;
      try {
        query = dnsPacket.decode(message);
      } catch {
        return; // not DNS: no answer, as a real server would not give one
      }
      const question = query.questions?.[0];
      if (!question) return;
      const name = question.name.toLowerCase();
      asked.push(`${name} ${question.type}`);
      const names = [...this.records.keys()].map((k) => k.slice(0, k.lastIndexOf(':')));
      const answer = this.records.get(`${name}:${question.type}`);
      const rcode = this.failing.has(name) ? 2 : answer || names.includes(name) ? 0 : 3; // SERVFAIL, NOERROR, NXDOMAIN
      const answers = (rcode === 0 && answer ? answer : []).map((data) => ({
        type: question.type, name: question.name, ttl: 60, class: 'IN', data: question.type === 'TXT' ? characterStrings(data as string[]) : data,
      })) as dnsPacket.Answer[];
      const reply = dnsPacket.encode({
        type: 'response', id: query.id, flags: dnsPacket.AUTHORITATIVE_ANSWER | dnsPacket.RECURSION_DESIRED | rcode,
        questions: [question], answers,
      });
      socket.send(reply, peer.port, peer.address);
    });
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return {
      address: `127.0.0.1:${socket.address().port}`,
      asked,
      close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
    };
  }

  readonly resolver: DNSResolver = async (name, rrtype) => {
    if (this.failing.has(name.toLowerCase())) throw Object.assign(new Error(`query${rrtype} ESERVFAIL ${name}`), { code: 'ESERVFAIL' });
    const answer = this.records.get(`${name.toLowerCase()}:${rrtype}`);
    if (answer) return answer;
    throw Object.assign(new Error(`query${rrtype} ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

/** A TXT record's strings cut into DNS character-strings of at most 255 octets (a DKIM key is longer). */
function characterStrings(chunks: string[]): string[] {
  return chunks.flatMap((chunk) => chunk.match(/[\s\S]{1,255}/g) ?? ['']);
}

/** A DKIM key pair for one domain and selector: the private key for nodemailer's `dkim` option (or signDkim), the record for the zone. */
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
