// What each DKIM-Signature header of a message claims, read by Tacit itself:
// a verifier's verdict (mailauth's, or a trusted MX's Authentication-Results)
// says whether a signature verified, not how much of the body it covers nor
// which headers it signed. Pure: the caller passes the raw bytes.

export interface DkimSignature {
  /** d=, lower case. */
  domain: string;
  /** b= without whitespace: what identifies this signature (and its replays). */
  b: string;
  /** h=, lower case, in order (a name given twice signs two instances, bottom up). */
  signedHeaders: string[];
  /** l=, or null when the signature covers the whole body by definition. */
  bodyLength: number | null;
  /** False when l= leaves bytes of the body unsigned (mailauth calls it "undersized"). */
  wholeBody: boolean;
}

/** The signatures of a message, from its DKIM-Signature header values and its raw bytes. */
export function readDkimSignatures(values: string[], raw: Buffer): DkimSignature[] {
  const body = bodyOf(raw);
  const lengths = new Map<string, number>();
  const canonicalLength = (canon: string) => {
    let n = lengths.get(canon);
    if (n === undefined) lengths.set(canon, (n = canonicalBodyLength(body, canon)));
    return n;
  };
  const signatures: DkimSignature[] = [];
  for (const value of values) {
    const tags = parseTags(value);
    const domain = (tags.get('d') ?? '').toLowerCase();
    const b = (tags.get('b') ?? '').replace(/\s+/g, '');
    if (!domain || !b) continue;
    const l = tags.get('l');
    const bodyLength = l === undefined ? null : /^\d{1,15}$/.test(l) ? Number(l) : -1;
    const bodyCanon = (tags.get('c') ?? 'simple/simple').split('/')[1]?.trim().toLowerCase() || 'simple';
    signatures.push({
      domain,
      b,
      signedHeaders: (tags.get('h') ?? '').split(':').map((h) => h.trim().toLowerCase()).filter(Boolean),
      bodyLength,
      wholeBody: bodyLength === null || bodyLength >= canonicalLength(bodyCanon),
    });
  }
  return signatures;
}

/** tag=value pairs of a DKIM-Signature value (RFC 6376 3.2); whitespace inside values is kept for the caller. */
function parseTags(value: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim().toLowerCase();
    if (!tags.has(name)) tags.set(name, part.slice(eq + 1).trim());
  }
  return tags;
}

function bodyOf(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return raw.subarray(crlf + 4);
  return lf >= 0 ? raw.subarray(lf + 2) : Buffer.alloc(0);
}

/**
 * The length in octets of the body after DKIM body canonicalization
 * (RFC 6376 3.4.3 simple, 3.4.4 relaxed), which is what l= counts. A bare LF
 * counts as a line end, as verifiers read it.
 */
export function canonicalBodyLength(body: Buffer, canon: string): number {
  const lines = body.toString('latin1').split(/\r?\n/);
  const relaxed = canon === 'relaxed';
  const canonical = relaxed ? lines.map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, '')) : lines;
  // Empty lines at the end are ignored (the last element is what follows the final line end).
  let end = canonical.length;
  while (end > 0 && canonical[end - 1] === '') end--;
  if (end === 0) return relaxed ? 0 : 2; // an empty body is "" relaxed, CRLF simple
  let length = 0;
  for (let i = 0; i < end; i++) length += canonical[i]!.length + 2;
  return length;
}
