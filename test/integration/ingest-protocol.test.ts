import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';

const run = promisify(execFile);
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ env: { SMTP_MAX_SIZE: '20000', SMTP_MAX_RECIPIENTS: '3' } });
  await h.ctx.sql`insert into groups (slug, name) values ('icc', 'Interim Consultative Committee')`;
});
afterAll(async () => {
  await h?.close();
});

/** A raw SMTP dialogue, to see exactly which code each step gets. */
async function dialogue(lines: string[]): Promise<string[]> {
  const socket = net.connect(h.server.smtpPort, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const match = /(^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
        if (match) {
          const reply = buffer;
          buffer = '';
          resolve(reply.trim().split('\r\n').pop()!);
        } else socket.once('data', (d) => ((buffer += d), check()));
      };
      check();
    });
  replies.push(await next());
  for (const line of lines) {
    socket.write(line + '\r\n');
    replies.push(await next());
  }
  socket.end();
  return replies;
}

describe('recipients', () => {
  it.each([
    ['nobody@tacit.localhost', 550],
    ['request@elsewhere.example', 550],
    ['nolist@tacit.localhost', 550],
    ['nolist-request@tacit.localhost', 550],
    ['icc@tacit.localhost', 250],
    ['icc-request@tacit.localhost', 250],
    ['icc-consult@tacit.localhost', 250],
    ['icc-owner@tacit.localhost', 250],
    ['request@tacit.localhost', 250],
    ['consult@tacit.localhost', 250],
    ['reply+1x2_0123456789abcdef0123456789abcdef@tacit.localhost', 250],
  ])('RCPT TO:<%s> gets %i', async (address, code) => {
    const replies = await dialogue(['HELO client.example', 'MAIL FROM:<a@example.org>', `RCPT TO:<${address}>`, 'QUIT']);
    expect(replies[0]).toMatch(/^220 /);
    expect(replies[1]).toMatch(/^250 /);
    expect(replies[3].slice(0, 3)).toBe(String(code));
  });

  it('refuses recipients past the limit with 452', async () => {
    const replies = await dialogue([
      'EHLO client.example',
      'MAIL FROM:<a@example.org>',
      'RCPT TO:<request@tacit.localhost>',
      'RCPT TO:<consult@tacit.localhost>',
      'RCPT TO:<icc@tacit.localhost>',
      'RCPT TO:<icc-request@tacit.localhost>',
      'QUIT',
    ]);
    expect(replies.slice(3, 7).map((r) => r.slice(0, 3))).toEqual(['250', '250', '250', '452']);
  });
});

describe('DATA', () => {
  it('refuses an oversized message with 552 and stores nothing', async () => {
    const before = await h.ctx.sql`select count(*)::int as n from inbound_messages`;
    const err = await h
      .send({ from: 'big@example.org', to: `request@${h.domain}`, subject: 'big', text: 'x'.repeat(30_000) })
      .then(() => null, (e: { responseCode?: number }) => e);
    expect(err?.responseCode).toBe(552);
    const after = await h.ctx.sql`select count(*)::int as n from inbound_messages`;
    expect(after[0].n).toBe(before[0].n);
  });

  it('stores a message delivered twice (same Message-ID and recipient) once, answering 250 both times', async () => {
    const message = {
      from: 'twice@example.org',
      to: `request@${h.domain}`,
      subject: 'help',
      text: 'help',
      messageId: '<twice-1@example.org>',
      date: new Date('2026-11-30T12:00:00Z'), // a retry sends the same bytes
    };
    const first = await h.send(message);
    const second = await h.send(message);
    expect(first.response).toMatch(/^250 /);
    expect(second.response).toMatch(/^250 .*duplicate/);
    const rows = await h.ctx.sql`
      select count(distinct m.id)::int as messages, count(d.id)::int as deliveries
      from inbound_messages m join inbound_deliveries d on d.message_id = m.id
      where m.message_id = '<twice-1@example.org>'`;
    expect(rows[0]).toEqual({ messages: 1, deliveries: 1 });
    // ...and answered once.
    await waitFor(() => readMaildir(h.maildir).some((m) => m.raw.includes('Delivered-To: twice@example.org')));
    await new Promise((r) => setTimeout(r, 500));
    expect(readMaildir(h.maildir).filter((m) => m.raw.includes('Delivered-To: twice@example.org'))).toHaveLength(1);
  });

  it('answers help sent with swaks (HELO and EHLO) with one reply each', async () => {
    for (const [i, helo] of ['--helo', '--ehlo'].entries()) {
      const from = `swaks${i}@example.org`;
      const { stdout } = await run('swaks', [
        '--server', `127.0.0.1:${h.server.smtpPort}`, '--to', `request@${h.domain}`, '--from', from,
        '--body', 'help', '--protocol', helo === '--helo' ? 'SMTP' : 'ESMTP', '--hide-informational',
      ]);
      expect(stdout).toMatch(/<- {2}250 2\.0\.0 Ok: queued as \d+/);
      const reply = await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes(`Delivered-To: ${from}`)));
      expect(reply.raw).toMatch(/Subject: Re: test /);
    }
  });
});

describe('connection limit', () => {
  it('answers a connection past SMTP_MAX_CLIENTS with 421', async () => {
    const limited = await createHarness({ workers: false, env: { SMTP_MAX_CLIENTS: '1' } });
    const first = net.connect(limited.server.smtpPort, '127.0.0.1');
    try {
      const greeting = (c: net.Socket) => new Promise<string>((resolve) => c.once('data', (d) => resolve(d.toString())));
      expect(await greeting(first)).toMatch(/^220 /);
      const second = net.connect(limited.server.smtpPort, '127.0.0.1');
      expect(await greeting(second)).toMatch(/^421 /);
      second.destroy();
    } finally {
      first.destroy();
      await limited.close();
    }
  });
});
