// Tacit's address space (docs/architecture.md, "Addresses"). The router asks this what a
// recipient address means before anything else happens; null means "not one
// of ours", and the SMTP layer can refuse it at RCPT time.

export type TacitAddress =
  | { kind: 'list'; list: string }
  | { kind: 'request'; list?: string }
  | { kind: 'consult'; list?: string }
  | { kind: 'owner'; list: string }
  | { kind: 'reply' | 'confirm' | 'bounces' | 'proxy'; token: string }
  | { kind: 'postmaster' };

export const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;
export const TOKEN_RE = /^[A-Za-z0-9_-]{16,}$/;

/** Local parts that are never list names (a list may not be called these). */
export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'request', 'consult', 'owner', 'reply', 'confirm', 'bounces',
  'postmaster', 'abuse', 'mailer-daemon', 'noreply', 'no-reply',
]);

/** Suffixes that address a list's robot rather than the list. */
const SUFFIXES = ['request', 'consult', 'owner'] as const;

/**
 * Whether SLUG can name a list: slug syntax, not reserved, and not ending
 * in a robot suffix (a list "gb-request" would shadow gb's commands).
 */
export function isValidListSlug(slug: string): boolean {
  return (
    SLUG_RE.test(slug) &&
    !RESERVED_NAMES.has(slug) &&
    !SUFFIXES.some((s) => slug.endsWith(`-${s}`))
  );
}

/**
 * What `/^.*<([^>]*)>.*$/s` captures (inside the last <…> that closes), in
 * linear time: the pattern retries every "<" of a long "<<<<" run.
 */
function angleAddress(text: string): string {
  const close = text.lastIndexOf('>');
  const open = close < 0 ? -1 : text.lastIndexOf('<', close);
  return open < 0 ? text : text.slice(open + 1, text.indexOf('>', open));
}

export function parseTacitAddress(address: string, domain: string): TacitAddress | null {
  const bare = angleAddress(address.trim()).trim();
  const at = bare.lastIndexOf('@');
  if (at <= 0) return null;
  const host = bare.slice(at + 1).toLowerCase().replace(/\.$/, '');
  if (host !== domain.trim().toLowerCase().replace(/\.$/, '')) return null;
  const local = bare.slice(0, at);

  // Tokens keep their case (they may be base64url); the prefix does not.
  const plus = local.indexOf('+');
  if (plus >= 0) {
    const prefix = local.slice(0, plus).toLowerCase();
    const token = local.slice(plus + 1);
    if ((prefix === 'reply' || prefix === 'confirm' || prefix === 'bounces' || prefix === 'proxy') && TOKEN_RE.test(token)) {
      return { kind: prefix, token };
    }
    return null; // sub-addressing is not used anywhere else
  }

  const name = local.toLowerCase();
  // RFC 5321/2142: postmaster (and abuse) must reach the operators.
  if (name === 'postmaster' || name === 'abuse') return { kind: 'postmaster' };
  if (name === 'request') return { kind: 'request' };
  if (name === 'consult') return { kind: 'consult' };
  if (RESERVED_NAMES.has(name) || !SLUG_RE.test(name)) return null;

  for (const suffix of SUFFIXES) {
    if (name.endsWith(`-${suffix}`)) {
      const list = name.slice(0, -suffix.length - 1);
      if (!isValidListSlug(list)) return null;
      return { kind: suffix, list };
    }
  }
  return { kind: 'list', list: name };
}
