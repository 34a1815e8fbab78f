// Headers on every list copy, the subject tag, and loop detection. Mail
// clients build their "unsubscribe" and "reply to list" buttons from the
// RFC 2369/2919 headers, and Gmail/Yahoo require RFC 8058 one-click
// unsubscribe from bulk senders, so these are not decoration.

import { type HeaderBag, firstAddress, headerValues } from './headers.ts';
import { REPLY_PREFIX } from './subjectPrefixes.ts';

export type ListHeaderInput = {
  list: { slug: string; name: string };
  domain: string;
  /** Base URL of the web endpoint, e.g. "https://lists.example.org". */
  publicUrl?: string;
  unsubscribeToken: string;
};

/**
 * What identifies a list and lets a member leave it: on every mail sent to a
 * list's members, list copies and consultation mail alike (RFC 2919, 2369,
 * 8058). Values are ASCII: a non-ASCII list name is RFC 2047-encoded.
 */
export function listIdentity(input: ListHeaderInput): Record<string, string> {
  const slug = input.list.slug.toLowerCase();
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const request = `${slug}-request@${domain}`;
  const mailtoUnsub = `<mailto:${request}?subject=${encodeURIComponent(`unsubscribe ${slug}`)}>`;

  const base = input.publicUrl?.trim().replace(/\/+$/, '');
  const url = base ? `${base}/unsubscribe/${encodeURIComponent(input.unsubscribeToken)}` : undefined;
  const https = url !== undefined && /^https:\/\//i.test(url);

  const headers: Record<string, string> = {
    'List-Id': `${phrase(input.list.name)} <${slug}.${domain}>`,
    'List-Help': `<mailto:${request}?subject=help>`,
    // URL first: clients take the leftmost method they support and the
    // web link works without the member's mail client sending anything.
    'List-Unsubscribe': url ? `<${url}>, ${mailtoUnsub}` : mailtoUnsub,
  };
  // RFC 8058 only allows one-click on an HTTPS URI; http stays link-only.
  if (https) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  headers['List-Owner'] = `<mailto:${slug}-owner@${domain}>`;
  return headers;
}

/** Every list copy: the identity, where to post, and the loop guards. */
export function listHeaders(input: ListHeaderInput): Record<string, string> {
  const slug = input.list.slug.toLowerCase();
  const post = `${slug}@${input.domain.toLowerCase().replace(/\.$/, '')}`;
  const { 'List-Owner': owner, ...identity } = listIdentity(input);
  return { ...identity, 'List-Post': `<mailto:${post}>`, 'List-Owner': owner!, Precedence: 'list', 'X-Loop': post };
}

/**
 * A display phrase for List-Id: quoted when ASCII, an RFC 2047 encoded-word
 * otherwise, with CR/LF removed so a list name can never inject a header.
 */
function phrase(name: string): string {
  const clean = name.replace(/[\r\n\t]+/g, ' ').replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}"`;
  return encodedWords(clean);
}

/** RFC 2047 B-encoded words of at most 45 bytes of UTF-8 each (72 characters, under the limit of 75), split between characters. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString('base64')}?=`).join(' ');
}

function tagRegex(slug: string, global: boolean): RegExp {
  const s = slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\[${s}\\]\\s*`, global ? 'gi' : 'i');
}

/**
 * "[slug] subject", with replies kept as one "Re: [slug] subject": reply
 * prefixes (any language, any count) collapse to a single "Re:" in front of
 * the tag, as Mailman does, and existing copies of the tag anywhere are
 * dropped so the tag never doubles. Forward prefixes are content ("[gb]
 * Fwd: report") and stay where they were.
 */
export function tagSubject(subject: string, slug: string): string {
  const tagAtStart = new RegExp(`^${tagRegex(slug, false).source}`, 'i');
  let rest = subject.replace(/[\r\n]+/g, ' ').trim();
  let reply = false;
  for (;;) {
    const before = rest;
    const r = REPLY_PREFIX.exec(rest);
    if (r) {
      reply = true;
      rest = rest.slice(r[0].length);
    }
    rest = rest.replace(tagAtStart, '');
    if (rest === before) break;
  }
  rest = rest.replace(tagRegex(slug, true), '').replace(/\s+/g, ' ').trim();
  const tagged = rest ? `[${slug}] ${rest}` : `[${slug}]`;
  return reply ? `Re: ${tagged}` : tagged;
}

/**
 * The message has already been through this list: it carries our X-Loop,
 * List-Post or List-Id. Distributing it again would start a loop.
 */
export function isLoop(headers: HeaderBag, slug: string, domain: string): boolean {
  const post = `${slug}@${domain.replace(/\.$/, '')}`.toLowerCase();
  const id = `${slug}.${domain.replace(/\.$/, '')}`.toLowerCase();
  if (headerValues(headers, 'x-loop').some((v) => firstAddress(v)?.toLowerCase() === post)) return true;
  for (const v of headerValues(headers, 'list-post')) {
    for (const m of v.matchAll(/<mailto:([^>?]+)[^>]*>/gi)) {
      if (m[1]!.trim().toLowerCase() === post) return true;
    }
  }
  return headerValues(headers, 'list-id').some((v) => {
    const m = /<([^>]+)>/.exec(v);
    return (m ? m[1]! : v).trim().toLowerCase() === id;
  });
}
