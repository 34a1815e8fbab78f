import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ensurePrivatePostgres } from '../../src/shared/services/localServices.ts';
import { startImapIngest, type ImapIngest, type ImapIngestOptions } from '../../src/pipeline/ingest/imapIngest.ts';
import { imapEnvelope } from '../../src/pipeline/ingest/imapEnvelope.ts';
import { loadConfig } from '../../src/shared/config/config.ts';
import { parseImapUrl } from '../../src/shared/config/imapConfig.ts';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { startDovecot, type Dovecot } from '../helpers/dovecot.ts';

const D = 'tacit.localhost';

/** A raw message: header fields in order, then the body, CRLF line ends. */
function message(fields: Record<string, string | string[] | undefined>, body = 'help'): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  lines.push('Date: Mon, 1 Jan 2024 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8');
  return `${lines.join('\r\n')}\r\n\r\n${body}\r\n`;
}

let folderCount = 0;
/** A fresh folder per test, so one test's leftovers never reach another test's ingest. */
async function freshFolder(dovecot: Dovecot): Promise<string> {
  const folder = `T${++folderCount}`;
  await dovecot.client((c) => c.mailboxCreate(folder));
  return folder;
}

async function storedRows(h: Harness, messageId: string) {
  return h.ctx.sql`
    select m.envelope_from, m.client_address, m.helo, d.recipient, d.state
    from inbound_messages m join inbound_deliveries d on d.message_id = m.id
    where m.message_id = ${messageId} order by d.recipient`;
}

describe('IMAP envelope and settings (pure)', () => {
  it.each([
    {
      what: 'Delivered-To names the recipient; Return-Path the sender',
      fields: { 'Return-Path': '<a@example.org>', 'Delivered-To': `request@${D}`, From: 'b@example.org', To: `icc@${D}` },
      expected: { envelopeFrom: 'a@example.org', recipients: [`request@${D}`], source: 'delivered-to' },
    },
    {
      what: 'X-Original-To beats the mailbox Delivered-To (Postfix alias)',
      fields: { 'Return-Path': '<a@example.org>', 'Delivered-To': `box@${D}`, 'X-Original-To': `gb-request@${D}`, To: 'x@example.org' },
      expected: { envelopeFrom: 'a@example.org', recipients: [`gb-request@${D}`], source: 'x-original-to' },
    },
    {
      what: 'Envelope-To may list several recipients',
      fields: { 'Return-Path': '<>', 'Envelope-To': `icc@${D}, Bounces+abcdefghijklmnop1234@${D}` },
      expected: { envelopeFrom: '', recipients: [`icc@${D}`, `bounces+abcdefghijklmnop1234@${D}`], source: 'envelope-to' },
    },
    {
      what: 'the topmost Delivered-To is the latest hop',
      fields: { 'Delivered-To': [`icc@${D}`, `request@${D}`], From: 'Someone <s@example.org>' },
      expected: { envelopeFrom: 's@example.org', recipients: [`icc@${D}`], source: 'delivered-to' },
    },
    {
      what: 'foreign envelope headers fall back to the Tacit addresses of To and Cc',
      fields: { 'Delivered-To': 'mailbox@hosting.example', From: 's@example.org', To: `"ICC, list" <icc@${D}>, other@example.org`, Cc: `Request <request@${D}>` },
      expected: { envelopeFrom: 's@example.org', recipients: [`icc@${D}`, `request@${D}`], source: 'to/cc' },
    },
    {
      what: "the mailbox's own address is a delivery stamp, not a recipient",
      fields: { 'Delivered-To': `inbox@${D}`, From: 's@example.org', To: `request@${D}` },
      mailbox: `inbox@${D}`,
      expected: { envelopeFrom: 's@example.org', recipients: [`request@${D}`], source: 'to/cc' },
    },
    {
      what: 'nothing of ours: no recipient',
      fields: { 'Return-Path': '<s@example.org>', 'Delivered-To': 'someone@example.net', To: `someone@example.net, fake@${D}.evil.example` },
      expected: { envelopeFrom: 's@example.org', recipients: [], source: '' },
    },
  ])('$what', ({ fields, mailbox, expected }) => {
    expect(imapEnvelope(message(fields), D, mailbox)).toEqual(expected);
  });

  it('reads IMAP_URL, IMAP_MAILBOX and IMAP_AFTER, and refuses what it cannot use', () => {
    expect(loadConfig({}).imap).toBeNull();
    expect(loadConfig({ IMAP_URL: 'imaps://u%40d:p%2Fw@mail.example:1993/Tacit?tls=insecure', IMAP_AFTER: 'move:Done' }).imap).toEqual({
      url: 'imaps://u%40d:p%2Fw@mail.example:1993/Tacit?tls=insecure',
      mailbox: undefined,
      after: 'move:Done',
      pollMs: undefined,
    });
    expect(parseImapUrl('imaps://u%40d:p%2Fw@mail.example:1993/Tacit?tls=insecure')).toEqual({
      secure: true, host: 'mail.example', port: 1993, user: 'u@d', pass: 'p/w', mailbox: 'Tacit', insecureTls: true,
    });
    expect(parseImapUrl('imap://u:p@mail.example')).toMatchObject({ secure: false, port: 143, mailbox: undefined, insecureTls: false });
    expect(() => loadConfig({ IMAP_URL: 'http://u:p@mail.example/' }).imap).toThrow(/IMAP_URL: must start with imap/);
    expect(() => loadConfig({ IMAP_URL: 'imap://u:p@mail.example/', IMAP_AFTER: 'archive' }).imap).toThrow(/IMAP_AFTER/);
    expect(() => loadConfig({ IMAP_URL: 'imap://u:p@mail.example/?tls=off' }).imap).toThrow(/tls=off/);
  });
});

