// Who may a message act for? Decided once per delivery from the sender
// authentication result, the From header(s) and the address it came to; the
// handlers read the answer instead of trusting the From header.
import addressparser from 'nodemailer/lib/addressparser';
import type { TacitAddress } from './addresses.ts';
import type { SenderAuth } from './authResults.ts';
import type { DkimSignature } from './dkimSignatures.ts';
import { canonicalAddress, canonicalDomain } from './domains.ts';
import { aligned } from './organizationalDomain.ts';

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
  /**
   * When `act` rests on DKIM: the aligned whole-body signatures that verified.
   * A signature can be sent again by anyone who has a copy, so what they
   * authorise is checked for freshness and remembered (see signedCommand.ts).
   */
  signatures?: DkimSignature[];
}

export interface AuthorityInput {
  /** Every From header of the message, raw (unfolded) values. */
  fromHeaders: string[];
  /** The SMTP MAIL FROM ('' is the null sender). */
  envelopeFrom: string;
  addressKind: TacitAddress['kind'];
  auth: SenderAuth | null;
  /** The message's DKIM-Signature headers as Tacit reads them (l=, h=, b=). */
  signatures: DkimSignature[];
  /** Its ARC-Message-Signature headers, read the same way. */
  arcSignatures?: DkimSignature[];
  /** ARC_TRUSTED_SEALERS: the only sealers whose ARC verdicts count. */
  arcTrustedSealers?: string[];
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
  const from = canonicalAddress((parsed[0] as { address?: string }).address ?? '');
  if (!MAILBOX.test(from)) return nothing('From does not parse');
  if (!input.envelopeFrom && !TOKEN_KINDS.has(input.addressKind)) return nothing('null sender', from);

  const domain = from.slice(from.lastIndexOf('@') + 1);
  const auth = input.auth;
  const dmarcForFrom = auth?.dmarc.domain && canonicalDomain(auth.dmarc.domain) === domain ? auth.dmarc : null;
  const signatures = wholeBodySignatures(auth, input.signatures, domain);
  if (signatures.length) return { level: 'act', reason: `dkim=pass aligned (d=${signatures[0]!.domain})`, from, dmarcRejects: false, signatures };
  const seals = trustedArcSeals(input, domain);
  if (seals.length) return { level: 'act', reason: `arc=pass, dmarc=pass recorded by ${seals[0]!.domain}`, from, dmarcRejects: false, signatures: seals };
  // A DMARC pass may rest on a DKIM signature that leaves bytes unsigned; only its SPF leg counts on its own.
  const spfAligned = auth?.spf.result === 'pass' && !!auth.spf.domain && aligned(auth.spf.domain, domain);
  if (dmarcForFrom?.result === 'pass' && spfAligned) return { level: 'act', reason: `dmarc=pass for ${domain} (aligned SPF)`, from, dmarcRejects: false };
  // Here a DMARC pass rested on such a signature: it is the failure it would be without it.
  const dmarcFailed = dmarcForFrom?.result === 'fail' || dmarcForFrom?.result === 'pass';
  const dmarcRejects = dmarcFailed && (dmarcForFrom!.policy === 'reject' || dmarcForFrom!.policy === 'quarantine');
  const why = dmarcRejects ? `dmarc=fail, p=${dmarcForFrom!.policy}` : 'no aligned DKIM signature of the whole body, nor DMARC pass by aligned SPF';
  return { level: 'confirm', reason: why, from, dmarcRejects };
}

/**
 * A forwarder or list that changed the message (and so broke its signature)
 * can vouch for what it saw, in its ARC seal: believed only when the operator
 * names that sealer, the chain verifies, the sealer recorded a DMARC pass for
 * the From domain, and its message signature covers the whole body. That
 * signature then stands for the message as a DKIM signature would
 * (freshness, replays).
 */
function trustedArcSeals(input: AuthorityInput, fromDomain: string): DkimSignature[] {
  const arc = input.auth?.arc;
  if (arc?.result !== 'pass' || !arc.sealer || !(input.arcTrustedSealers ?? []).includes(arc.sealer)) return [];
  if (arc.dmarc?.result !== 'pass' || canonicalDomain(arc.dmarc.domain ?? '') !== fromDomain) return [];
  const own = (input.arcSignatures ?? []).filter((s) => s.domain === arc.sealer);
  return own.length && own.every((s) => s.wholeBody) ? own : [];
}

/**
 * The signatures that vouch for the From domain: verified (by mailauth or the
 * trusted MX), aligned by the Public Suffix List and covering every byte of
 * the body. A verdict is matched to its header by b= when the verifier gave
 * it (in full, or as a header.b prefix); otherwise every signature of that
 * d= must cover the whole body, since the verdict could be any of them.
 */
function wholeBodySignatures(auth: SenderAuth | null, signatures: DkimSignature[], fromDomain: string): DkimSignature[] {
  const vouching: DkimSignature[] = [];
  for (const verdict of auth?.dkim ?? []) {
    if (verdict.result !== 'pass' || !verdict.domain || !aligned(verdict.domain, fromDomain)) continue;
    const b = verdict.b?.replace(/\s+/g, '');
    const candidates = signatures.filter((s) => s.domain === verdict.domain && (!b || s.b.startsWith(b)));
    if (candidates.length && candidates.every((s) => s.wholeBody)) vouching.push(...candidates.filter((s) => !vouching.includes(s)));
  }
  return vouching;
}

/**
 * Whether the address the handlers read (mailparser's: encoded words and
 * xn-- labels decoded) is the one the authority was decided for. When a From
 * reads two ways ("xn--example-" decodes to "example"), a signature of one
 * domain would vouch for an address of another.
 */
export function sameMailbox(handlerFrom: string, authorityFrom: string | null): boolean {
  if (!authorityFrom) return !handlerFrom;
  if (handlerFrom.lastIndexOf('@') < 0) return false;
  return canonicalAddress(handlerFrom) === authorityFrom.toLowerCase();
}
