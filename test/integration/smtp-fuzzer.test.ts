import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * A seeded SMTP fuzzer on loopback: mutated sessions and messages (MIME
 * bombs, a 1 MB header block, missing boundaries, NUL bytes, 8-bit headers,
 * bare LF and <LF>.<CR><LF> smuggling, 17,000-byte command lines, resets
 * during DATA). Every command gets a well-formed reply, the process stays up,
 * its memory stays bounded, and every message answered 250 is stored.
 * FUZZ_SESSIONS and FUZZ_SEED run more or other sessions (the number is 10,000).
 */
const SESSIONS = Number(process.env.FUZZ_SESSIONS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const PARALLEL = 6;

/** mulberry32: small, seeded, good enough to pick mutations reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
type Rng = ReturnType<typeof rng>;

const DOMAIN = 'tacit.localhost';

function headers(r: Rng, extra = ''): string {
  return `From: fuzz${r.int(1000)}@example.org\r\nTo: request@${DOMAIN}\r\nSubject: help\r\nMessage-ID: <fuzz-${r.int(1e9)}@example.org>\r\n${extra}`;
}

function nested(levels: number): string {
  let body = 'Content-Type: text/plain\r\n\r\nhelp\r\n';
  for (let i = levels; i > 0; i--) body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
  return body;
}

/** Message bodies, from ordinary to hostile; each a Buffer that does not contain its own end-of-data mark. */
const bodies: Array<[string, (r: Rng) => Buffer]> = [
  ['plain', (r) => Buffer.from(`${headers(r)}\r\nhelp\r\n`)],
  ['1,100 MIME parts', (r) => {
    const parts = Array.from({ length: 1100 }, (_, i) => `--B\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`).join('');
    return Buffer.from(`${headers(r, 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="B"\r\n')}\r\n${parts}--B--\r\n`);
  }],
  ['50 nested levels', (r) => Buffer.from(`${headers(r, 'MIME-Version: 1.0\r\n')}${nested(50)}`)],
  ['1 MB header block', (r) => Buffer.from(`${headers(r)}${'X-Fill: 0123456789012345678901234567890123456789012345678901234567890123456789\r\n'.repeat(13_500)}\r\nhelp\r\n`)],
  ['missing boundary', (r) => Buffer.from(`${headers(r, 'MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n')}\r\n--x\r\nhelp\r\n`)],
  ['NUL bytes', (r) => Buffer.concat([Buffer.from(headers(r)), Buffer.from('\r\nhe\0lp\0\0\r\n')])],
  ['8-bit headers', (r) => Buffer.concat([Buffer.from(`${headers(r)}X-Eight: `), Buffer.from([0xe9, 0xff, 0x80, 0xc3]), Buffer.from('\r\n\r\nhelp\r\n')])],
  ['bare LF', (r) => Buffer.from(`${headers(r)}\r\nhelp\nstatus\n\nmore\n`)],
  ['<LF>.<CR><LF> smuggling', (r) => Buffer.from(`${headers(r)}\r\nhelp\n.\r\nMAIL FROM:<smuggled@evil.example>\r\nRCPT TO:<request@${DOMAIN}>\r\nDATA\r\nsmuggled\r\n`)],
  ['random bytes in a message', (r) => {
    const base = Buffer.from(`${headers(r)}\r\nhelp\r\nstatus\r\n`);
    for (let i = 0; i < 20; i++) base[r.int(base.length)] = r.int(256);
    return base;
  }],
];

/** Dot-stuffs and ends a body as SMTP requires, so the server sees exactly these bytes. */
function dataOf(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/(^|\n)\./g, '$1..');
  return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from(text.endsWith('\r\n') ? '.\r\n' : '\r\n.\r\n')]);
}

/** One SMTP client connection: sends lines, returns the final line of each reply ('closed' when the server hung up). */
class Client {
  private buffer = '';
  private waiting: ((line: string) => void) | null = null;
  private closed = false;
  readonly socket: net.Socket;
  constructor(port: number) {
    this.socket = net.connect(port, '127.0.0.1');
    this.socket.on('data', (d) => {
      this.buffer += d.toString('latin1');
      this.flush();
    });
    this.socket.on('error', () => {});
    this.socket.on('close', () => {
      this.closed = true;
      this.flush();
    });
  }
  private flush() {
    if (!this.waiting) return;
    const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n/.exec(this.buffer);
    if (m) {
      const end = m.index + m[0].length;
      const reply = this.buffer.slice(0, end).trim().split('\r\n').pop()!;
      this.buffer = this.buffer.slice(end);
      const w = this.waiting;
      this.waiting = null;
      w(reply);
    } else if (this.closed) {
      const w = this.waiting;
      this.waiting = null;
      w('closed');
    }
  }
  next(): Promise<string> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 20_000);
      this.waiting = (line) => (clearTimeout(timer), resolve(line));
      this.flush();
    });
  }
  async say(data: string | Buffer): Promise<string> {
    if (this.closed) return 'closed';
    this.socket.write(data);
    return this.next();
  }
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { SMTP_MAX_SIZE: String(2 * 1024 * 1024), SMTP_MAX_RECIPIENTS: '5' } });
});
afterAll(async () => {
  await h?.close();
});

