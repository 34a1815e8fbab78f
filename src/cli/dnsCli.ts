import type { Command } from 'commander';
import { dnsRecords, formatZone } from '../domains/deliverability/dnsRecords.ts';
import { documentCommand } from './withRuntime.ts';

/** `tacit dns [--json]`: what to publish for D, with the DKIM key Tacit signs with. */
export function registerDnsCommand(program: Command): void {
  documentCommand(program, 'dns', 'the DNS records to publish for the domain (DKIM key, SPF, DMARC, MX)', async (ctx) => {
    const records = await dnsRecords(ctx);
    return { value: { records }, human: () => formatZone(records) };
  });
}
