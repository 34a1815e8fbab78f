// Domains in one form. Every address Tacit
// stores or compares has its domain in UTS #46 ASCII form (xn-- labels), so
// the same mailbox written in Unicode (as mailparser decodes it) or in ASCII
// is one address; a look-alike in another script encodes to other labels.
import { domainToASCII } from 'node:url';

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

