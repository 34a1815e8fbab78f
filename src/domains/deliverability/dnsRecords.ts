import { isIP } from 'node:net';
import type { Context } from '../../shared/context.ts';
import { publishedKeys } from '../../pipeline/outbound/sign/dkimKeys.ts';

/**
 * The records the operator publishes for D (`tacit dns`): the DKIM key(s)
 * Tacit signs with, an SPF suggestion, a DMARC record and the MX of the
 * ingest. `name` fully qualified without the trailing dot, a TXT value as one
 * unquoted string, an MX value as "10 host".
 */
export interface DnsRecord {
  name: string;
  type: 'TXT' | 'MX';
  value: string;
  purpose: 'dkim' | 'spf' | 'dmarc' | 'mx';
}

/** The relay's host name when OUTBOUND is an SMTP relay that is not this machine (its address then sends as D). */
export function relayHost(ctx: Context): string | null {
  if (ctx.config.outbound.kind !== 'smtp') return null;
  const host = new URL(ctx.config.outbound.url).hostname.replace(/^\[|\]$/g, '');
  return /^(localhost|127\.|::1$)/i.test(host) ? null : host;
}

export function spfValue(ctx: Context): string {
  const host = relayHost(ctx);
  const relay = !host ? '' : isIP(host) === 4 ? ` ip4:${host}` : isIP(host) === 6 ? ` ip6:${host}` : ` a:${host}`;
  // ~all, not -all: a forwarder that breaks SPF should leave the verdict to DKIM and DMARC.
  return `v=spf1 mx${relay} ~all`;
}

/** p=none first: reports without refusals while the operator checks that every mail passes; then quarantine. */
export function dmarcValue(ctx: Context): string {
  return `v=DMARC1; p=none; adkim=r; aspf=r; rua=mailto:postmaster@${ctx.config.domain}`;
}

export async function dnsRecords(ctx: Context): Promise<DnsRecord[]> {
  const domain = ctx.config.domain;
  const keys = ctx.config.dkim.enabled ? await publishedKeys(ctx) : [];
  return [
    ...keys.map((k) => ({
      name: `${k.selector}._domainkey.${domain}`,
      type: 'TXT' as const,
      value: `v=DKIM1; k=${k.algorithm}; p=${k.publicKey}`,
      purpose: 'dkim' as const,
    })),
    { name: domain, type: 'TXT', value: spfValue(ctx), purpose: 'spf' },
    { name: `_dmarc.${domain}`, type: 'TXT', value: dmarcValue(ctx), purpose: 'dmarc' },
    { name: domain, type: 'MX', value: `10 ${domain}`, purpose: 'mx' },
  ];
}

/** For people: one zone-file line a record, TXT values quoted and split into 255-byte strings. */
export function formatZone(records: DnsRecord[]): string {
  return records
    .map((r) => {
      const value = r.type === 'TXT' ? (r.value.match(/.{1,255}/g) ?? ['']).map((s) => `"${s}"`).join(' ') : `${r.value}.`;
      return `${r.name}.\t${r.type}\t${value}\t; ${r.purpose}`;
    })
    .join('\n');
}
