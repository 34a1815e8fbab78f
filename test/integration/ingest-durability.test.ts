import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { ensurePrivatePostgres } from '../../src/shared/services/localServices.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

// A Postgres of its own, so stopping it does not disturb the other test files.
let home: string;
let pg: { databaseUrl: string; stop(): Promise<void> };
let h: Harness;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'tacit-pg-'));
  fs.chmodSync(home, 0o755); // the postgres user must reach its data folder
  pg = await ensurePrivatePostgres(home, { fast: true });
  h = await createHarness({ databaseUrl: pg.databaseUrl, workers: false });
}, 120_000);

afterAll(async () => {
  await h?.close().catch(() => {});
  await pg?.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

async function countStored(messageId: string) {
  const sql = postgres(pg.databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql`
      select (select count(*)::int from inbound_messages where message_id = ${messageId}) as messages,
             (select count(*)::int from inbound_deliveries d join inbound_messages m on m.id = d.message_id
               where m.message_id = ${messageId}) as deliveries`;
    return row;
  } finally {
    await sql.end();
  }
}

describe('with Postgres stopped', () => {
  it('answers DATA with 451 and stores nothing; after restart the retry is stored once', async () => {
    const message = {
      from: 'someone@example.org',
      to: `request@${h.domain}`,
      subject: 'while the database is down',
      text: 'help',
      messageId: '<pg-down-1@example.org>',
    };
    await pg.stop();
    const refused = await h.send(message).then(
      () => null,
      (err: { responseCode?: number; response?: string }) => err,
    );
    expect(refused?.responseCode).toBe(451);

    pg = await ensurePrivatePostgres(home, { fast: true });
    expect(await countStored('<pg-down-1@example.org>')).toEqual({ messages: 0, deliveries: 0 });
    // postgres.js reconnects by itself; the client's retry now succeeds.
    const accepted = await h.send(message);
    expect(accepted.response).toMatch(/^250 /);
    expect(await countStored('<pg-down-1@example.org>')).toEqual({ messages: 1, deliveries: 1 });
  });
});
