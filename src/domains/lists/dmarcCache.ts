import { Resolver } from 'node:dns/promises';
import { makeDnsDmarcPolicy, type DmarcPolicy, type DmarcPolicyLookup } from '../../shared/rules/dmarc.ts';

let dnsDmarcPolicy: DmarcPolicyLookup | undefined;

/** The DNS lookup, made on first use so that loading this module does no I/O. */
function dnsPolicy(domain: string): Promise<DmarcPolicy | null> {
  if (!dnsDmarcPolicy) {
    // A short timeout: this runs while a post is being distributed.
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    dnsDmarcPolicy = makeDnsDmarcPolicy((name) => resolver.resolveTxt(name));
  }
  return dnsDmarcPolicy(domain);
}

/**
 * DNS DMARC lookups remembered for an hour: one post to a list is composed
 * once per recipient, and many posts come from the same few providers.
 */
const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { policy: Promise<DmarcPolicy | null>; at: number }>();

export const cachedDmarcPolicy: DmarcPolicyLookup = (domain) => {
  const key = domain.toLowerCase();
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.policy;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  const policy = dnsPolicy(key).catch(() => null);
  cache.set(key, { policy, at: Date.now() });
  return policy;
};