describe('IMAP ingest against Dovecot', () => {
  let h: Harness;
  let dovecot: Dovecot;
  let ingest: ImapIngest | undefined;
  const start = (options: ImapIngestOptions) => (ingest = startImapIngest(h.ctx, options));

  beforeAll(async () => {
    [h, dovecot] = await Promise.all([createHarness({ smtp: false }), startDovecot()]);
  });
  afterEach(async () => {
    await ingest?.stop();
    ingest = undefined;
  });
  afterAll(async () => {
    await h?.close();
    await dovecot?.stop();
  });

  it('ingests a help mail announced by IDLE, answers it, and moves it once committed', async () => {
    const folder = await freshFolder(dovecot);
    // A long poll: only IDLE can bring this mail in within the test's time.
    start({ url: dovecot.url(folder), pollMs: 600_000, after: 'move:Ingested' });
    await waitFor(() => ingest!.status().connected, 10_000, 'connection');
    expect(ingest!.status().idle).toBe(true);

    await dovecot.append(message({
      'Return-Path': '<helper@example.org>',
      'Delivered-To': `request@${h.domain}`,
      From: '"Helper" <helper@example.org>',
      To: `request@${h.domain}`,
      Subject: 'help please',
      'Message-ID': '<imap-help-1@example.org>',
    }), { mailbox: folder });

    const reply = await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: helper@example.org')), 15_000, 'the answer');
    expect(reply.raw).toMatch(/\r\nIn-Reply-To: <imap-help-1@example\.org>\r\n/);
    expect(reply.raw).toMatch(/\r\nFrom: Tacit <request@tacit\.localhost>\r\n/);
    expect(reply.raw).toMatch(/subscribe LIST \[digest\]/);
    await waitFor(async () => (await storedRows(h, '<imap-help-1@example.org>'))[0]?.state === 'routed');
    expect(await storedRows(h, '<imap-help-1@example.org>')).toEqual([
      { envelope_from: 'helper@example.org', client_address: 'imap', helo: dovecot.host, recipient: `request@${h.domain}`, state: 'routed' },
    ]);

    await waitFor(async () => (await dovecot.messages(folder)).length === 0, 10_000, 'the move');
    expect(await dovecot.messages('Ingested')).toEqual([
      expect.objectContaining({ messageId: '<imap-help-1@example.org>', flags: ['\\Seen'] }),
    ]);
    expect(ingest!.status()).toMatchObject({ stored: 1, duplicates: 0, kept: 0, failures: 0 });
  });

  it('stores the same message appended twice once, and marks both copies seen', async () => {
    const folder = await freshFolder(dovecot);
    // No envelope headers at all: the recipient comes from To (Cc is not ours).
    const raw = message({
      From: 'twice@example.org',
      To: `request@${h.domain}`,
      Cc: 'friend@example.org',
      Subject: 'twice',
      'Message-ID': '<imap-twice-1@example.org>',
    });
    await dovecot.append(raw, { mailbox: folder });
    await dovecot.append(raw, { mailbox: folder });
    start({ url: dovecot.url('INBOX'), mailbox: folder, pollMs: 600_000 });

    await waitFor(async () => (await dovecot.messages(folder)).every((m) => m.flags.includes('\\Seen')), 10_000, 'both seen');
    expect((await dovecot.messages(folder)).map((m) => m.flags)).toEqual([['\\Seen'], ['\\Seen']]);
    const rows = await storedRows(h, '<imap-twice-1@example.org>');
    // No Return-Path: the From address stands in for the envelope sender.
    expect(rows.map((r) => [r.envelope_from, r.recipient])).toEqual([['twice@example.org', `request@${h.domain}`]]);
    expect(ingest!.status()).toMatchObject({ stored: 1, duplicates: 1 });
    // Exactly one answer to the one delivery.
    await waitFor(() => readMaildir(h.maildir).some((m) => m.raw.includes('Delivered-To: twice@example.org')));
    await new Promise((r) => setTimeout(r, 500));
    expect(readMaildir(h.maildir).filter((m) => m.raw.includes('Delivered-To: twice@example.org'))).toHaveLength(1);
  });

  it('keeps a message for no Tacit address in the mailbox, flagged, and deletes the ones it stored', async () => {
    const folder = await freshFolder(dovecot);
    await dovecot.append(message({
      'Return-Path': '<stray@example.org>',
      'Delivered-To': 'someone@example.net',
      From: 'stray@example.org',
      To: 'someone@example.net',
      Subject: 'not for Tacit',
      'Message-ID': '<imap-stray-1@example.org>',
    }), { mailbox: folder });
    await dovecot.append(message({
      'Return-Path': '<deleted@example.org>',
      'Delivered-To': `request@${h.domain}`,
      From: 'deleted@example.org',
      To: `request@${h.domain}`,
      Subject: 'help',
      'Message-ID': '<imap-delete-1@example.org>',
    }), { mailbox: folder });
    start({ url: dovecot.url(folder), pollMs: 600_000, after: 'delete' });

    await waitFor(async () => (await dovecot.messages(folder)).length === 1, 10_000, 'the stored one deleted');
    await waitFor(() => ingest!.status().kept === 1);
    expect(await dovecot.messages(folder)).toEqual([
      expect.objectContaining({ messageId: '<imap-stray-1@example.org>', flags: ['\\Flagged', '\\Seen'] }),
    ]);
    expect(await storedRows(h, '<imap-stray-1@example.org>')).toEqual([]);
    expect(await storedRows(h, '<imap-delete-1@example.org>')).toHaveLength(1);
    // Still there and still flagged after further rounds: kept, never dropped, never stored.
    await dovecot.append(message({ From: 'later@example.org', To: `request@${h.domain}`, Subject: 'nudge', 'Message-ID': '<imap-nudge-1@example.org>' }), { mailbox: folder });
    await waitFor(async () => (await storedRows(h, '<imap-nudge-1@example.org>')).length === 1);
    await waitFor(async () => (await dovecot.messages(folder)).length === 1);
    expect((await dovecot.messages(folder))[0]).toMatchObject({ messageId: '<imap-stray-1@example.org>', flags: ['\\Flagged', '\\Seen'] });
    expect(ingest!.status()).toMatchObject({ kept: 1, stored: 2 });
  });

  it('sets aside a message that cannot be stored while the database answers, and goes on with the others', async () => {
    const folder = await freshFolder(dovecot);
    // A message Postgres refuses every time (this file's own database): what a
    // malformed message would meet. (A NUL byte cannot serve: Dovecot replaces it on APPEND.)
    await h.ctx.sql`alter table inbound_messages add constraint refuse_poison check (message_id is distinct from '<imap-poison-1@example.org>')`;
    onTestFinished(async () => {
      await h.ctx.sql`alter table inbound_messages drop constraint refuse_poison`;
    });
    await dovecot.append(message({
      'Return-Path': '<bad@example.org>',
      'Delivered-To': `request@${h.domain}`,
      From: 'bad@example.org',
      Subject: 'help',
      'Message-ID': '<imap-poison-1@example.org>',
    }), { mailbox: folder });
    await dovecot.append(message({
      'Return-Path': '<good@example.org>',
      'Delivered-To': `request@${h.domain}`,
      From: 'good@example.org',
      Subject: 'help',
      'Message-ID': '<imap-good-1@example.org>',
    }), { mailbox: folder });
    start({ url: dovecot.url(folder), pollMs: 200 });

    // The good one does not wait behind the bad one.
    await waitFor(async () => (await storedRows(h, '<imap-good-1@example.org>')).length === 1, 10_000, 'the good message stored');
    await waitFor(() => ingest!.status().kept === 1, 10_000, 'the bad message set aside');
    const flags = Object.fromEntries((await dovecot.messages(folder)).map((m) => [m.messageId, m.flags]));
    expect(flags).toEqual({
      '<imap-poison-1@example.org>': ['\\Flagged', '\\Seen'],
      '<imap-good-1@example.org>': ['\\Seen'],
    });
    expect(await h.ctx.sql`select 1 from inbound_messages where message_id = '<imap-poison-1@example.org>'`).toHaveLength(0);
    expect(ingest!.status()).toMatchObject({ stored: 1, kept: 1, failures: 0 });
  });

  it('reconnects after the IMAP server goes away and comes back', async () => {
    const folder = await freshFolder(dovecot);
    start({ url: dovecot.url(folder), pollMs: 600_000 });
    await waitFor(() => ingest!.status().connected, 10_000, 'connection');
    await dovecot.kill();
    await waitFor(() => !ingest!.status().connected, 10_000, 'the disconnection');
    await dovecot.start();
    await waitFor(() => ingest!.status().connected, 20_000, 'the reconnection');
    expect(ingest!.status().failures).toBeGreaterThanOrEqual(1);
    await dovecot.append(message({
      'Return-Path': '<back@example.org>',
      'Delivered-To': `request@${h.domain}`,
      From: 'back@example.org',
      Subject: 'help',
      'Message-ID': '<imap-back-1@example.org>',
    }), { mailbox: folder });
    await waitFor(async () => (await storedRows(h, '<imap-back-1@example.org>')).length === 1, 15_000, 'the message stored');
    await waitFor(async () => (await dovecot.messages(folder))[0]?.flags.includes('\\Seen'));
  });
});

