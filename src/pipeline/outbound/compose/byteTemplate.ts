import { randomBytes } from 'node:crypto';
import Handlebars from 'handlebars';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import MimeNode from 'nodemailer/lib/mime-node/index.js';
import { foldLines, hasLongerLines, isPlainText } from 'nodemailer/lib/mime-funcs/index.js';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { foldedValue } from './foldedValue.ts';

/**
 * The bytes shared by every copy of a mailing, built once per variant, with
 * the places where each member's own values go (name, reply address,
 * unsubscribe link, ballot code). Filling one is string joins, one
 * quoted-printable pass per body part and a few header lines: no Handlebars
 * run, no MIME tree, no stream. The bytes are those nodemailer writes for
 * the same options (the same encoders, called the same way), which the
 * tests check against the composer copy by copy.
 *
 * Supported shapes (what member mailings are): one text/plain part, or
 * multipart/alternative of text/plain and text/html, quoted-printable text
 * encoding. Anything else is NotTemplatable, and its copies are composed
 * one by one as before.
 */
export class NotTemplatable extends Error {
  override name = 'NotTemplatable';
}

/** Where member values go while the shared parts are rendered: marker strings no text contains (a fresh nonce per template). */
export interface Slots {
  /** The marker for a value, to put where the composer would put the value. */
  slot(name: string): string;
}

/** One copy's own values: by slot name, and the copy's Date (the decision's time, a Date, not text). */
export interface CopyValues {
  values: Readonly<Record<string, string>>;
  date: Date;
}

export interface ByteTemplate {
  fill(copy: CopyValues): Buffer;
}

type Piece = Buffer | ((copy: CopyValues) => string);

/** Fills the markers of one string, each value passed through `encode` (HTML escaping in the HTML part). */
type Filler = (values: Readonly<Record<string, string>>) => string;

const html = Handlebars.Utils.escapeExpression;
const asIs = (v: string) => v;

function makeSlots(): Slots & { pattern: RegExp; probe: RegExp; names: string[] } {
  const nonce = randomBytes(6).toString('hex');
  const names: string[] = [];
  return {
    names,
    // Global, for matchAll (which starts from a copy of it); the probe has no state between tests.
    pattern: new RegExp(`T${nonce}S(\\d+)E`, 'g'),
    probe: new RegExp(`T${nonce}S\\d+E`),
    slot(name) {
      let i = names.indexOf(name);
      if (i < 0) i = names.push(name) - 1;
      return `T${nonce}S${i}E`;
    },
  };
}

type Built = ReturnType<typeof makeSlots>;

/** Splits a string at its markers once; the filler joins the pieces with a copy's values. */
function filler(text: string, slots: Built, encode: (v: string) => string): Filler | null {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(slots.pattern)) {
    parts.push(text.slice(last, m.index), Number(m[1]));
    last = m.index! + m[0].length;
  }
  if (!parts.length) return null;
  parts.push(text.slice(last));
  const names = slots.names;
  return (values) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else {
        const value = values[names[part]!];
        if (value === undefined) throw new Error(`no value for ${names[part]}`);
        out += encode(value);
      }
    }
    return out;
  };
}

const hasSlot = (text: string, slots: Built) => slots.probe.test(text);

/** A text part as nodemailer writes it for a string with textEncoding 'quoted-printable': 7bit when plain with short lines. */
function textPart(content: string): { encoding: string; body: string } {
  if (isPlainText(content) && !hasLongerLines(content, 76)) return { encoding: '7bit', body: content };
  return { encoding: 'quoted-printable', body: qpWrap(qpEncode(content), 76) };
}

/** A body part's encoding and bytes for one copy. */
type PartFiller = (values: Readonly<Record<string, string>>) => { encoding: string; body: string };

/**
 * textPart of a text with markers, for each copy's values. Quoted-printable
 * encoding looks one byte ahead at most, so it works line by line: the lines
 * without a marker are encoded once, only those holding a member's value per
 * copy. The soft line breaks (nodemailer's wrap at 76) are put in per copy
 * over the whole text, since wrap's windows run across bare line feeds.
 */
