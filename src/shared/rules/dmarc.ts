// DMARC-safe From for list copies. A list changes the subject and adds a
// footer, which breaks the author's DKIM signature; when the author's domain
// publishes p=quarantine or p=reject (gmail.com, yahoo.com, ...), receivers
// would then junk or refuse our copy. So for those domains the copy goes out
// From the list ("Alice via ICC" <icc@D>) and the author moves to Reply-To.

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
  const domain = authorDomain.trim().toLowerCase().replace(/\.$/, '');
  if (!domain) return false;
  let policy: DmarcPolicy | null;
  try {
    policy = await policyLookup(domain);
  } catch {
    policy = null; // an injected lookup that throws counts as "no policy known"
  }
  return policy === 'quarantine' || policy === 'reject';
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

// Two-label public suffixes common among members' providers. A real Public
// Suffix List is overkill here: a wrong guess only means one DNS query too
// many or too few, and the author's own domain is asked first anyway.
const TWO_LABEL_SUFFIXES = new Set([
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'me.uk', 'ltd.uk', 'plc.uk', 'net.uk',
  'com.au', 'net.au', 'org.au', 'edu.au', 'gov.au', 'co.nz', 'org.nz', 'net.nz',
  'co.jp', 'ne.jp', 'or.jp', 'ac.jp', 'co.kr', 'or.kr', 'com.cn', 'net.cn', 'org.cn',
  'com.br', 'net.br', 'org.br', 'com.ar', 'com.mx', 'co.za', 'org.za', 'co.in', 'net.in', 'org.in',
  'com.tr', 'com.sg', 'com.my', 'co.id', 'co.il', 'com.tw', 'com.hk', 'com.ua', 'com.pl', 'co.at',
]);

/** Simplified organizational domain: last two labels, three after a known 2-label suffix. */
export function organizationalDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  const n = TWO_LABEL_SUFFIXES.has(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-n).join('.');
}

/** The caller's TXT lookup (the DNS adapter is lists/dmarcCache.ts): this file does no I/O. */
export type ResolveTxt = (name: string) => Promise<string[][]>;

/**
 * A policy lookup over DNS: `_dmarc.<domain>`, then the organizational
 * domain's record (its sp=). Any DNS error or ambiguity gives null, so a
 * resolver outage means "don't rewrite", never a failed delivery.
 */
export function makeDnsDmarcPolicy(resolveTxt: ResolveTxt): DmarcPolicyLookup {
  async function recordFor(name: string): Promise<string | null> {
    try {
      const records = (await resolveTxt(`_dmarc.${name}`))
        .map((chunks) => chunks.join(''))
        .filter((r) => /^v\s*=\s*DMARC1\b/i.test(r.trim()));
      // RFC 7489 6.6.3: more than one DMARC record means none applies.
      return records.length === 1 ? records[0]! : null;
    } catch {
      return null;
    }
  }
  return async (domain) => {
    const d = domain.trim().toLowerCase().replace(/\.$/, '');
    if (!d) return null;
    const own = await recordFor(d);
    if (own) return parseDmarcRecord(own);
    const org = organizationalDomain(d);
    if (org === d) return null;
    const orgRecord = await recordFor(org);
    return orgRecord ? parseDmarcRecord(orgRecord, true) : null;
  };
}
