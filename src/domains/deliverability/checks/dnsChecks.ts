import { Resolver } from 'node:dns/promises';
import type { Context } from '../../../shared/context.ts';
import { pass, type Check } from '../check.ts';
import type { DnsRecord } from '../dnsRecords.ts';

/** DNS as the world answers it, through DNS_SERVERS when set: `tacit doctor` asks it like any receiver would. */
export function doctorResolver(ctx: Context): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (ctx.config.auth.dnsServers.length) resolver.setServers(ctx.config.auth.dnsServers);
  return resolver;
}

const notFound = (err: unknown) => ['ENOTFOUND', 'ENODATA'].includes((err as NodeJS.ErrnoException).code ?? '');

async function txt(resolver: Resolver, name: string): Promise<string[] | Error> {
  try {
    return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  } catch (err) {
    return notFound(err) ? [] : (err as Error);
  }
}

/** The tags of a DKIM/DMARC record, names lower-cased, spaces inside values dropped (p= may be split). */
function tags(value: string): Map<string, string> {
  return new Map(
    value.split(';').map((part) => part.split('=')).filter((kv) => kv.length >= 2)
      .map(([k, ...v]) => [k!.trim().toLowerCase(), v.join('=').replace(/\s+/g, '')] as [string, string]),
  );
}

/** DNS did not answer (timeout, SERVFAIL): the record is not known to be missing, but receivers cannot read it either. */
const dnsFailure = (name: string, r: DnsRecord, err: Error): Check =>
  ({ name, status: 'fail', expected: r.value, obtained: `DNS error: ${err.message}`, fix: 'check DNS_SERVERS and the zone\'s servers' });

const publish = (r: DnsRecord) => `publish ${r.name} ${r.type} "${r.value}" (tacit dns prints it)`;

async function checkDkim(resolver: Resolver, r: DnsRecord): Promise<Check> {
  const name = `dkim ${r.name}`;
  const found = await txt(resolver, r.name);
  if (found instanceof Error) return dnsFailure(name, r, found);
  const records = found.filter((v) => /^\s*v\s*=\s*DKIM1/i.test(v) || /\bp=/.test(v));
  if (!records.length) return { name, status: 'fail', expected: r.value, obtained: 'no DKIM record', fix: publish(r) };
  const want = tags(r.value);
  const got = tags(records[0]!);
  if (records.length > 1) return { name, status: 'fail', expected: r.value, obtained: `${records.length} records`, fix: `keep only: ${publish(r)}` };
  if (got.get('p') !== want.get('p') || (got.get('k') ?? 'rsa') !== want.get('k')) {
    return { name, status: 'fail', expected: r.value, obtained: records[0]!, fix: `the published key is not the one Tacit signs with: ${publish(r)}` };
  }
  return pass(name, r.value, records[0]!);
}

async function checkSpf(resolver: Resolver, r: DnsRecord): Promise<Check> {
  const name = `spf ${r.name}`;
  const found = await txt(resolver, r.name);
  if (found instanceof Error) return dnsFailure(name, r, found);
  const spf = found.filter((v) => /^v=spf1(\s|$)/i.test(v));
  if (!spf.length) return { name, status: 'fail', expected: r.value, obtained: 'no SPF record', fix: publish(r) };
  if (spf.length > 1) return { name, status: 'fail', expected: 'one SPF record', obtained: spf.join(' | '), fix: `two SPF records are a permanent error: merge them into one, such as "${r.value}"` };
  if (/[+?]all\b/i.test(spf[0]!) || !/all\b/i.test(spf[0]!)) {
    return { name, status: 'warn', expected: r.value, obtained: spf[0]!, fix: 'end the record with ~all or -all, so that others cannot send as this domain' };
  }
  return pass(name, r.value, spf[0]!);
}

async function checkDmarc(resolver: Resolver, r: DnsRecord): Promise<Check> {
  const name = `dmarc ${r.name}`;
  const found = await txt(resolver, r.name);
  if (found instanceof Error) return dnsFailure(name, r, found);
  const dmarc = found.filter((v) => /^v=DMARC1/i.test(v));
  if (dmarc.length !== 1) {
    return { name, status: 'fail', expected: r.value, obtained: dmarc.length ? `${dmarc.length} records` : 'no DMARC record', fix: publish(r) };
  }
  const policy = tags(dmarc[0]!).get('p');
  if (!['none', 'quarantine', 'reject'].includes(policy ?? '')) {
    return { name, status: 'fail', expected: r.value, obtained: dmarc[0]!, fix: `the record needs p=none, p=quarantine or p=reject: ${publish(r)}` };
  }
  return pass(name, r.value, dmarc[0]!);
}

async function checkMx(resolver: Resolver, r: DnsRecord): Promise<Check> {
  const name = `mx ${r.name}`;
  const host = r.value.split(/\s+/)[1]!;
  let found: { exchange: string; priority: number }[];
  try {
    found = await resolver.resolveMx(r.name);
  } catch (err) {
    if (!notFound(err)) return dnsFailure(name, r, err as Error);
    found = [];
  }
  const obtained = found.map((m) => `${m.priority} ${m.exchange}`).join(', ') || 'no MX record';
  if (!found.some((m) => m.exchange.toLowerCase().replace(/\.$/, '') === host)) {
    return { name, status: 'fail', expected: r.value, obtained, fix: `${publish(r)}; without it replies and bounces do not reach Tacit` };
  }
  return pass(name, r.value, obtained);
}

/** Each record `tacit dns` prints, as DNS answers it. */
export function checkRecords(resolver: Resolver, records: DnsRecord[]): Promise<Check[]> {
  const by = { dkim: checkDkim, spf: checkSpf, dmarc: checkDmarc, mx: checkMx };
  return Promise.all(records.map((r) => by[r.purpose](resolver, r)));
}
