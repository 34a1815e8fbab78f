// Domains in one form, and where a domain's owner ends. Every address Tacit
// stores or compares has its domain in UTS #46 ASCII form (xn-- labels), so
// the same mailbox written in Unicode (as mailparser decodes it) or in ASCII
// is one address; a look-alike in another script encodes to other labels.
import { domainToASCII } from 'node:url';
import { getDomain } from 'tldts';

/** The domain in UTS #46 ASCII form, lower case, without a final dot; '' when it is not a domain. */
export function canonicalDomain(domain: string): string {
  const bare = domain.trim().replace(/\.$/, '');
  if (!bare) return '';
  // domainToASCII is the WHATWG URL host parser: UTS #46 mapping, then punycode.
  return domainToASCII(bare).toLowerCase();
}

/** local@domain with the local part lower case and the domain canonical; the input unchanged (lower case) when it has no usable domain. */
export function canonicalAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0) return trimmed.toLowerCase();
  const domain = canonicalDomain(trimmed.slice(at + 1));
  return domain ? `${trimmed.slice(0, at)}@${domain}`.toLowerCase() : trimmed.toLowerCase();
}

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