function partFiller(text: string, slots: Built, encode: (v: string) => string): PartFiller {
  if (!hasSlot(text, slots)) {
    const fixed = textPart(text);
    return () => fixed;
  }
  // Runs of lines, each either fixed (encoded now) or holding markers (filled and encoded per copy).
  type Run = { fixed: true; raw: string; qp: string; plain: boolean; long: boolean } | { fixed: false; fill: Filler };
  const runs: Run[] = [];
  let fixedRaw = '';
  const flushFixed = () => {
    if (fixedRaw) runs.push({ fixed: true, raw: fixedRaw, qp: qpEncode(fixedRaw), plain: isPlainText(fixedRaw), long: hasLongerLines(fixedRaw, 76) });
    fixedRaw = '';
  };
  for (const line of text.split(/(?<=\n)/)) {
    const fill = hasSlot(line, slots) ? filler(line, slots, encode) : null;
    if (!fill) fixedRaw += line;
    else {
      flushFixed();
      runs.push({ fixed: false, fill });
    }
  }
  flushFixed();
  return (values) => {
    const filled = runs.map((run) => (run.fixed ? run.raw : run.fill(values)));
    let plain = true;
    let long = false;
    runs.forEach((run, i) => {
      if (run.fixed) (plain &&= run.plain), (long ||= run.long);
      else (plain &&= isPlainText(filled[i]!)), (long ||= hasLongerLines(filled[i]!, 76));
    });
    if (plain && !long) return { encoding: '7bit', body: filled.join('') };
    return { encoding: 'quoted-printable', body: qpWrap(runs.map((run, i) => (run.fixed ? run.qp : qpEncode(filled[i]!))).join(''), 76) };
  };
}

/** The header fields of a header block, each with its folded lines: a field ends at a CRLF not followed by a space or tab. */
function headerFields(block: string): string[] {
  return block.split(/\r\n(?![ \t])/);
}

/**
 * Builds the byte template of `message`: the composer's options with
 * `slots.slot(name)` wherever a member's value goes (the text, the HTML,
 * Reply-To, In-Reply-To, References, a prepared header). `message.to`,
 * `messageId` and `date` are the copy's own and are written per copy.
 */
