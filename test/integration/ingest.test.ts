import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('SMTP ingest', () => {
  it('commits a message to Postgres before answering 250', async () => {
    const info = await h.send({
      from: 'someone@example.org',
      to: `request@${h.domain}`,
      subject: 'stored?',
      text: 'help',
      messageId: '<stored-1@example.org>',
    });
    expect(info.response).toMatch(/^250 /);
    const rows = await h.ctx.sql`select m.envelope_from, d.recipient from inbound_messages m join inbound_deliveries d on d.message_id = m.id where m.message_id = '<stored-1@example.org>'`;
    expect(rows).toEqual([{ envelope_from: 'someone@example.org', recipient: `request@${h.domain}` }]);
  });
});

describe('help round trip', () => {
  it('answers help on request@ with a reply in the Maildir', async () => {
    await h.send({
      from: '"Someone" <helper@example.org>',
      to: `request@${h.domain}`,
      subject: 'help please',
      text: 'help',
      messageId: '<help-1@example.org>',
    });
    const reply = await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: helper@example.org')));
    const raw = reply!.raw;
    expect(raw).toMatch(/^Return-Path: <bounces\+\d+_[0-9a-f]{32}@tacit\.localhost>\r\n/);
    expect(raw).toMatch(/\r\nFrom: Tacit <request@tacit\.localhost>\r\n/);
    expect(raw).toMatch(/\r\nTo: helper@example\.org\r\n/);
    expect(raw).toMatch(/\r\nIn-Reply-To: <help-1@example\.org>\r\n/);
    expect(raw).toMatch(/\r\nAuto-Submitted: auto-replied\r\n/);
    expect(raw).toMatch(/subscribe LIST \[digest\]/);
    const [row] = await waitFor(async () => {
      const r = await h.ctx.sql`select state from outbox where recipient = 'helper@example.org'`;
      return r[0]?.state === 'sent' ? r : undefined;
    });
    expect(row.state).toBe('sent');
  });
});
