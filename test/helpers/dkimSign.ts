import { createHash, sign } from 'node:crypto';

/**
 * A DKIM signer written for the tests from RFC 6376 (rsa-sha256,
 * relaxed/relaxed), independent of mailauth's and nodemailer's signers, so
 * a shared mistake cannot make a test pass. It can do what those refuse to:
 * sign only the first `bodyLength` octets of the body (l=), or leave Date,
 * To or Cc out of h=.
 */
export interface SignOptions {
  domain: string;
  selector: string;
  /** PEM (PKCS#8), as dkimKey() makes it. */
  privateKey: string;
  /** h=, in order; the default signs From, To, Cc, Subject, Date and Message-ID. */
  headers?: string[];
  /** l=: 'body' for the whole body as it is now (text appended later is unsigned). */
  bodyLength?: number | 'body';
}

/** The message (CRLF line ends) with a DKIM-Signature header added on top. */
export function signDkim(message: string, options: SignOptions): string {
  const split = message.indexOf('\r\n\r\n');
  const head = message.slice(0, split + 2);
  const body = Buffer.from(relaxedBody(message.slice(split + 4)), 'utf8');
  const length = options.bodyLength === 'body' ? body.length : options.bodyLength;
  const bh = createHash('sha256').update(length === undefined ? body : body.subarray(0, length)).digest('base64');
  const names = options.headers ?? ['from', 'to', 'cc', 'subject', 'date', 'message-id'];
  const tags = [
    'v=1', 'a=rsa-sha256', 'c=relaxed/relaxed', `d=${options.domain}`, `s=${options.selector}`,
    `t=${Math.floor(Date.now() / 1000)}`, `h=${names.join(':')}`, ...(length === undefined ? [] : [`l=${length}`]), `bh=${bh}`, 'b=',
  ];
  const unsigned = tags.join('; ');
  const fields = headerFields(head);
  // A name in h= signs its instances from the bottom up; one that is missing signs nothing (RFC 6376 5.4.2).
  const used = new Map<string, number>();
  let data = '';
  for (const name of names) {
    const instances = fields.filter((f) => f.name === name);
    const n = used.get(name) ?? 0;
    used.set(name, n + 1);
    const field = instances[instances.length - 1 - n];
    if (field) data += `${name}:${relaxedValue(field.value)}\r\n`;
  }
  data += `dkim-signature:${relaxedValue(unsigned)}`;
  const b = sign('sha256', Buffer.from(data, 'utf8'), options.privateKey).toString('base64');
  return `DKIM-Signature: ${unsigned}${b}\r\n${message}`;
}

function headerFields(head: string): { name: string; value: string }[] {
  const fields: { name: string; value: string }[] = [];
  for (const line of head.split('\r\n')) {
    if (!line) continue;
    if (/^[ \t]/.test(line)) fields[fields.length - 1]!.value += `\r\n${line}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), value: line.slice(line.indexOf(':') + 1) });
  }
  return fields;
}

function relaxedValue(value: string): string {
  return value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim();
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}
