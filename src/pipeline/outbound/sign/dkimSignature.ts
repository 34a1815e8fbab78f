import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import type { SigningKey } from './dkimKeys.ts';

/**
 * DKIM-Signature headers (RFC 6376, relaxed/relaxed; RFC 8463 for Ed25519)
 * over a message's final bytes, written for the sender's own thread: the
 * canonical forms are a few string passes over a message of a few KiB, the
 * key is parsed once, and the RSA or Ed25519 signature itself runs in
 * libuv's thread pool (crypto.sign with a callback), so neither blocks the
 * event loop nor needs a JavaScript thread (and heap) of its own.
 */
const ALGORITHM = { rsa: 'rsa-sha256', ed25519: 'ed25519-sha256' } as const;

/** The fields a signature covers; the List-* and Reply-To fields too, so no one can add a second unsubscribe link. */
export const SIGNED_FIELDS: readonly string[] = [
  'from', 'sender', 'reply-to', 'subject', 'date', 'message-id', 'to', 'cc', 'mime-version', 'content-type',
  'content-transfer-encoding', 'in-reply-to', 'references', 'list-id', 'list-help', 'list-unsubscribe',
  'list-unsubscribe-post', 'list-subscribe', 'list-post', 'list-owner', 'list-archive', 'auto-submitted',
];
const SIGNED = new Set(SIGNED_FIELDS);

// Tacit signs with its own few keys: each PEM is parsed once (parsing costs as much as an RSA signature).
const parsedKeys = new Map<string, KeyObject>();
function keyObject(pem: string): KeyObject {
  let key = parsedKeys.get(pem);
  if (!key) {
    if (parsedKeys.size >= 16) parsedKeys.clear();
    parsedKeys.set(pem, (key = createPrivateKey(pem)));
  }
  return key;
}

/** Where the header ends: the index of the empty line's CRLF (or LF), and where the body starts. */
function splitMessage(text: string): { head: string; body: string } {
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { head: text.slice(0, crlf + 2), body: text.slice(crlf + 4) };
  if (lf >= 0) return { head: text.slice(0, lf + 1), body: text.slice(lf + 2) };
  return { head: text.endsWith('\n') ? text : `${text}\r\n`, body: '' };
}

/** RFC 6376 3.4.4: each line's whitespace runs as one space, none at its end, no empty lines at the end, CRLF line ends. */
export function relaxedBody(body: string): string {
  const lines = body.split(/\r?\n/);
  let end = lines.length;
  for (let i = 0; i < end; i++) lines[i] = lines[i]!.replace(/[ \t]+/g, ' ').replace(/ $/, '');
  while (end > 0 && lines[end - 1] === '') end--;
  return end === 0 ? '' : `${lines.slice(0, end).join('\r\n')}\r\n`;
}

/** RFC 6376 3.4.2: the name in lower case, the value unfolded, whitespace runs as one space, none around the colon or at the end. */
function relaxedField(name: string, value: string): string {
  return `${name.toLowerCase()}:${value.replace(/\r?\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
}

/** The header's fields in order, each as name and raw value (folded lines kept). */
function headerFields(head: string): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (!line) continue;
    const last = fields[fields.length - 1];
    if ((line[0] === ' ' || line[0] === '\t') && last) last.value += `\r\n${line}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1) });
    }
  }
  return fields;
}

/** A tag list folded into lines of at most 76 characters, breaking after a tag, between h= names, or within b=. */
function foldTags(tags: string[]): string {
  let out = 'DKIM-Signature:';
  let line = out.length;
  const put = (piece: string, separator: string) => {
    if (line + separator.length + piece.length > 76 && line > 1) {
      out += `\r\n ${piece}`;
      line = 1 + piece.length;
    } else {
      out += separator + piece;
      line += separator.length + piece.length;
    }
  };
  for (const [i, tag] of tags.entries()) {
    const end = i < tags.length - 1 ? ';' : '';
    if (tag.startsWith('h=')) {
      const names = tag.slice(2).split(':');
      names.forEach((name, n) => put(`${n === 0 ? 'h=' : ''}${name}${n < names.length - 1 ? ':' : end}`, n === 0 ? ' ' : ''));
    } else put(tag + end, ' ');
  }
  return out;
}

function signAsync(algorithm: string | null, data: Buffer, key: KeyObject): Promise<Buffer> {
  return new Promise((resolve, reject) => sign(algorithm, data, key, (err, signature) => (err ? reject(err) : resolve(signature))));
}

/**
 * The DKIM-Signature header fields (one per key, CRLF after each, the first
 * key's on top) for `message`, d=`domain`, signed at `time`.
 */
export async function dkimSignatures(domain: string, keys: readonly SigningKey[], message: Buffer, time = new Date()): Promise<string> {
  // latin1 keeps every byte as one character: the canonical forms and the hashes are over the bytes as sent.
  const { head, body } = splitMessage(message.toString('latin1'));
  const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');
  // Every instance of a signed field, from the bottom up (RFC 6376 5.4.2).
  const signed = headerFields(head).filter((f) => SIGNED.has(f.name.toLowerCase())).reverse();
  const names = signed.map((f) => f.name.toLowerCase()).join(':');
  const canonicalFields = signed.map((f) => `${relaxedField(f.name, f.value)}\r\n`).join('');
  const t = Math.floor(time.getTime() / 1000);
  const headers = await Promise.all(
    keys.map(async (key) => {
      const tags = ['v=1', `a=${ALGORITHM[key.algorithm]}`, 'c=relaxed/relaxed', `d=${domain}`, `s=${key.selector}`, `t=${t}`, `h=${names}`, `bh=${bodyHash}`, 'b='];
      const unsigned = foldTags(tags);
      const data = Buffer.from(canonicalFields + relaxedField('dkim-signature', unsigned.slice(unsigned.indexOf(':') + 1)), 'latin1');
      const privateKey = keyObject(key.privateKey);
      // RFC 8463: Ed25519 signs the SHA-256 of the canonical header; RSA hashes it itself.
      const signature = key.algorithm === 'rsa'
        ? await signAsync('sha256', data, privateKey)
        : await signAsync(null, createHash('sha256').update(data).digest(), privateKey);
      const b = signature.toString('base64');
      // b= folds within its value (RFC 6376 3.5 allows FWS there); the signed form read it as empty.
      const lastLine = unsigned.length - unsigned.lastIndexOf('\n');
      let folded = '';
      for (let at = 0, room = Math.max(8, 77 - lastLine); at < b.length; at += room, room = 75) folded += (at ? '\r\n ' : '') + b.slice(at, at + room);
      return `${unsigned}${folded}\r\n`;
    }),
  );
  return headers.join('');
}
