import type { Command } from 'commander';
import { documentCommand } from './withRuntime.ts';

/** `tacit dns [--json]`: what to publish for D, with the DKIM key Tacit signs with. */
export function registerDnsCommand(program: Command): void {
  documentCommand(program, 'dns', 'the DNS records to publish for the domain (DKIM key, SPF, DMARC, MX)', async (ctx) => {
    const { dnsRecords, formatZone } = await import('../domains/deliverability/dnsRecords.ts');
    const records = await dnsRecords(ctx);
    return { value: { records }, human: () => formatZone(records) };
  });
}
