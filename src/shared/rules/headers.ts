// Header access shared by the rule modules. Rules only need "give me the
// value(s) of header X", so they take this tiny interface instead of a
// parser's object: tests build it from a record, the ingest path from
// mailparser's headerLines or from the raw bytes.

export type HeaderBag = {
  /** First occurrence of the header (name is case-insensitive), unfolded. */
  get(name: string): string | undefined;
  /** Every occurrence, in message order. Optional so any `Map`-like fits. */
  getAll?(name: string): string[];
};

/** All values of a header, whether or not the bag implements getAll. */
export function headerValues(headers: HeaderBag, name: string): string[] {
  if (headers.getAll) return headers.getAll(name);
  const v = headers.get(name);
  return v === undefined ? [] : [v];
}

function bagFromPairs(pairs: Array<[string, string]>): HeaderBag {
  const map = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    const list = map.get(key);
    if (list) list.push(v);
    else map.set(key, [v]);
  }
  return {
    get: (name) => map.get(name.toLowerCase())?.[0],
    getAll: (name) => [...(map.get(name.toLowerCase()) ?? [])],
  };
}

/** A bag from a plain record; arrays stand for repeated headers. */
export function headerBag(record: Record<string, string | string[] | undefined>): HeaderBag {
  const pairs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) pairs.push([k, one]);
  }
  return bagFromPairs(pairs);
}

/**
 * Parses only the header block of a raw message: stops at the first empty
 * line, unfolds continuation lines and decodes RFC 2047 encoded-words in
 * Subject (the one unstructured header the rules read as text). Other values
 * stay raw so address syntax is not disturbed by decoded display names.
 */
export function headerBagFromRaw(raw: Buffer | string): HeaderBag {
  // Decode only the header block of a Buffer: bodies can be megabytes.
  let text = typeof raw === 'string' ? raw : raw.subarray(0, headerEnd(raw)).toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  if (end >= 0) text = text.slice(0, end);
  const lines = text.split(/\r?\n/);
  // An mbox "From " separator line is not a header.
  if (lines[0]?.startsWith('From ')) lines.shift();
  const pairs: Array<[string, string]> = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      // RFC 5322 unfolding: the line break goes, the whitespace stays.
      const last = pairs[pairs.length - 1];
      if (last) last[1] += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // garbage line: ignore rather than fail
    pairs.push([line.slice(0, colon).trim(), line.slice(colon + 1)]);
  }
  return bagFromPairs(
    pairs.map(([k, v]) => {
      const value = v.trim();
      return [k, k.toLowerCase() === 'subject' ? decodeEncodedWords(value) : value];
    }),
  );
}

function headerEnd(buf: Buffer): number {
  const ends = [buf.indexOf('\r\n\r\n'), buf.indexOf('\n\n')].filter((i) => i >= 0);
  return ends.length ? Math.min(...ends) + 2 : buf.length;
}

/** From mailparser's `ParsedMail.headerLines` (exact, keeps List-* headers). */
export function headerBagFromParsed(mail: {
  headerLines: ReadonlyArray<{ key: string; line: string }>;
}): HeaderBag {
  return headerBagFromRaw(mail.headerLines.map((h) => h.line).join('\r\n'));
}

/**
 * Best effort from mailparser's `ParsedMail.headers` Map, whose values are
 * already structured (addresses, dates, content-type objects, and all List-*
 * headers merged under "list"). Prefer headerBagFromParsed when headerLines
 * are at hand.
 */
export function headerBagFromMap(map: ReadonlyMap<string, unknown>): HeaderBag {
  const pairs: Array<[string, string]> = [];
  for (const [key, value] of map) {
    if (key === 'list' && value && typeof value === 'object') {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) {
        pairs.push([`list-${sub}`, listValueToString(sub, v)]);
      }
      continue;
    }
    for (const one of Array.isArray(value) ? value : [value]) {
      pairs.push([key, mapValueToString(one)]);
    }
  }
  return bagFromPairs(pairs);
}

function mapValueToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toUTCString();
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.text === 'string') return o.text; // AddressObject
    if (typeof o.value === 'string') {
      const params = (o.params ?? {}) as Record<string, string>;
      return [o.value, ...Object.entries(params).map(([k, p]) => `${k}=${p}`)].join('; ');
    }
  }
  return String(v);
}

function listValueToString(sub: string, v: unknown): string {
  const o = (v ?? {}) as Record<string, string | undefined>;
  if (sub === 'id') return o.name ? `"${o.name}" <${o.id ?? ''}>` : `<${o.id ?? ''}>`;
  const parts: string[] = [];
  if (o.url) parts.push(`<${o.url}>`);
  if (o.mail) parts.push(`<mailto:${o.mail}>`);
  return parts.join(', ');
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * RFC 2047 decoding. Adjacent encoded-words in the same charset are joined
 * as bytes before decoding, because mailers split multi-byte UTF-8
 * characters across words; whitespace between encoded-words is dropped.
 */
export function decodeEncodedWords(value: string): string {
  type Chunk = { kind: 'text'; text: string } | { kind: 'word'; charset: string; bytes: Buffer };
  const chunks: Chunk[] = [];
  let pos = 0;
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(pos, m.index);
    const prev = chunks[chunks.length - 1];
    if (!(prev?.kind === 'word' && /^\s*$/.test(between)) && between) {
      chunks.push({ kind: 'text', text: between });
    }
    const charset = m[1]!.toLowerCase();
    const bytes =
      m[2]!.toUpperCase() === 'B'
        ? Buffer.from(m[3]!, 'base64')
        : Buffer.from(
            m[3]!
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          );
    const last = chunks[chunks.length - 1];
    if (last?.kind === 'word' && last.charset === charset) last.bytes = Buffer.concat([last.bytes, bytes]);
    else chunks.push({ kind: 'word', charset, bytes });
    pos = m.index + m[0].length;
  }
  if (pos === 0) return value;
  const rest = value.slice(pos);
  if (rest) chunks.push({ kind: 'text', text: rest });
  return chunks.map((c) => (c.kind === 'text' ? c.text : decodeCharset(c.bytes, c.charset))).join('');
}

function decodeCharset(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    // Unknown charset label: latin1 never throws and keeps ASCII intact.
    return bytes.toString('latin1');
  }
}

/** The bare address of the first mailbox in an address header value. */
export function firstAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const angle = /<([^<>]*)>/.exec(value);
  if (angle) return angle[1]!.trim();
  // No angle brackets: drop "(comments)" and take the first token with an @.
  const bare = value.replace(/\([^()]*\)/g, ' ').trim();
  const token = bare.split(/[\s,;]+/).find((t) => t.includes('@'));
  return token ?? (bare || undefined);
}

/** Local part of an address, lowercased ("" for the null path). */
export function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at >= 0 ? address.slice(0, at) : address).toLowerCase();
}
