import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { mailsTo, routed, waitForMailTo } from '../helpers/lists.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

function sendRaw(envelopeFrom: string, raw: string) {
  return h.send({ envelope: { from: envelopeFrom, to: [`request@${h.domain}`] }, raw });
}

describe('ingest of odd messages', () => {
  it('stores a message with a huge Message-ID once (not 451 forever) and answers it', async () => {
    // Incompressible and far past the ~2.7 kB a unique index entry may hold.
    const id = `<${randomBytes(3000).toString('hex')}@example.org>`;
    const raw = `Message-ID: ${id}\r\nFrom: longid@example.org\r\nSubject: help\r\n\r\nhelp\r\n`;
    expect((await sendRaw('longid@example.org', raw)).response).toMatch(/^250 /);
    expect((await sendRaw('longid@example.org', raw)).response).toMatch(/^250 .*\(duplicate\)/);
    const rows = await h.ctx.sql`select message_id, message_key from inbound_messages where message_id = ${id}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.message_key).toMatch(/^mid-from-body:[0-9a-f]{64}$/);
    expect((await routed(h, id)).state).toBe('routed');
    await waitForMailTo(h, 'longid@example.org');
  });

  it('routes malformed mail without failing: no From, an unknown charset, HTML only, an empty body', async () => {
    const cases: [string, string][] = [
      ['nofrom@example.org', 'Subject: help\r\n\r\nhelp\r\n'],
      ['charset@example.org', 'From: charset@example.org\r\nSubject: =?x-unknown?Q?h=E9?=\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nhelp\r\n'],
      ['html@example.org', 'From: html@example.org\r\nSubject: x\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>help</p>\r\n'],
      ['empty@example.org', 'From: empty@example.org\r\n\r\n'],
    ];
    let n = 0;
    for (const [from, rest] of cases) {
      const id = `<odd-${++n}@example.org>`;
      expect((await sendRaw(from, `Message-ID: ${id}\r\n${rest}`)).response).toMatch(/^250 /);
      expect((await routed(h, id)).state).toBe('routed');
    }
    for (const from of ['charset@example.org', 'html@example.org', 'empty@example.org']) await waitForMailTo(h, from);
    expect(await mailsTo(h, 'nofrom@example.org')).toHaveLength(0);
  });
});
