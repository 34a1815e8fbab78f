// Where a domain's owner ends, by the Public Suffix List (through tldts, the
// library mailauth's own DMARC check uses): one rule for DMARC alignment,
// the DMARC policy of list copies, and nothing kept by hand.
import { getDomain } from 'tldts';
import { canonicalDomain } from './domains.ts';

// As mailauth's own DMARC check reads the list: private suffixes too (blogspot.com).
const PSL = { allowIcannDomains: true, allowPrivateDomains: true };

/**
 * The organizational domain (RFC 7489 3.2) by the Public Suffix List: one
 * label under the longest public suffix. A name that is itself a suffix, or
 * not under a known one, is its own organizational domain.
 */
export function organizationalDomain(domain: string): string {
  const ascii = canonicalDomain(domain);
  return getDomain(ascii, PSL) ?? ascii;
}

/** Relaxed alignment: both names under the same organizational domain. */
export function aligned(a: string, b: string): boolean {
  const org = organizationalDomain(a);
  return org !== '' && org === organizationalDomain(b);
}
