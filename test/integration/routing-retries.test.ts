import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { reconcileOnce } from '../../src/app/reconciler.ts';
import { noteRoutingFailure, UnusableMessage } from '../../src/pipeline/routing/router.ts';
import { collectStats, formatStats } from '../../src/app/stats.ts';
import { startServer } from '../../src/app/server.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ workers: false, env: { RECONCILE_GRACE_MS: '0' } });
});
afterAll(async () => {
  await h?.close();
});

async function deliveryOf(from: string) {
  const [row] = await h.ctx.sql`
    select d.id, d.state, d.route_attempts, d.route_error, d.route_retry_at > now() as waiting
    from inbound_deliveries d join inbound_messages m on m.id = d.message_id where m.envelope_from = ${from}`;
  return row!;
}

describe('a routing failure is retried until it succeeds', () => {
  it('a temporary failure leaves the delivery received, waits, then the reconciler routes it', async () => {
    await h.send({ from: 'temp@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    const { id } = await deliveryOf('temp@example.org');
    // The queue's attempts are spent (Postgres was down for minutes, say).
    await noteRoutingFailure(h.ctx, Number(id), new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    await noteRoutingFailure(h.ctx, Number(id), new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    expect(await deliveryOf('temp@example.org')).toMatchObject({ state: 'received', route_attempts: 2, waiting: true });

    const stats = await collectStats(h.ctx.sql);
    expect(stats.inbound.retrying).toBe(1);
    expect(stats.unrouted).toContainEqual(expect.objectContaining({ id: Number(id), state: 'retrying', attempts: 2 }));
    expect(formatStats(stats)).toMatch(/to request@tacit\.localhost: retrying \(2 rounds\): connect ECONNREFUSED/);

    // Not before its time...
    await h.ctx.queues.route.drain(true);
    expect((await reconcileOnce(h.ctx)).routed).toBe(0);
    // ...and once it is due, queued again and routed.
    await h.ctx.sql`update inbound_deliveries set route_retry_at = now() - interval '1 second' where id = ${id}`;
    expect((await reconcileOnce(h.ctx)).routed).toBe(1);
    const workers = await startServer(h.runtime, { smtp: false, reconciler: false });
    try {
      await waitFor(async () => (await deliveryOf('temp@example.org')).state === 'routed');
      await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: temp@example.org')));
    } finally {
      await workers.stop();
    }
  });

  it('only an unusable message ends failed, and tacit stats lists it', async () => {
    await h.send({ from: 'broken@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
    const { id } = await deliveryOf('broken@example.org');
    await noteRoutingFailure(h.ctx, Number(id), new UnusableMessage('the message cannot be parsed: bad'));
    expect(await deliveryOf('broken@example.org')).toMatchObject({ state: 'failed' });
    const stats = await collectStats(h.ctx.sql);
    expect(stats.unrouted).toContainEqual(
      expect.objectContaining({ id: Number(id), state: 'unusable', error: 'the message cannot be parsed: bad' }),
    );
  });
});
