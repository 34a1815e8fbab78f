import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, delivered, waitForMailTo, waitForOutbox, waitForRouting } from '../helpers/consultation.ts';

/**
 * Answers over real SMTP never go to more than one address, and a header
 * value with a newline (an RFC 2047 encoded LF in a Subject) never starts a
 * line of Tacit's answer.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await closeHarness(h);
});

function raw(from: string, subject: string, tag: string): string {
  return [
    `From: ${from}`,
    `To: request@${h.domain}`,
    `Subject: ${subject}`,
    `Message-ID: <${tag}@example.net>`,
    'Date: Mon, 30 Nov 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'help',
    '',
  ].join('\r\n');
}

async function send(envelopeFrom: string, from: string, subject: string, tag: string) {
  await h.send({ envelope: { from: envelopeFrom, to: [`request@${h.domain}`] }, raw: raw(from, subject, tag) });
  await waitForRouting(h);
  await waitForOutbox(h);
}

async function answersTo(addresses: string[]): Promise<number> {
  const [{ n }] = await h.ctx.sql`select count(*)::int as n from outbox where recipient = any(${addresses})`;
  return n as number;
}

describe('answers go to one address or none', () => {
  it('answers a single From (the control case)', async () => {
    await send('solo@example.net', 'Solo <solo@example.net>', 'help please', 'solo');
    await waitForMailTo(h, 'solo@example.net', /^Re: help please/);
  });

  it('answers nobody when one From header names many addresses', async () => {
    const victims = ['victim1@example.org', 'victim2@example.org', 'victim3@example.org'];
    await send('mallory@evil.example', ['mallory@evil.example', ...victims].join(', '), 'help please', 'many');
    expect(await answersTo(['mallory@evil.example', ...victims])).toBe(0);
    const [d] = await h.ctx.sql`select d.state from inbound_deliveries d join inbound_messages m on m.id = d.message_id where m.envelope_from = 'mallory@evil.example'`;
    expect(d.state).toBe('routed'); // read and dropped, not stuck
  });

  it('answers nobody when the From uses group syntax', async () => {
    await send('mallory@evil.example', 'friends: g1@example.org, g2@example.org;', 'help please', 'group');
    expect(await answersTo(['g1@example.org', 'g2@example.org', 'mallory@evil.example'])).toBe(0);
  });

  it('answers nobody when there are two From headers', async () => {
    const message = raw('twice1@example.org', 'help please', 'twice').replace('\r\nTo:', '\r\nFrom: twice2@example.org\r\nTo:');
    await h.send({ envelope: { from: 'mallory@evil.example', to: [`request@${h.domain}`] }, raw: message });
    await waitForRouting(h);
    await waitForOutbox(h);
    expect(await answersTo(['twice1@example.org', 'twice2@example.org'])).toBe(0);
  });
});

describe('header values with a newline', () => {
  it('keeps an encoded newline in the Subject out of the answer\'s body and headers', async () => {
    await send('phish@example.net', 'phish@example.net', '=?utf-8?q?hi=0AURGENT=3A_your_account_is_locked=2C_reply_with_your_password?=', 'subject-lf');
    const [answer] = await waitForMailTo(h, 'phish@example.net', /^Re: hi/);
    expect(answer!.mail.subject).toBe('Re: hi URGENT: your account is locked, reply with your password');
    expect(answer!.mail.text!.split('\n')[0]).toBe('Hello,');
    expect(answer!.raw).not.toMatch(/^URGENT/m);
    const [stored] = await h.ctx.sql`select params->'data'->>'subject' as s from outbox where recipient = 'phish@example.net'`;
    expect(stored.s).not.toMatch(/[\r\n]/);
  });

  it('flattens a newline in the display name of the From', async () => {
    await send('named@example.net', '=?utf-8?q?Ana=0D=0ABcc=3A_x=40example=2Eorg?= <named@example.net>', 'help please', 'name-lf');
    const [answer] = await waitForMailTo(h, 'named@example.net', /^Re: help please/);
    expect(answer!.raw).not.toMatch(/^Bcc:/m);
    expect((await delivered(h)).some((d) => d.to === 'x@example.org')).toBe(false);
  });
});
