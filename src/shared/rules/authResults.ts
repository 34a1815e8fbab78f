// Sender authentication results as data, and the reading of an
// Authentication-Results header (RFC 8601) written by a trusted MX.
import type { DmarcPolicy } from './dmarc.ts';

/** What Tacit knows about who sent a message, from its own checks or a trusted MX. */
export interface SenderAuth {
  /** The authserv-id of the Authentication-Results this came from (Tacit's domain, or the trusted MX's). */
  authservId: string;
  source: 'verified' | 'trusted-mx';
  spf: { result: string; domain: string | null };
  /** One entry per DKIM signature; `domain` is its d=, `b` its b= (whole, or the prefix an MX gave as header.b). */
  dkim: { result: string; domain: string; b?: string }[];
  /** `domain` is the From domain DMARC was evaluated for; `policy` its published p= (or sp=). */
  dmarc: { result: string; domain: string | null; policy: DmarcPolicy | null };
  /**
   * `sealer`: the d= of the newest ARC instance, and `dmarc` the DMARC verdict
   * its ARC-Authentication-Results record (what that hop saw before changing
   * the message). Believed only for ARC_TRUSTED_SEALERS.
   */
  arc: { result: string; sealer?: string; dmarc?: { result: string; domain: string | null } };
}

/** Nothing checked, nothing passed: what a message without any usable result counts as. */
export function unauthenticated(authservId: string, source: SenderAuth['source']): SenderAuth {
  return {
    authservId,
    source,
    spf: { result: 'none', domain: null },
    dkim: [],
    dmarc: { result: 'none', domain: null, policy: null },
    arc: { result: 'none' },
  };
}

interface ResInfo {
  method: string;
  result: string;
  props: Record<string, string>;
  comment: string;
}

/**
 * Reads the Authentication-Results values of a message (top first, as a
 * header bag gives them) and keeps the first one whose authserv-id is the
 * trusted MX's: the one it added on top. Values from anyone else are what a
 * sender may have written themselves, so they are ignored.
 */
export function readTrustedAuthResults(values: string[], authservId: string): SenderAuth {
  const wanted = authservId.trim().toLowerCase();
  for (const value of values) {
    const parsed = parseAuthenticationResults(value);
    if (parsed && parsed.authservId.toLowerCase() === wanted) return fromResInfos(authservId, parsed.results);
  }
  return unauthenticated(authservId, 'trusted-mx');
}

function fromResInfos(authservId: string, results: ResInfo[]): SenderAuth {
  const auth = unauthenticated(authservId, 'trusted-mx');
  for (const r of results) {
    if (r.method === 'spf') auth.spf = { result: r.result, domain: domainOf(r.props['smtp.mailfrom'] ?? r.props['smtp.helo'] ?? '') };
    else if (r.method === 'dkim') {
      const b = r.props['header.b'];
      auth.dkim.push({ result: r.result, domain: (r.props['header.d'] ?? domainOf(r.props['header.i'] ?? '') ?? '').toLowerCase(), ...(b ? { b } : {}) });
    }
    else if (r.method === 'dmarc') {
      const policy = (r.props['policy.dmarc'] ?? /\bp=(none|quarantine|reject)\b/i.exec(r.comment)?.[1] ?? '').toLowerCase();
      auth.dmarc = {
        result: r.result,
        domain: (r.props['header.from'] ?? '').toLowerCase() || null,
        policy: policy === 'none' || policy === 'quarantine' || policy === 'reject' ? policy : null,
      };
    } else if (r.method === 'arc') auth.arc = { result: r.result };
  }
  return auth;
}

function domainOf(value: string): string | null {
  const at = value.lastIndexOf('@');
  const d = (at >= 0 ? value.slice(at + 1) : value).trim().toLowerCase();
  return d || null;
}

/** Splits one Authentication-Results value into its authserv-id and results; null when it has no authserv-id. */
export function parseAuthenticationResults(value: string): { authservId: string; results: ResInfo[] } | null {
  const segments: { text: string; comment: string }[] = [];
  let text = '';
  let comment = '';
  let depth = 0;
  let quoted = false;
  for (const ch of value) {
    if (quoted) {
      if (ch === '"') quoted = false;
      else text += ch;
    } else if (depth > 0) {
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (depth > 0) comment += ch;
      else comment += ' ';
    } else if (ch === '(') depth = 1;
    else if (ch === '"') quoted = true;
    else if (ch === ';') {
      segments.push({ text, comment });
      text = '';
      comment = '';
    } else text += ch;
  }
  segments.push({ text, comment });
  const head = segments.shift()!.text.trim().split(/\s+/)[0] ?? '';
  if (!head) return null;
  const results: ResInfo[] = [];
  for (const segment of segments) {
    const pairs = segment.text.trim().split(/\s+/).filter(Boolean).map((p) => {
      const eq = p.indexOf('=');
      return eq > 0 ? [p.slice(0, eq).toLowerCase(), p.slice(eq + 1)] as const : null;
    });
    const [first, ...rest] = pairs;
    if (!first) continue; // "none" (no results) or garbage
    const props: Record<string, string> = {};
    for (const p of rest) if (p) props[p[0]] = p[1];
    results.push({ method: first[0], result: first[1].toLowerCase(), props, comment: segment.comment });
  }
  return { authservId: head, results };
}

/** The Authentication-Results value Tacit stores for a result read from a trusted MX (the MX's own words are kept in the message). */
export function describeAuth(auth: SenderAuth): string {
  const parts = [
    ...auth.dkim.map((d) => `dkim=${d.result} header.d=${d.domain}`),
    `spf=${auth.spf.result}${auth.spf.domain ? ` smtp.mailfrom=${auth.spf.domain}` : ''}`,
    `dmarc=${auth.dmarc.result}${auth.dmarc.policy ? ` policy.dmarc=${auth.dmarc.policy}` : ''}${auth.dmarc.domain ? ` header.from=${auth.dmarc.domain}` : ''}`,
    `arc=${auth.arc.result}`,
  ];
  return `${auth.authservId}; ${parts.join('; ')}`;
}
