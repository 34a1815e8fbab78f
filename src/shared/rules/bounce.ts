// Reading a bounce. A VERP address already tells us which copy bounced; this
// says how badly: hard (the address is gone: score it, disable delivery after
// repeats), soft (full mailbox, delay, temporary trouble: retry, don't
// disable), policy (the receiver refused Tacit's mail for DMARC or
// authentication: Tacit's fault, never the member's) or unknown (not a
// failure we can read: never penalize on it).

import { trimEndOf } from './textBounds.ts';
import { simpleParser } from 'mailparser';
import { headerBagFromParsed, headerValues } from './headers.ts';

export type BounceKind = 'hard' | 'soft' | 'policy' | 'unknown';

export type BounceInfo = {
  kind: BounceKind;
  /** The failed address as the report names it. */
  recipient?: string;
  /** RFC 3463 enhanced code ("5.1.1"), else the SMTP reply code ("550"). */
  status?: string;
  /** The remote server's words, whitespace collapsed, at most 500 chars. */
  diagnostic?: string;
};

type DsnRecipient = {
  finalRecipient?: string;
  originalRecipient?: string;
  action?: string;
  status?: string;
  diagnostic?: string;
};

/**
 * A refusal of Tacit's mail, not of the address: DMARC (Gmail's 5.7.26,
 * Microsoft's 5.7.515) or 5.7.1 worded as DMARC or unauthenticated mail.
 */
export function isPolicyRejection(status: string | undefined, diagnostic: string | undefined): boolean {
  const words = `${status ?? ''} ${diagnostic ?? ''}`;
  if (/(?<![\d.])5\.7\.(26|515)(?![\d.])/.test(words)) return true;
  return /(?<![\d.])5\.7\.1(?![\d.])/.test(words) && /\bdmarc\b|unauthenticated/i.test(words);
}

/** Never throws: unreadable input is { kind: 'unknown' }. */
export async function parseBounce(raw: Buffer | string): Promise<BounceInfo> {
  const info = await readBounce(raw);
  return info.kind === 'hard' && isPolicyRejection(info.status, info.diagnostic) ? { ...info, kind: 'policy' } : info;
}

async function readBounce(raw: Buffer | string): Promise<BounceInfo> {
  let mail;
  try {
    // keepDeliveryStatus: the message/delivery-status part comes back as an
    // attachment instead of being glued into the text; ignoreEmbedded: the
    // returned original stays an attachment, so its body (which may well say
    // "550" or "user unknown") is never read as the bounce's own words.
    mail = await simpleParser(raw, {
      keepDeliveryStatus: true,
      ignoreEmbedded: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      checksumAlgo: false,
    });
  } catch {
    return { kind: 'unknown' };
  }

  const text = cutOriginal(mail.text ?? '');
  const headers = headerBagFromParsed(mail);

  // 1. A machine-readable report, wherever mailparser put it.
  const dsnPart = mail.attachments.find((a) =>
    /^message\/(global-)?delivery-status$/i.test(a.contentType),
  );
  const dsnText = dsnPart ? dsnPart.content.toString('utf8') : /^Final-Recipient:/im.test(text) ? text : '';
  if (dsnText) {
    const chosen = pickRecipient(parseDsn(dsnText));
    if (chosen) {
      const fromText = classifyText(text);
      return fromDsn(chosen, fromText);
    }
  }

  // 2. A plain-text bounce: read codes and wording from the human part.
  const found = classifyText(text);
  const recipient =
    cleanAddress(headerValues(headers, 'x-failed-recipients')[0]?.split(',')[0]) ?? recipientFromText(text);
  return compact({ kind: found.kind, recipient, status: found.status, diagnostic: found.diagnostic });
}