export async function buildByteTemplate(compose: (slots: Slots) => Mail.Options | Promise<Mail.Options>): Promise<ByteTemplate> {
  const slots = makeSlots();
  const message = await compose(slots);
  if (message.textEncoding !== 'quoted-printable' || message.attachments?.length || message.alternatives?.length || message.amp || message.watchHtml || message.icalEvent) {
    throw new NotTemplatable('only text and HTML parts with quoted-printable text encoding');
  }
  if (typeof message.text !== 'string' || (message.html !== undefined && typeof message.html !== 'string')) throw new NotTemplatable('text and HTML must be strings');
  const baseBoundary = randomBytes(8).toString('hex');
  const template = (await new MailComposer({ ...message, baseBoundary }).compile().build()).toString('utf8');
  const headerEnd = template.indexOf('\r\n\r\n');
  const fields = headerFields(template.slice(0, headerEnd));

  // The header values a copy writes again: what varies by row (To, Message-ID, Date) and any value holding a marker.
  const headerNode = new MimeNode(false, { textEncoding: message.textEncoding });
  const sources = new Map<string, unknown>([
    ['to', message.to],
    ['reply-to', message.replyTo],
    ['message-id', message.messageId],
    // A mail that answers a message (a receipt): its threading is its own.
    ['in-reply-to', message.inReplyTo],
    ['references', message.references],
    ...Object.entries((message.headers as Record<string, unknown>) ?? {}).map(([k, v]) => [k.toLowerCase(), v] as [string, unknown]),
  ]);
  const text = message.text;
  const htmlBody = message.html as string | undefined;
  const textFill = partFiller(text, slots, asIs);
  const htmlFill = htmlBody === undefined ? null : partFiller(htmlBody, slots, html);
  const multipart = htmlBody !== undefined;

  const pieces: Piece[] = [];
  let pending = '';
  const flush = () => {
    if (pending) pieces.push(Buffer.from(pending, 'utf8'));
    pending = '';
  };
  const dynamic = (piece: (copy: CopyValues) => string) => {
    flush();
    pieces.push(piece);
  };

  for (const field of fields) {
    const key = field.slice(0, field.indexOf(':'));
    const lower = key.toLowerCase();
    if (lower === 'date') {
      // A mailing's copies share their decision's time: the line is written again only when the time changes.
      let last: { time: number; line: string } | undefined;
      dynamic((copy) => {
        const time = copy.date.getTime();
        if (last?.time !== time) last = { time, line: foldLines(`${key}: ${headerNode.encodeHeaderValue(key, copy.date)}`, 76) + '\r\n' };
        return last.line;
      });
    } else if (lower === 'content-transfer-encoding' && !multipart) {
      // One text part: its encoding is in the message's own header, and depends on the copy's text.
      dynamic((copy) => `${key}: ${textFill(copy.values).encoding}\r\n`);
    } else if (lower === 'to' || lower === 'message-id' || hasSlot(field, slots)) {
      if (!sources.has(lower)) throw new NotTemplatable(`a member's value in ${key}, which a copy cannot write again`);
      dynamic(headerLine(key, sources.get(lower), slots, headerNode));
    } else {
      pending += `${field}\r\n`;
    }
  }
  pending += '\r\n';
  // A member's value in a header the composed bytes do not have (nodemailer drops a value it cannot read) would be lost.
  const written = new Set(fields.map((f) => f.slice(0, f.indexOf(':')).toLowerCase()));
  for (const [key, source] of sources) {
    if (!written.has(key) && hasSlot(JSON.stringify(source ?? ''), slots)) throw new NotTemplatable(`${key} holds a member's value but was not written`);
  }

  if (!multipart) {
    dynamic((copy) => {
      const body = textFill(copy.values).body;
      // nodemailer ends the message with a line break when the body does not.
      return body.endsWith('\n') ? body : body.endsWith('\r') ? `${body}\n` : `${body}\r\n`;
    });
  } else {
    const contentType = fields.find((f) => /^content-type:/i.test(f)) ?? '';
    const boundary = /boundary="?([^";\r\n]+)"?/.exec(contentType)?.[1];
    if (!boundary || !/^content-type: multipart\/alternative;/i.test(contentType)) {
      throw new NotTemplatable('not multipart/alternative');
    }
    const part = (contentType: string, fill: PartFiller) => (copy: CopyValues) => {
      const { encoding, body } = fill(copy.values);
      return `Content-Type: ${contentType}\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${body}`;
    };
    pending += `--${boundary}\r\n`;
    dynamic(part('text/plain; charset=utf-8', textFill));
    pending += `\r\n--${boundary}\r\n`;
    dynamic(part('text/html; charset=utf-8', htmlFill!));
    pending += `\r\n--${boundary}--\r\n`;
  }
  flush();

  const fill = (copy: CopyValues) => Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p(copy), 'utf8'))));
  // The template must write what nodemailer wrote for the same options: checked on the markers themselves, once.
  const markers = Object.fromEntries(slots.names.map((n) => [n, slots.slot(n)]));
  const again = fill({ values: markers, date: message.date as Date }).toString('utf8');
  if (again !== template) throw new NotTemplatable('the template does not reproduce the composed bytes');
  return { fill };
}

/** One header field as nodemailer writes it, from the composer's value with the copy's values in place of the markers. */
function headerLine(key: string, source: unknown, slots: Built, node: MimeNode): (copy: CopyValues) => string {
  if (source && typeof source === 'object' && 'prepared' in source && (source as { prepared: boolean }).prepared) {
    // Prepared values were folded by the composer (compose.ts, preparedHeaders): unfold, fill, and fold again as it does.
    const value = String((source as unknown as { value: string }).value).replace(/\r\n(?=[ \t])/g, '');
    const fill = filler(value, slots, asIs);
    return (copy) => `${key}: ${foldedValue(key, fill ? fill(copy.values) : value)}\r\n`;
  }
  const fillValue = (v: unknown, copy: CopyValues): unknown => {
    if (typeof v === 'string') return filler(v, slots, asIs)?.(copy.values) ?? v;
    if (v && typeof v === 'object' && !Array.isArray(v) && 'address' in v) {
      const a = v as { name?: string; address: string };
      return { name: fillValue(a.name ?? '', copy), address: fillValue(a.address, copy) };
    }
    throw new NotTemplatable(`${key}: a value of a kind the template does not fill`);
  };
  return (copy) => foldLines(`${key}: ${node.encodeHeaderValue(key, fillValue(source, copy) as Parameters<MimeNode['encodeHeaderValue']>[1])}`, 76) + '\r\n';
}
