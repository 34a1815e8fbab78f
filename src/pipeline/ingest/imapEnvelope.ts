import addressparser from 'nodemailer/lib/addressparser/index.js';
import { parseTacitAddress } from '../../shared/rules/addresses.ts';
import { firstAddress, headerBagFromRaw, headerValues, type HeaderBag } from '../../shared/rules/headers.ts';

/**
 * The SMTP envelope of a message read from a mailbox. IMAP has no envelope:
 * the delivering agent leaves traces of it in the header, which are read in
 * this order of trust:
 *
 *  - recipients: X-Original-To (Postfix: the address before aliasing), then
 *    Envelope-To (Exim), then Delivered-To (every MDA: the final mailbox);
 *    the topmost field of the first kind that names one of Tacit's addresses
 *    wins (a field lower down is an older hop). The mailbox's own address
 *    (the IMAP login, when it is one of ours) is a delivery stamp, not a
 *    recipient. Failing those, the To and Cc addresses that are Tacit's.
 *  - sender: the topmost Return-Path ('' for `<>`, the null sender); failing
 *    that, the From address, which is what a reply would go to anyway.
 *
 * Only addresses `parseTacitAddress` accepts are kept: a message whose traces
 * name none of Tacit's addresses has no recipient here.
 */
export interface ImapEnvelope {
  envelopeFrom: string;
  recipients: string[];
  /** Which header the recipients came from ('' when none). */
  source: 'x-original-to' | 'envelope-to' | 'delivered-to' | 'to/cc' | '';
}

const ENVELOPE_HEADERS = ['x-original-to', 'envelope-to', 'delivered-to'] as const;

function addressesIn(value: string): string[] {
  return addressparser(value, { flatten: true })
    .map((a) => ('address' in a ? a.address : ''))
    .filter((a): a is string => !!a && a.includes('@'));
}

function tacitAddressesIn(value: string, domain: string, except: string | undefined): string[] {
  return addressesIn(value)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== except && parseTacitAddress(a, domain) !== null);
}

export function imapEnvelope(raw: Buffer | string, domain: string, mailboxAddress?: string): ImapEnvelope {
  return envelopeFromHeaders(headerBagFromRaw(raw), domain, mailboxAddress);
}

export function envelopeFromHeaders(headers: HeaderBag, domain: string, mailboxAddress?: string): ImapEnvelope {
  const own = mailboxAddress?.trim().toLowerCase();
  let recipients: string[] = [];
  let source: ImapEnvelope['source'] = '';
  search: for (const name of ENVELOPE_HEADERS) {
    for (const value of headerValues(headers, name)) {
      const found = tacitAddressesIn(value, domain, own);
      if (found.length) {
        recipients = found;
        source = name;
        break search;
      }
    }
  }
  if (!recipients.length) {
    recipients = [...headerValues(headers, 'to'), ...headerValues(headers, 'cc')].flatMap((v) =>
      tacitAddressesIn(v, domain, undefined),
    );
    if (recipients.length) source = 'to/cc';
  }

  const returnPath = headers.get('return-path');
  let envelopeFrom: string;
  if (returnPath !== undefined) {
    envelopeFrom = (firstAddress(returnPath) ?? '').trim();
  } else {
    envelopeFrom = addressesIn(headers.get('from') ?? '')[0] ?? '';
  }
  if (envelopeFrom === '<>') envelopeFrom = '';
  return { envelopeFrom, recipients: [...new Set(recipients)], source };
}
