import addressparser from 'nodemailer/lib/addressparser/index.js';
import { encodeWord, encodeWords, foldLines } from 'nodemailer/lib/mime-funcs/index.js';

/**
 * A stored message as header fields and body bytes, so a list copy can drop,
 * replace and add header fields while the body (MIME parts, signatures,
 * attachments) goes out byte for byte as the author sent it. Header bytes
 * are kept as latin1 so 8-bit headers survive untouched.
 */
export interface HeaderField {
  /** Lower-cased field name. */
  name: string;
  /** The whole field as it arrived, continuation lines included, without the final line break. */
  raw: string;
}

export interface SplitMessage {
  fields: HeaderField[];
  body: Buffer;
}

export function splitMessage(raw: Buffer): SplitMessage {
  const text = raw.toString('latin1');
  const crlf = text.indexOf('\r\n\r\n');
  const lf = text.indexOf('\n\n');
  let headerEnd: number;
  let bodyStart: number;
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) [headerEnd, bodyStart] = [crlf, crlf + 4];
  else if (lf >= 0) [headerEnd, bodyStart] = [lf, lf + 2];
  else [headerEnd, bodyStart] = [text.length, text.length];

  const fields: HeaderField[] = [];
  for (const line of text.slice(0, headerEnd).split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1]!.raw += `\r\n${line}`;
    else if (line.includes(':')) fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), raw: line });
    // A line that is neither a field nor a continuation is dropped: it would corrupt the header block.
  }
  return { fields, body: raw.subarray(bodyStart) };
}

/** The value of the first field with this name, unfolded (still encoded as it arrived). */
export function fieldValue(fields: HeaderField[], name: string): string | undefined {
  const field = fields.find((f) => f.name === name);
  return field ? field.raw.slice(field.raw.indexOf(':') + 1).replace(/\r\n/g, '').trim() : undefined;
}

/** An unstructured field (Subject), RFC 2047-encoded when it is not ASCII, folded. */
export function unstructuredField(name: string, value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  return foldLines(`${name}: ${encodeWords(clean, 'Q', 52)}`, 76);
}

export interface Mailbox {
  name?: string;
  address: string;
}

/** Parses "A <a@x>, b@y" (as formatted by rules/dmarc.ts or read from a header). */
export function parseMailboxes(value: string): Mailbox[] {
  return addressparser(value, { flatten: true })
    .filter((a): a is { name: string; address: string } => 'address' in a && !!a.address)
    .map((a) => ({ name: a.name || undefined, address: a.address }));
}

/** An address field (From, Reply-To, Cc) with display names quoted or encoded as needed, folded. */
export function addressField(name: string, mailboxes: Mailbox[]): string {
  const formatted = mailboxes.map(({ name: display, address }) => {
    const phrase = display?.replace(/[\r\n\t]+/g, ' ').trim();
    if (!phrase) return `<${address}>`;
    // eslint-disable-next-line no-control-regex
    const ascii = /^[\x20-\x7e]*$/.test(phrase);
    return `${ascii ? `"${phrase.replace(/(["\\])/g, '\\$1')}"` : encodeWord(phrase, 'Q', 52)} <${address}>`;
  });
  return foldLines(`${name}: ${formatted.join(', ')}`, 76);
}

/**
 * A field whose value is already a valid header value (List-*, Precedence),
 * folded. Any non-ASCII left in it is RFC 2047-encoded: the header block is
 * joined as latin1 (to keep the author's 8-bit fields byte for byte), where a
 * character outside Latin-1 would be garbled.
 */
export function plainField(name: string, value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  // eslint-disable-next-line no-control-regex
  return foldLines(`${name}: ${/^[\x00-\x7f]*$/.test(clean) ? clean : encodeWords(clean, 'Q', 52)}`, 76);
}

/** Header block and body back into one message (the fields' strings hold bytes, one char each: see splitMessage). */
export function joinMessage(lines: string[], body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