/** RFC 3464 fields, one entry per per-recipient block. Exported for tests. */
export function parseDsn(body: string): DsnRecipient[] {
  const unfolded = body.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  const blocks = unfolded.split(/\n\s*\n/);
  const out: DsnRecipient[] = [];
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
    }
    if (!fields.has('final-recipient') && !fields.has('original-recipient')) continue;
    out.push({
      finalRecipient: cleanAddress(stripType(fields.get('final-recipient'))),
      originalRecipient: cleanAddress(stripType(fields.get('original-recipient'))),
      action: fields.get('action')?.toLowerCase().split(/\s/)[0],
      status: STATUS_RE.exec(fields.get('status') ?? '')?.[0],
      diagnostic: squeeze(stripType(fields.get('diagnostic-code'))),
    });
  }
  return out;
}

// A report may list several recipients; the worst one decides.
function pickRecipient(list: DsnRecipient[]): DsnRecipient | undefined {
  const rank = (r: DsnRecipient) => (r.action === 'failed' ? 0 : r.action === 'delayed' ? 1 : r.action ? 3 : 2);
  return [...list].sort((a, b) => rank(a) - rank(b))[0];
}

function fromDsn(r: DsnRecipient, fromText: TextVerdict): BounceInfo {
  const recipient = r.finalRecipient ?? r.originalRecipient;
  const own = classifyText(`${r.status ?? ''} ${r.diagnostic ?? ''}`);
  const status = r.status ?? own.status ?? fromText.status;
  const diagnostic = r.diagnostic ?? fromText.diagnostic;
  let kind: BounceKind;
  if (r.action === 'delayed') kind = 'soft';
  else if (r.action && r.action !== 'failed') kind = 'unknown'; // delivered, relayed, expanded
  // "failed" with no readable code is still final (RFC 3464 2.3.3).
  else kind = own.kind !== 'unknown' ? own.kind : fromText.kind !== 'unknown' ? fromText.kind : 'hard';
  return compact({ kind, recipient, status, diagnostic });
}

type TextVerdict = { kind: BounceKind; status?: string; diagnostic?: string };

// Enhanced status code (RFC 3463), not part of an IP address or version.
const STATUS_RE = /(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])/;
// A bare SMTP reply code where servers put one: line start or after a colon.
const SMTP_CODE_RE = /(?:^|[:;]|said)[ \t]*([45]\d\d)(?=[ -]\S)/m;

// RFC 3463 calls X.2.2 "mailbox full" a persistent *transient* failure, so a
// full mailbox is soft even when the server says 552/5.2.2.
const QUOTA_RE =
  /mailbox (?:is )?full|mailbox size limit|over (?:the |their |its )?quota|quota exceeded|exceeded (?:the |its |their )?(?:storage )?(?:quota|allocation)|insufficient (?:system )?storage|out of storage|inbox is full|storage space/i;