describe('IMAP ingest: polling, TLS', () => {
  let h: Harness;
  let ingest: ImapIngest | undefined;
  afterEach(async () => {
    await ingest?.stop();
    ingest = undefined;
  });
  beforeAll(async () => {
    h = await createHarness({ smtp: false, workers: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('polls a server without IDLE', async () => {
    const dovecot = await startDovecot({ idle: false });
    try {
      ingest = startImapIngest(h.ctx, { url: dovecot.url(), pollMs: 300 });
      await waitFor(() => ingest!.status().connected, 10_000, 'connection');
      expect(ingest.status().idle).toBe(false);
      await dovecot.append(message({ 'Delivered-To': `request@${h.domain}`, From: 'poll@example.org', Subject: 'help', 'Message-ID': '<imap-poll-1@example.org>' }));
      await waitFor(async () => (await storedRows(h, '<imap-poll-1@example.org>')).length === 1, 10_000, 'the message stored');
      await waitFor(async () => (await dovecot.messages())[0]?.flags.includes('\\Seen'));
    } finally {
      await ingest?.stop();
      await dovecot.stop();
    }
  });

  it('accepts a self-signed certificate only with ?tls=insecure', async () => {
    const dovecot = await startDovecot({ tls: true });
    try {
      await dovecot.append(message({ 'Delivered-To': `request@${h.domain}`, From: 'tls@example.org', Subject: 'help', 'Message-ID': '<imap-tls-1@example.org>' }));
      const strict = dovecot.url().replace('?tls=insecure', '');
      expect(strict.startsWith('imaps://')).toBe(true);
      ingest = startImapIngest(h.ctx, { url: strict, pollMs: 300 });
      await waitFor(() => ingest!.status().failures >= 1, 10_000, 'a refused certificate');
      expect(ingest.status().lastError).toMatch(/certificate/i);
      expect(ingest.status().connected).toBe(false);
      await ingest.stop();

      ingest = startImapIngest(h.ctx, { url: dovecot.url(), pollMs: 300 });
      await waitFor(async () => (await storedRows(h, '<imap-tls-1@example.org>')).length === 1, 10_000, 'the message stored');
      await waitFor(async () => (await dovecot.messages())[0]?.flags.includes('\\Seen'));
    } finally {
      await ingest?.stop();
      await dovecot.stop();
    }
  });
});

describe('IMAP ingest with Postgres down', () => {
  // A Postgres of its own, so stopping it does not disturb the other test files.
  let home: string;
  let pg: { databaseUrl: string; stop(): Promise<void> };
  let h: Harness;
  let dovecot: Dovecot;
  let ingest: ImapIngest | undefined;

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-pg-'));
    fs.chmodSync(home, 0o755); // the postgres user must reach its data folder
    pg = await ensurePrivatePostgres(home, { fast: true });
    [h, dovecot] = await Promise.all([createHarness({ databaseUrl: pg.databaseUrl, workers: false, smtp: false }), startDovecot()]);
  }, 120_000);
  afterAll(async () => {
    await ingest?.stop();
    await h?.close().catch(() => {});
    await pg?.stop();
    await dovecot?.stop();
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('leaves the message in the mailbox, unseen, and ingests it once the database is back', async () => {
    const messageId = '<imap-pg-down-1@example.org>';
    await pg.stop();
    await dovecot.append(message({
      'Return-Path': '<patient@example.org>',
      'Delivered-To': `request@${h.domain}`,
      From: 'patient@example.org',
      Subject: 'help',
      'Message-ID': messageId,
    }));
    ingest = startImapIngest(h.ctx, { url: dovecot.url(), pollMs: 300 });
    await waitFor(() => ingest!.status().failures >= 2, 15_000, 'failed rounds');
    expect(ingest.status().lastError).toMatch(/database unavailable/);
    expect(ingest.status().connected).toBe(true);
    expect(await dovecot.messages()).toEqual([expect.objectContaining({ messageId, flags: [] })]);

    pg = await ensurePrivatePostgres(home, { fast: true });
    await waitFor(async () => (await dovecot.messages())[0]?.flags.includes('\\Seen'), 20_000, 'the message ingested');
    const rows = await storedRows(h, messageId);
    expect(rows.map((r) => [r.envelope_from, r.recipient])).toEqual([['patient@example.org', `request@${h.domain}`]]);
    expect(ingest.status()).toMatchObject({ stored: 1, kept: 0 });
  });
});
