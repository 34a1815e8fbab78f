import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { tacit } from '../helpers/cli.ts';
import { startLoopbackDns, type LoopbackDns, type ZoneRecord } from '../helpers/dnsServer.ts';

/**
 * `tacit doctor` against a zone served by a DNS server on loopback
 * (DNS_SERVERS): it passes when the zone carries what `tacit dns` printed,
 * and names each record that is missing or wrong, with the fix.
 */
type Check = { name: string; status: string; expected: string; obtained: string; fix: string };
type Report = { ok: boolean; checks: Check[] };

let h: Harness;
let dns: LoopbackDns;
let published: ZoneRecord[];

beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
  const printed = JSON.parse((await tacit(h, ['dns', '--json'])).stdout) as { records: (ZoneRecord & { purpose: string })[] };
  published = printed.records.map(({ name, type, value }) => ({ name, type, value }));
  // The MX host needs an address, as it would in a real zone.
  dns = await startLoopbackDns([...published, { name: h.domain, type: 'A', value: '192.0.2.10' }]);
}, 60_000);
afterAll(async () => {
  await dns?.close();
  await h?.close();
});

async function doctor(records: ZoneRecord[]): Promise<{ code: number; report: Report }> {
  dns.records = records;
  const { code, stdout } = await tacit(h, ['doctor', '--json'], { env: { DNS_SERVERS: dns.server }, allowFailure: true });
  return { code, report: JSON.parse(stdout) as Report };
}

const named = (report: Report, name: string) => report.checks.find((c) => c.name === name)!;
const without = (purpose: string) => published.filter((r) => !(purpose === 'dkim' ? r.name.includes('._domainkey.') : r.name === recordName(purpose) && r.type === recordType(purpose)));
const recordName = (purpose: string) => (purpose === 'dmarc' ? `_dmarc.${h.domain}` : h.domain);
const recordType = (purpose: string) => (purpose === 'mx' ? 'MX' : 'TXT');

describe('tacit doctor', () => {
  it('passes against a correctly published zone; one-click off is a warning; what it cannot see is not-checked', async () => {
    const { code, report } = await doctor([...published, { name: h.domain, type: 'A', value: '192.0.2.10' }]);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
    expect(named(report, `dkim tacit._domainkey.${h.domain}`).status).toBe('pass');
    for (const n of [`spf ${h.domain}`, `dmarc _dmarc.${h.domain}`, `mx ${h.domain}`, 'dkim sign-then-verify', 'redis noeviction', 'disk', 'outbound queue', 'dmarc/policy rejections']) {
      expect(named(report, n).status, n).toBe('pass');
    }
    expect(named(report, 'one-click unsubscribe')).toMatchObject({ status: 'warn', obtained: expect.stringContaining('one-click is off') });
    for (const n of ['relay reverse DNS', 'helo name', 'relay STARTTLS', 'complaint rate', 'reputation']) expect(named(report, n).status, n).toBe('not-checked');
    for (const c of report.checks) expect(Object.keys(c).sort()).toEqual(['expected', 'fix', 'name', 'obtained', 'status']);
  });

  it.each(['dkim', 'spf', 'dmarc', 'mx'])('names a missing %s record, with the record to publish', async (purpose) => {
    const { code, report } = await doctor(without(purpose));
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => c.status === 'fail');
    const own = failed.find((c) => c.name.startsWith(`${purpose} `) && c.name !== 'dkim sign-then-verify')!;
    expect(own, JSON.stringify(failed)).toBeDefined();
    const record = published.find((r) => (purpose === 'dkim' ? r.name.includes('._domainkey.') : r.name === recordName(purpose) && r.type === recordType(purpose)))!;
    expect(own.fix).toContain(`publish ${record.name} ${record.type} "${record.value}"`);
    // Only that record (and, for DKIM, the signature that needs it) fails.
    expect(failed.map((c) => c.name).sort()).toEqual(purpose === 'dkim' ? ['dkim sign-then-verify', own.name].sort() : [own.name]);
  });

  it('names a DKIM record that carries another key, and the signature that no longer verifies', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const zone = published.map((r) => (r.name.includes('._domainkey.') ? { ...r, value: `v=DKIM1; k=rsa; p=${other}` } : r));
    const { report } = await doctor(zone);
    expect(named(report, `dkim tacit._domainkey.${h.domain}`)).toMatchObject({ status: 'fail', fix: expect.stringContaining('not the one Tacit signs with') });
    expect(named(report, 'dkim sign-then-verify').status).toBe('fail');
  });

  it('names an MX that points elsewhere, two SPF records, and a DMARC record without a policy', async () => {
    const zone = published.map((r) => {
      if (r.type === 'MX') return { ...r, value: '10 mail.elsewhere.test' };
      if (r.name === `_dmarc.${h.domain}`) return { ...r, value: 'v=DMARC1; rua=mailto:x@example.org' };
      return r;
    });
    zone.push({ name: h.domain, type: 'TXT', value: 'v=spf1 include:other.test -all' });
    const { report } = await doctor(zone);
    expect(named(report, `mx ${h.domain}`)).toMatchObject({ status: 'fail', obtained: '10 mail.elsewhere.test' });
    expect(named(report, `spf ${h.domain}`)).toMatchObject({ status: 'fail', fix: expect.stringContaining('merge them into one') });
    expect(named(report, `dmarc _dmarc.${h.domain}`)).toMatchObject({ status: 'fail', fix: expect.stringContaining('p=none') });
  });
});
