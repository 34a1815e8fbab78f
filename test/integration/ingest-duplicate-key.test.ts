import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { messageKeyOf } from '../../src/pipeline/ingest/storeInbound.ts';
import { SQL_DIR } from '../../src/shared/db/migrate.ts';
import { addMember, standardOrg } from '../helpers/lists.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ env: { DMARC_MODE: 'never' } });
  await standardOrg(h);
  await addMember(h, 'alice@example.org', { name: 'Alice', country: 'GB', city: 'London' });
  await addMember(h, 'felix@example.org', { name: 'Felix', country: 'FR', city: 'Paris' });
});
afterAll(async () => {
  await h?.close();
});

/** Every stored delivery of a Message-ID, with the bytes it was stored with, once routed. */
async function deliveriesOf(messageId: string, count: number) {
  return waitFor(async () => {
    const rows = await h.ctx.sql`
      select d.recipient, d.state, d.outcome, convert_from(m.raw, 'UTF8') as raw, m.envelope_from
      from inbound_deliveries d join inbound_messages m on m.id = d.message_id
      where m.message_id = ${messageId} order by d.id`;
    return rows.length >= count && rows.every((r) => r.state !== 'received') ? rows : undefined;
  }, 15_000, `${count} routed deliveries of ${messageId}`);
}

describe('the duplicate key is the Message-ID, the envelope sender and the content', () => {
  it('a non-member re-using a list post\'s Message-ID gets a new message, not the old bytes', async () => {
    const messageId = '<post-reused@example.org>';
    const post = await h.send({
      from: 'alice@example.org', to: `gb-london@${h.domain}`, subject: 'Minutes', text: 'The minutes of Thursday.', messageId,
    });
    expect(post.response).toMatch(/^250 /);
    await deliveriesOf(messageId, 1);

    // Mallory learnt the Message-ID from a list copy and sends his own message under it to another list.
    const attack = await h.send({
      envelope: { from: 'mallory@evil.example', to: [`fr@${h.domain}`] },
      from: 'alice@example.org', to: `fr@${h.domain}`, subject: 'Minutes', text: 'Wire the money to me.', messageId,
    });
    expect(attack.response).toMatch(/^250 /);
    expect(attack.response).not.toMatch(/duplicate/);

    const rows = await deliveriesOf(messageId, 2);
    expect(rows.map((r) => [r.recipient, r.envelope_from])).toEqual([
      [`gb-london@${h.domain}`, 'alice@example.org'],
      [`fr@${h.domain}`, 'mallory@evil.example'],
    ]);
    // The fr delivery is Mallory's own message, read as such: it is not Alice's post redistributed.
    expect(rows[1]!.raw).toContain('Wire the money to me.');
    expect(rows[1]!.raw).not.toContain('The minutes of Thursday.');
    const frPosts = await h.ctx.sql`
      select p.state, p.body_text from list_posts p join groups g on g.id = p.group_id where g.slug = 'fr'`;
    expect(frPosts.map((p) => p.body_text)).not.toContain('The minutes of Thursday.');
    expect(frPosts.map((p) => p.body_text)).toContain('Wire the money to me.');
  });

  it('a real retry (the same bytes from the same sender) is stored once and answered as a duplicate', async () => {
    const message = {
      envelope: { from: 'retry@example.org', to: [`request@${h.domain}`] },
      raw: `From: retry@example.org\r\nTo: request@${h.domain}\r\nSubject: help\r\nMessage-ID: <retry-1@example.org>\r\n\r\nhelp\r\n`,
    };
    expect((await h.send(message)).response).not.toMatch(/duplicate/);
    expect((await h.send(message)).response).toMatch(/^250 .*duplicate/);
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from inbound_messages where message_id = '<retry-1@example.org>'`;
    expect(n).toBe(1);
  });

  it('the migration gives rows stored before the same key a retry of them gets now', async () => {
    const raw = Buffer.from('Message-ID: <old@example.org>\r\n\r\nbody\r\n');
    await h.ctx.sql`
      insert into inbound_messages (message_key, message_id, envelope_from, size, raw)
      values ('<old@example.org>', '<old@example.org>', 'Old@Example.org', ${raw.length}, ${raw})`;
    await h.ctx.sql.unsafe(fs.readFileSync(path.join(SQL_DIR, '071_duplicate_key.sql'), 'utf8'));
    const [row] = await h.ctx.sql`select message_key from inbound_messages where message_id = '<old@example.org>'`;
    expect(row.message_key).toBe(messageKeyOf('<old@example.org>', raw, 'Old@Example.org'));
  });
});
