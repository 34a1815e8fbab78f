import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { startServer, type RunningServer } from '../../src/app/server.ts';
import { closeHarness, inDays, routeAllNow, seedList } from '../helpers/consultation.ts';

/**
 * Redis wiped while work is queued: a stored message not yet routed, copies
 * of a consultation not yet sent, and the consultation's deadline alarm. The
 * reconciler rebuilds all of it from Postgres.
 */
let h: Harness;
let redis: Redis;
beforeAll(async () => {
  h = await createHarness({ workers: false, env: { RECONCILE_GRACE_MS: '0', RECONCILE_EVERY_MS: '500' } });
  redis = new Redis(inject('redisUrl'));
});
afterAll(async () => {
  redis?.disconnect();
  await closeHarness(h);
});

/** Wipes only this harness's queues: the other test files share the Redis. */
async function wipe(): Promise<number> {
  const keys = await redis.keys(`${h.config.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  return keys.length;
}

describe('Redis wiped', () => {
  it('routing, deliveries and deadlines are recovered from Postgres', async () => {
    const list = await seedList(h, 'wipe', 3);
    await h.send({ from: list.coordinator, to: `wipe-consult@${h.domain}`, subject: 'Wiped', text: `Kind: choice\nDeadline: ${inDays(3)}\nOptions:\nA. Yes\nB. No\n` });
    await routeAllNow(h);
    const [preview] = await h.ctx.sql`select params from outbox where kind = 'consultation-preview'`;
    await h.send({ from: list.coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'ok' });
    await routeAllNow(h);
    const [c] = await h.ctx.sql`select id from consultations where status = 'open'`;
    // Queued and not done: a message to route, copies to send, an alarm for the deadline.
    await h.send({ from: 'wiped@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    const [{ n: pendingCopies }] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-copy' and state = 'pending'`;
    expect(pendingCopies).toBe(4);

    expect(await wipe()).toBeGreaterThan(0);
    let server: RunningServer | undefined = await startServer(h.runtime, { smtp: false });
    try {
      await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: wiped@example.org')), 20_000);
      await waitFor(async () => {
        const [row] = await h.ctx.sql`select count(*)::int as n from outbox where kind = 'consultation-copy' and state = 'sent'`;
        return row.n === 4;
      }, 20_000, 'the copies sent');

      // The deadline passes with its alarm gone.
      await server.stop();
      server = undefined;
      await h.ctx.sql`update consultations set deadline = now() - interval '1 second' where id = ${c.id}`;
      expect(await wipe()).toBeGreaterThan(0);
      server = await startServer(h.runtime, { smtp: false });
      await waitFor(async () => {
        const [row] = await h.ctx.sql`select status from consultations where id = ${c.id}`;
        return row.status === 'closed';
      }, 20_000, 'the consultation closed');
      const [{ n: outcomes }] = await h.ctx.sql`select count(*)::int as n from outbox where kind like 'consultation-outcome%'`;
      expect(outcomes).toBeGreaterThan(0);
    } finally {
      await server?.stop();
    }
  }, 90_000);
});