const VALID = /^[2345]\d\d[ -]/;

async function session(r: Rng, port: number, accepted: number[], bad: string[]): Promise<void> {
  const c = new Client(port);
  const check = (what: string, reply: string) => {
    if (reply === 'closed') return false;
    if (!VALID.test(reply)) bad.push(`${what}: ${reply}`);
    return true;
  };
  try {
    if (!check('greeting', await c.next())) {
      bad.push('no greeting');
      return;
    }
    const longLine = r.next() < 0.08;
    const helo = longLine ? `EHLO ${'h'.repeat(17_000)}` : r.pick(['EHLO fuzz.example', 'HELO fuzz.example', 'EHLO', 'EHLO \u00e9t\u00e9.example']);
    if (!check('helo', await c.say(`${helo}\r\n`))) return;
    const from = r.next() < 0.05 ? `MAIL FROM:<${'f'.repeat(17_000)}@example.org>` : r.pick(['MAIL FROM:<a@example.org>', 'MAIL FROM:<>', 'MAIL FROM:a@example.org', 'MAIL FROM:<a@example.org> SIZE=1000']);
    if (!check('mail', await c.say(`${from}\r\n`))) return;
    const rcpts = 1 + r.int(3);
    for (let i = 0; i < rcpts; i++) {
      const to = r.pick([`request@${DOMAIN}`, `request@${DOMAIN}`, `nobody@${DOMAIN}`, 'someone@elsewhere.example', `<request@${DOMAIN}>`]);
      if (!check('rcpt', await c.say(`RCPT TO:<${to.replace(/[<>]/g, '')}>\r\n`))) return;
    }
    const data = await c.say('DATA\r\n');
    if (!check('data', data)) return;
    if (data.startsWith('354')) {
      const [, make] = r.pick(bodies);
      const bytes = dataOf(make(r));
      if (r.next() < 0.08) {
        // A reset during DATA: half the message, then the connection is torn down.
        c.socket.write(bytes.subarray(0, bytes.length >> 1));
        c.socket.resetAndDestroy();
        return;
      }
      const answer = await c.say(bytes);
      if (!check('end of data', answer)) {
        bad.push('no answer to the end of data');
        return;
      }
      const queued = /^250 .*queued as (\d+)/.exec(answer);
      if (queued) accepted.push(Number(queued[1]));
    }
    if (r.next() < 0.3) check('rset', await c.say('RSET\r\n'));
    check('quit', await c.say('QUIT\r\n'));
  } finally {
    c.socket.destroy();
  }
}

describe('SMTP fuzzer', () => {
  it(`${SESSIONS} seeded sessions (seed ${SEED}): valid replies, process up, memory bounded, every 250 stored`, async () => {
    const r = rng(SEED);
    const accepted: number[] = [];
    const bad: string[] = [];
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    try {
      let started = 0;
      const lane = async () => {
        while (started < SESSIONS) {
          started++;
          await session(rng(r.int(2 ** 31)), h.server.smtpPort, accepted, bad);
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, lane));
    } finally {
      clearInterval(sampler);
    }
    expect(bad).toEqual([]);
    // Still serving after all of it.
    const probe = new Client(h.server.smtpPort);
    expect(await probe.next()).toMatch(/^220 /);
    probe.socket.destroy();
    // Every 250 is a stored message.
    expect(accepted.length).toBeGreaterThan(SESSIONS / 10);
    const ids = [...new Set(accepted)];
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from inbound_messages where id = any(${ids})`;
    expect(n).toBe(ids.length);
    // Nothing smuggled after a bare <LF>.<CR><LF> became a transaction of its own.
    const [{ smuggled }] = await h.ctx.sql`select count(*)::int as smuggled from inbound_messages where envelope_from = 'smuggled@evil.example'`;
    expect(smuggled).toBe(0);
    // Memory: bounded by the size limit times the sessions in flight, not by the number of sessions.
    expect(peak - baseline).toBeLessThan(400 * 1024 * 1024);
    console.log(`fuzzer: ${SESSIONS} sessions, ${ids.length} stored, RSS ${Math.round(baseline / 2 ** 20)} → peak ${Math.round(peak / 2 ** 20)} MiB`);
  }, 300_000);
});
