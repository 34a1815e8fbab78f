// Who may a message act for? Decided once per delivery from the sender
// authentication result, the From header(s) and the address it came to; the
// handlers read the answer instead of trusting the From header.
import { domainToASCII } from 'node:url';
import addressparser from 'nodemailer/lib/addressparser';
import type { TacitAddress } from './addresses.ts';
import type { SenderAuth } from './authResults.ts';
import { organizationalDomain } from './dmarc.ts';

/**
 * act: the From domain's own signature vouches for the From (aligned DKIM or
 * DMARC pass); confirm: it may act only after a confirmation round to the
 * From address; nothing: there is no single address to act for or to ask.
 */
export type AuthorityLevel = 'act' | 'confirm' | 'nothing';

export interface Authority {
  level: AuthorityLevel;
  /** Why, in a few words (for logs and the delivery's outcome). */
  reason: string;
  /** The one From address (lower case), or null when there is none to use. */
  from: string | null;
  /** DMARC failed for the From domain and it asks receivers to quarantine or reject such mail. */
  dmarcRejects: boolean;
}

export interface AuthorityInput {
  /** Every From header of the message, raw (unfolded) values. */
  fromHeaders: string[];
  /** The SMTP MAIL FROM ('' is the null sender). */
  envelopeFrom: string;
  addressKind: TacitAddress['kind'];
  auth: SenderAuth | null;
}

// A secret token in the address authorises what comes to these, and bounces
// and auto-replies arrive there with the null sender by design.
const TOKEN_KINDS: ReadonlySet<TacitAddress['kind']> = new Set(['bounces', 'reply']);
const MAILBOX = /^[^@\s<>()",;:]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

export function decideAuthority(input: AuthorityInput): Authority {
  const nothing = (reason: string, from: string | null = null): Authority => ({ level: 'nothing', reason, from, dmarcRejects: false });
  if (input.fromHeaders.length === 0) return nothing('no From header');
  if (input.fromHeaders.length > 1) return nothing('several From headers');
  const parsed = addressparser(input.fromHeaders[0]!);
  if (parsed.some((a) => 'group' in a && a.group)) return nothing('group syntax in From');
  if (parsed.length !== 1) return nothing(parsed.length ? 'several From addresses' : 'From does not parse');
  const from = ((parsed[0] as { address?: string }).address ?? '').trim().toLowerCase();
  if (!MAILBOX.test(from)) return nothing('From does not parse');
  if (!input.envelopeFrom && !TOKEN_KINDS.has(input.addressKind)) return nothing('null sender', from);

  const domain = from.slice(from.lastIndexOf('@') + 1);
  const auth = input.auth;
  const dmarcForFrom = auth?.dmarc.domain === domain ? auth.dmarc : null;
  const dmarcRejects = dmarcForFrom?.result === 'fail' && (dmarcForFrom.policy === 'reject' || dmarcForFrom.policy === 'quarantine');
  if (dmarcForFrom?.result === 'pass') return { level: 'act', reason: `dmarc=pass for ${domain}`, from, dmarcRejects: false };
  const org = organizationalDomain(domain);
  const signer = auth?.dkim.find((d) => d.result === 'pass' && d.domain && organizationalDomain(d.domain) === org);
  if (signer) return { level: 'act', reason: `dkim=pass aligned (d=${signer.domain})`, from, dmarcRejects: false };
  const why = dmarcRejects ? `dmarc=fail, p=${dmarcForFrom!.policy}` : 'no aligned DKIM or DMARC pass';
  return { level: 'confirm', reason: why, from, dmarcRejects };
}

/**
 * Whether the address the handlers read (mailparser's: encoded words and
 * xn-- labels decoded) is the one the authority was decided for. When a From
 * reads two ways ("xn--example-" decodes to "example"), a signature of one
 * domain would vouch for an address of another.
 */
export function sameMailbox(handlerFrom: string, authorityFrom: string | null): boolean {
  if (!authorityFrom) return !handlerFrom;
  const at = handlerFrom.lastIndexOf('@');
  if (at < 0) return false;
  const ascii = `${handlerFrom.slice(0, at)}@${domainToASCII(handlerFrom.slice(at + 1))}`.toLowerCase();
  return ascii === authorityFrom.toLowerCase();
}
