// A DKIM signature proves who wrote a message, not that they sent it now or
// to this address: anyone holding a copy (a Cc, an archive, a forward) can
// send it again. So a signed message acts at once only when its signed
// headers say it was written for this address, and recently. Pure.
import addressparser from 'nodemailer/lib/addressparser';
import type { Authority } from './authority.ts';
import type { DkimSignature } from './dkimSignatures.ts';
import { canonicalAddress } from './domains.ts';
import { headerValues, type HeaderBag } from './headers.ts';

/** How far ahead of our clock a signed Date may be (clocks drift; a future date is a replay held back). */
export const MAX_CLOCK_AHEAD_MS = 15 * 60_000;

/**
 * Why this signature does not make the message act at once for
 * `recipient`, or null when it may: the receiving address is in a signed
 * To or Cc, and a signed Date is at most `maxAgeMs` old and at most
 * MAX_CLOCK_AHEAD_MS ahead of `now`.
 */
export function staleSignedCommand(signature: DkimSignature, headers: HeaderBag, recipient: string, now: Date, maxAgeMs: number): string | null {
  const dates = signedInstances(signature, headers, 'date');
  if (dates.length === 0) return 'its Date is not signed';
  if (headerValues(headers, 'date').length !== 1) return 'it has several Date headers';
  const sent = Date.parse(dates[0]!);
  if (Number.isNaN(sent)) return 'its Date does not parse';
  if (now.getTime() - sent > maxAgeMs) return 'it was signed too long ago';
  if (sent - now.getTime() > MAX_CLOCK_AHEAD_MS) return 'its Date is in the future';
  const wanted = canonicalAddress(recipient);
  const addressed = ['to', 'cc'].some((name) =>
    signedInstances(signature, headers, name).some((value) => mailboxesOf(value).includes(wanted)));
  return addressed ? null : 'this address is not in its signed To or Cc';
}

/**
 * The instances of a header that the signature covers: a name listed k
 * times in h= signs the last k instances (RFC 6376 5.4.2).
 */
function signedInstances(signature: DkimSignature, headers: HeaderBag, name: string): string[] {
  const times = signature.signedHeaders.filter((h) => h === name).length;
  if (times === 0) return [];
  return headerValues(headers, name).slice(-times);
}

function mailboxesOf(value: string): string[] {
  const out: string[] = [];
  const walk = (entries: ReturnType<typeof addressparser>) => {
    for (const e of entries) {
      if ('group' in e && e.group) walk(e.group as never);
      else if ((e as { address?: string }).address) out.push(canonicalAddress((e as { address: string }).address));
    }
  };
  walk(addressparser(value));
  return out;
}

/**
 * The authority a signed message keeps for this receiving address: `act`
 * stays only if one of the signatures it rests on is fresh and addressed
 * here; otherwise it is confirmed like unsigned mail. The signatures stay
 * named either way, since a replay of a stale message is a replay too.
 */
export function freshAuthority(authority: Authority, headers: HeaderBag, recipient: string, now: Date, maxAgeMs: number): Authority {
  if (authority.level !== 'act' || !authority.signatures?.length) return authority;
  let why = '';
  for (const signature of authority.signatures) {
    const stale = staleSignedCommand(signature, headers, recipient, now, maxAgeMs);
    if (!stale) return authority;
    why ||= stale;
  }
  return { ...authority, level: 'confirm', reason: `signed, but ${why}` };
}