const HARD_RE =
  /user unknown|unknown user|no such (?:user|mailbox|recipient|address|account)|(?:address|user|mailbox|recipient|account)[^.\n]{0,40}(?:does not|doesn't|did not) exist|does not exist|address not found|couldn't be found|could not be found|recipient not found|recipientnotfound|user not found|invalid (?:recipient|mailbox|address)|mailbox (?:unavailable|not found)|unrouteable address|unknown (?:local part|recipient|mailbox)|not a valid (?:mailbox|recipient|user)|account (?:has been )?(?:disabled|deactivated|closed)|recipient address rejected|no mailbox here|domain not found|host or domain name not found|permanent error|permanently/i;
const SOFT_RE =
  /temporar(?:y|ily)|try again later|will (?:continue to )?(?:retry|try)|(?:has been |was |been )?delayed|greylist|deferred|still trying|warning only/i;

/** Kind, code and the remote server's sentence from free bounce text. */
export function classifyText(text: string): TextVerdict {
  const status = STATUS_RE.exec(text)?.[0];
  const code = SMTP_CODE_RE.exec(text)?.[1];
  const diagnostic = diagnosticOf(text, status ?? code);
  let kind: BounceKind = 'unknown';
  if (QUOTA_RE.test(text) || /^\d\.2\.2$/.test(status ?? '')) kind = 'soft';
  else if (status) kind = status.startsWith('5') ? 'hard' : status.startsWith('4') ? 'soft' : 'unknown';
  else if (code) kind = code.startsWith('5') ? 'hard' : 'soft';
  else if (HARD_RE.test(text)) kind = 'hard';
  else if (SOFT_RE.test(text)) kind = 'soft';
  return { kind, status: status ?? code, diagnostic };
}

// The paragraph holding the code, or failing that the one holding a
// recognisable reason; it is what a human would quote from the bounce.
function diagnosticOf(text: string, code: string | undefined): string | undefined {
  const paragraphs = text.replace(/\r\n/g, '\n').split(/\n\s*\n/);
  const hit =
    (code && paragraphs.find((p) => p.includes(code))) ||
    paragraphs.find((p) => QUOTA_RE.test(p) || HARD_RE.test(p));
  return hit ? squeeze(hit) : undefined;
}

// Where MTAs start quoting the returned message.
const ORIGINAL_MARKERS = [
  /^-+ ?This is a copy of (?:the|your) message/im, // Exim
  /^-+ ?Below this line is a copy of the message/im, // qmail
  /^-+ ?(?:Original|Returned|Forwarded) message/im, // Sendmail, misc
  /^-+ ?The header of the original message/im,
  /^Original message headers:/im, // Exchange
  /^-+ ?Original Message ?-+/im,
];

function cutOriginal(text: string): string {
  let end = text.length;
  for (const re of ORIGINAL_MARKERS) {
    const m = re.exec(text);
    if (m && m.index < end) end = m.index;
  }
  return text.slice(0, end);
}

const ADDR = String.raw`[^\s<>()"',;:]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`;
const RECIPIENT_PATTERNS = [
  new RegExp(String.raw`^\s*<(${ADDR})>(?::|\.\.\.)`, 'm'), // Postfix, qmail, Sendmail
  new RegExp(String.raw`address\(es\) failed:\s*\n\s*(${ADDR})`, 'i'), // Exim
  new RegExp(String.raw`not yet been delivered (?:is|are):\s*\n\s*(${ADDR})`, 'i'), // Exim delay warning
  new RegExp(String.raw`following recipients? failed[^:\n]*:\s*\n\s*(${ADDR})`, 'i'), // old Gmail
  new RegExp(String.raw`wasn't delivered to (${ADDR})`, 'i'), // Gmail
  new RegExp(String.raw`failed to these recipients or groups:\s*\n\s*(?:[^\n]*?\()?(${ADDR})`, 'i'), // Exchange
  new RegExp(String.raw`Your message to (${ADDR}) couldn't be delivered`, 'i'), // Office 365
  new RegExp(String.raw`RCPT TO:\s*<(${ADDR})>`, 'i'),
];

function recipientFromText(text: string): string | undefined {
  for (const re of RECIPIENT_PATTERNS) {
    const m = re.exec(text);
    if (m) return cleanAddress(m[1]);
  }
  return undefined;
}

function stripType(v: string | undefined): string | undefined {
  // "rfc822; a@b" / "smtp; 550 ..." -> drop the type label.
  return v?.replace(/^[A-Za-z0-9-]+\s*;\s*/, '');
}

function cleanAddress(v: string | undefined): string | undefined {
  const stripped = v?.trim().replace(/^mailto:/i, '').replace(/^<|>$/g, '');
  const t = stripped === undefined ? undefined : trimEndOf(stripped, '.,;:').trim();
  return t || undefined;
}

function squeeze(v: string | undefined): string | undefined {
  const t = v?.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 500) : undefined;
}

function compact(info: BounceInfo): BounceInfo {
  const out: BounceInfo = { kind: info.kind };
  if (info.recipient) out.recipient = info.recipient;
  if (info.status) out.status = info.status;
  if (info.diagnostic) out.diagnostic = info.diagnostic;
  return out;
}
