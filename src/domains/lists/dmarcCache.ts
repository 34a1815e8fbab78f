import type { DNSResolver } from 'mailauth';
import type { Context } from '../../shared/context.ts';
import { makeDnsDmarcPolicy, type DmarcPolicy, type DmarcPolicyLookup } from '../../shared/rules/dmarc.ts';
import { dnsResolver, isNoRecord } from '../../shared/services/dnsResolver.ts';

/**
 * DNS DMARC lookups remembered for an hour: one post to a list is composed
 * once per recipient, and many posts come from the same few providers. Only
 * answers are remembered; a failed lookup is forgotten at once, so the copy
 * that needed it fails, is retried by the outbox, and asks again.
 */
const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
// Per resolver: DNS_SERVERS (or a test's own resolver) decides what the answers are.
const caches = new WeakMap<DNSResolver, Map<string, { policy: Promise<DmarcPolicy | null>; at: number }>>();

/** The DMARC policy lookup of this process, over the same DNS as sender authentication (DNS_SERVERS). */
export function dmarcPolicyLookup(ctx: Context): DmarcPolicyLookup {
  const resolver = dnsResolver(ctx.config.auth.dnsServers, ctx.resolver);
  let cache = caches.get(resolver);
  if (!cache) caches.set(resolver, (cache = new Map()));
  const lookup = makeDnsDmarcPolicy((name) => resolver(name, 'TXT') as Promise<string[][]>, isNoRecord);
  return (domain) => {
    const key = domain.toLowerCase();
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.policy;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    const policy = lookup(key);
    cache.set(key, { policy, at: Date.now() });
    policy.catch(() => {
      if (cache.get(key)?.policy === policy) cache.delete(key);
    });
    return policy;
  };
}
