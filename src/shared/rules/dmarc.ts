// DMARC-safe From for list copies. A list changes the subject and adds a
// footer, which breaks the author's DKIM signature; when the author's domain
// publishes p=quarantine or p=reject (gmail.com, yahoo.com, ...), receivers
// would then junk or refuse our copy. So for those domains the copy goes out
// From the list ("Alice via ICC" <icc@D>) and the author moves to Reply-To.
import { canonicalDomain } from './domains.ts';
import { organizationalDomain } from './organizationalDomain.ts';

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
export type DmarcPolicyLookup = (domain: string) => Promise<DmarcPolicy | null>;
/** always: rewrite every post; never: keep authors' From; auto: by policy. */
export type FromRewriteMode = 'always' | 'never' | 'auto';

export async function needsFromRewrite(
  authorDomain: string,
  policyLookup: DmarcPolicyLookup,
  mode: FromRewriteMode = 'auto',
): Promise<boolean> {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  const domain = canonicalDomain(authorDomain);
  if (!domain) return false;
  // A lookup that fails throws: the copy waits for a retry rather than go out unrewritten and be refused.
  const policy = await policyLookup(domain);
  return policy === 'quarantine' || policy === 'reject';
}

/** The DMARC verdict stored with an inbound message (see authResults.ts). */
export interface StoredDmarc {
  result: string;
  domain: string | null;
  policy: DmarcPolicy | null;
}

/**
 * The policy the message's own DMARC check found for its From domain, when
 * it found one: a published p= (sp=), or no record at all (dmarc=none).
 * Otherwise (a DNS error at receipt, a trusted MX that did not name the
 * policy, another domain) `lookup` asks DNS.
 */
export function storedPolicyFirst(stored: StoredDmarc | null | undefined, lookup: DmarcPolicyLookup): DmarcPolicyLookup {
  return async (domain) => {
    if (stored && stored.domain && canonicalDomain(stored.domain) === canonicalDomain(domain)) {
      if (stored.policy) return stored.policy;
      if (stored.result === 'none') return null;
    }
    return lookup(domain);
  };
}

export type RewriteFromInput = {
  authorName?: string | null;
  authorAddress: string;
  listName: string;
  listAddress: string;
  /**
   * When the list's Reply-To already points at the list, the author goes to
   * Cc instead so "reply" still reaches the list and "reply all" the author.
   */
  replyGoesToList?: boolean;
};

export type RewrittenFrom = { from: string; replyTo: string; cc?: string };

export function rewriteFrom(input: RewriteFromInput): RewrittenFrom {
  // No display name: show "alice at example.org", never a bare address in
  // the phrase, which some clients would display as if it were the sender.
  const who = clean(input.authorName ?? '') || input.authorAddress.replace('@', ' at ');
  const from = mailbox(`${who} via ${clean(input.listName)}`, input.listAddress);
  const author = input.authorName?.trim()
    ? mailbox(clean(input.authorName), input.authorAddress)
    : `<${input.authorAddress}>`;
  return input.replyGoesToList
    ? { from, replyTo: `<${input.listAddress}>`, cc: author }
    : { from, replyTo: author };
}

function clean(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim();
}

function mailbox(name: string, address: string): string {
  return `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
}

/**
 * The policy in a DMARC TXT record, or null when it is not a valid DMARC
 * record. `subdomain` reads sp= (falling back to p=, RFC 7489 6.3).
 */
export function parseDmarcRecord(txt: string, subdomain = false): DmarcPolicy | null {
  const tags = new Map<string, string>();
  const parts = txt.split(';').map((p) => p.trim()).filter(Boolean);
  if (!/^v\s*=\s*DMARC1$/i.test(parts[0] ?? '')) return null;
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq > 0) tags.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().toLowerCase());
  }
  const value = (subdomain && tags.get('sp')) || tags.get('p');
  return value === 'none' || value === 'quarantine' || value === 'reject' ? value : null;
}

/** The caller's TXT lookup (the DNS adapter is lists/dmarcCache.ts): this file does no I/O. */
export type ResolveTxt = (name: string) => Promise<string[][]>;

/**
 * A policy lookup over DNS: `_dmarc.<domain>`, then the organizational
 * domain's record (its sp=). No record, or more than one, gives null; any
 * other DNS error is thrown, for the caller to try again later: "the
 * resolver did not answer" is not "the domain has no policy".
 */
export function makeDnsDmarcPolicy(resolveTxt: ResolveTxt, isNoRecord: (err: unknown) => boolean): DmarcPolicyLookup {
  async function recordFor(name: string): Promise<string | null> {
    let answer: string[][];
    try {
      answer = await resolveTxt(`_dmarc.${name}`);
    } catch (err) {
      if (isNoRecord(err)) return null;
      throw err;
    }
    const records = answer.map((chunks) => chunks.join('')).filter((r) => /^v\s*=\s*DMARC1\b/i.test(r.trim()));
    // RFC 7489 6.6.3: more than one DMARC record means none applies.
    return records.length === 1 ? records[0]! : null;
  }
  return async (domain) => {
    const d = canonicalDomain(domain);
    if (!d) return null;
    const own = await recordFor(d);
    if (own) return parseDmarcRecord(own);
    const org = organizationalDomain(d);
    if (org === d) return null;
    const orgRecord = await recordFor(org);
    return orgRecord ? parseDmarcRecord(orgRecord, true) : null;
  };
}
