import { Resolver } from 'node:dns/promises';
import type { DNSResolver } from 'mailauth';

// Built on first use (never at load time); DNS_SERVERS picks the servers.
const resolvers = new Map<string, DNSResolver>();
const CACHE_MS = 5 * 60_000;
const CACHE_MAX = 10_000;

/** "No such name" and "no such record" are answers; anything else (a timeout, SERVFAIL, a refusal) is a failure to try again. */
export function isNoRecord(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOTFOUND' || code === 'ENODATA';
}

/**
 * The one DNS resolver of sender authentication and DMARC policy lookups:
 * `injected` when a test gives one, else Node's resolver on `dnsServers`
 * (the system's when empty), with answers remembered for five minutes.
 * Members write from a few providers: their SPF, DKIM and DMARC records
 * are asked for again and again. Failures are not remembered.
 */
export function dnsResolver(dnsServers: string[], injected?: DNSResolver): DNSResolver {
  if (injected) return injected;
  const key = dnsServers.join(',');
  let cached = resolvers.get(key);
  if (!cached) {
    const resolver = new Resolver({ timeout: 3000, tries: 2 });
    if (dnsServers.length) resolver.setServers(dnsServers);
    const cache = new Map<string, { answer: Promise<string[][] | string[]>; at: number }>();
    cached = (name, rrtype) => {
      const key = `${name.toLowerCase()} ${rrtype}`;
      const hit = cache.get(key);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.answer;
      if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
      const answer = resolver.resolve(name, rrtype) as Promise<string[][] | string[]>;
      cache.set(key, { answer, at: Date.now() });
      answer.catch((err) => {
        if (!isNoRecord(err)) cache.delete(key);
      });
      return answer;
    };
    resolvers.set(key, cached);
  }
  return cached;
}
