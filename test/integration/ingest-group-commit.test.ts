import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { GroupCommit } from '../../src/pipeline/ingest/groupCommit.ts';
import { prepareInbound, storeInboundBatch } from '../../src/pipeline/ingest/storeInbound.ts';
import type { StoredInbound } from '../../src/pipeline/ingest/inboundBatch.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ workers: false });
});
afterAll(async () => {
  await h?.close();
});

const message = (tag: string, helo = 'client.example') =>
  prepareInbound({
    raw: Buffer.from(`Message-ID: <${tag}@example.org>\r\nSubject: ${tag}\r\n\r\nbody of ${tag}\r\n`),
    envelopeFrom: 'alice@example.org',
    recipients: [`request@${h.domain}`],
    clientAddress: '127.0.0.1',
    helo,
  });

/** Rows inserted by one transaction share its xmin: the number of commits that stored these messages. */
async function commitsOf(tags: string[]) {
  const ids = tags.map((t) => `<${t}@example.org>`);
  const [row] = await h.ctx.sql`
    select count(*)::int as messages, count(distinct xmin::text)::int as commits
    from inbound_messages where message_id = any(${ids})`;
  return row as { messages: number; commits: number };
}

const tags = (n: number) => {
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: n }, (_, i) => `gc-${run}-${i}`);
};

function groupCommit(sql = h.ctx.sql, maxMessages = 100, batches: StoredInbound[][] = []) {
  return new GroupCommit({
    storeBatch: (items) => storeInboundBatch(sql, items),
    maxMessages,
    maxBytes: 1 << 20,
    afterCommit: (stored) => batches.push(stored),
  });
}

describe('group commit of received messages', () => {
  it('messages arriving during a commit share the next one; each resolves with its own rows', async () => {
    const batches: StoredInbound[][] = [];
    const commits = groupCommit(h.ctx.sql, 100, batches);
    const names = tags(10);
    const stored = await Promise.all(names.map((t) => commits.store(message(t))));
    // The first goes alone (no timer), the nine that came meanwhile together.
    expect(await commitsOf(names)).toEqual({ messages: 10, commits: 2 });
    expect(batches.map((b) => b.length)).toEqual([1, 9]);
    expect(new Set(stored.map((s) => s.messageId)).size).toBe(10);
    for (const s of stored) expect(s).toMatchObject({ duplicate: false, newDeliveryIds: [expect.any(Number)] });
    const rows = await h.ctx.sql`
      select d.id, m.id as message_id from inbound_deliveries d join inbound_messages m on m.id = d.message_id
      where d.id = any(${stored.flatMap((s) => s.newDeliveryIds)})`;
    expect(new Map(rows.map((r) => [Number(r.id), Number(r.message_id)]))).toEqual(
      new Map(stored.map((s) => [s.newDeliveryIds[0]!, s.messageId])),
    );
  });

  it('a batch holds at most maxMessages', async () => {
    const commits = groupCommit(h.ctx.sql, 4);
    const names = tags(10);
    await Promise.all(names.map((t) => commits.store(message(t))));
    expect(await commitsOf(names)).toEqual({ messages: 10, commits: 4 }); // 1, 4, 4, 1
  });

  it('a retry in the same batch as its first attempt is stored once and answered as a duplicate', async () => {
    const commits = groupCommit();
    const [first, again] = tags(2);
    const [a, b, c] = await Promise.all([commits.store(message(first!)), commits.store(message(again!)), commits.store(message(again!))]);
    expect(a!.duplicate).toBe(false);
    expect(b).toMatchObject({ duplicate: false, newDeliveryIds: [expect.any(Number)] });
    expect(c).toEqual({ messageId: b!.messageId, newDeliveryIds: [], duplicate: true });
    const [row] = await h.ctx.sql`
      select count(*)::int as n from inbound_deliveries where message_id = ${b!.messageId}`;
    expect(row!.n).toBe(1);
  });

  it('a large message (bytes copied, not a parameter) is stored byte for byte beside small ones, and its retry once', async () => {
    const [small, large] = tags(2);
    const big = (tag: string) => {
      const head = Buffer.from(`Message-ID: <${tag}@example.org>\r\nSubject: ${tag}\r\n\r\n`);
      // Every byte value, NUL and backslash included, past the copy threshold and across several slices.
      const body = Buffer.alloc(3 * 1024 * 1024 + 17, 0).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
      return prepareInbound({ raw: Buffer.concat([head, body]), envelopeFrom: 'alice@example.org', recipients: [`request@${h.domain}`] });
    };
    const original = big(large!);
    const stored = await storeInboundBatch(h.ctx.sql, [message(small!), original, big(large!)]);
    expect(stored.map((s) => s.duplicate)).toEqual([false, false, true]);
    expect(await commitsOf([small!, large!])).toEqual({ messages: 2, commits: 1 });
    const again = await storeInboundBatch(h.ctx.sql, [big(large!)]);
    expect(again).toEqual([{ messageId: stored[1]!.messageId, newDeliveryIds: [], duplicate: true }]);
    const [row] = await h.ctx.sql`select raw, size from inbound_messages where id = ${stored[1]!.messageId}`;
    expect(row!.size).toBe(original.raw.length);
    expect(Buffer.compare(row!.raw as Buffer, original.raw)).toBe(0);
  });

  it('a row the database refuses fails alone: the rest of its batch is stored', async () => {
    const commits = groupCommit();
    const names = tags(5);
    const results = await Promise.allSettled(names.map((t, i) => commits.store(message(t, i === 3 ? 'bad\u0000helo' : 'ok'))));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await commitsOf(names)).messages).toBe(4);
  });

  it('a batch that cannot commit fails every message in it, and the next batch is tried', async () => {
    // Nothing listens on port 1: every message of the batch gets the error (451), none a 250.
    const down = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      const commits = groupCommit(down);
      const results = await Promise.allSettled(tags(4).map((t) => commits.store(message(t))));
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    } finally {
      await down.end();
    }
  });

  it('through SMTP: concurrent sessions are all answered 250, each after its row is committed', async () => {
    const names = tags(20);
    const replies = await Promise.all(
      names.map((t) => h.send({ from: 'alice@example.org', to: `request@${h.domain}`, subject: t, text: t, messageId: `<${t}@example.org>` })),
    );
    for (const reply of replies) expect(reply.response).toMatch(/^250 .*queued as \d+/);
    const ids = replies.map((r) => Number(/queued as (\d+)/.exec(r.response)![1]));
    const rows = await h.ctx.sql`select id from inbound_messages where id = any(${ids})`;
    expect(rows).toHaveLength(20);
  });
});
