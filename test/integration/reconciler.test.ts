import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { Redis } from 'ioredis';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { reconcileOnce } from '../../src/app/reconciler.ts';
import { startServer } from '../../src/app/server.ts';
import { openRuntime } from '../../src/app/runtime.ts';
import { UnrecoverableError, Worker } from 'bullmq';
import { workerConnection } from '../../src/shared/queue/queues.ts';
import { routeDelivery } from '../../src/pipeline/routing/router.ts';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(inject('redisUrl'));
});
afterAll(() => redis.disconnect());

/**
 * Makes the job waiting under `jobId` fail for good, as when its last attempt
 * failed while Postgres was unreachable (so the row could not be marked either).
 */
async function failJob(h: Harness, queue: 'route' | 'deliver', jobId: string) {
  const worker = new Worker(queue, async () => {
    throw new UnrecoverableError('database unreachable');
  }, { connection: workerConnection(inject('redisUrl')), prefix: h.ctx.queues.prefix });
  try {
    await waitFor(async () => (await h.ctx.queues[queue].getJobState(jobId)) === 'failed', 10_000, `${jobId} failed`);
  } finally {
    await worker.close();
  }
}

/** Wipes only this harness's queues: other test files share the Redis. */
async function wipeQueues(h: Harness) {
  const keys = await redis.keys(`${h.config.queuePrefix}:*`);
  if (keys.length) await redis.del(...keys);
  return keys.length;
}

describe('reconciler', () => {
  it('routes a stored message whose routing job was lost in Redis', async () => {
    const h = await createHarness({ workers: false, env: { RECONCILE_GRACE_MS: '0' } });
    try {
      await h.send({ from: 'lost@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
      await waitFor(async () => (await h.ctx.queues.route.getJobCounts('waiting')).waiting === 1);
      expect(await wipeQueues(h)).toBeGreaterThan(0);

      const workers = await startServer(h.runtime, { smtp: false, reconciler: false });
      try {
        // Workers alone cannot see it: the job is gone.
        await new Promise((r) => setTimeout(r, 500));
        const [row] = await h.ctx.sql`select state from inbound_deliveries`;
        expect(row.state).toBe('received');
        const counts = await reconcileOnce(h.ctx);
        expect(counts.routed).toBe(1);
        const reply = await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: lost@example.org')));
        expect(reply.raw).toMatch(/In-Reply-To: </);
      } finally {
        await workers.stop();
      }
    } finally {
      await h.close();
    }
  });

  it('accepts mail while Redis is down and routes it once Redis is back', async () => {
    // Redis "down": nothing listens on port 1.
    const h = await createHarness({ workers: false, env: { REDIS_URL: 'redis://127.0.0.1:1', RECONCILE_GRACE_MS: '0' } });
    let recovered;
    try {
      const info = await h.send({ from: 'noredis@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
      expect(info.response).toMatch(/^250 /);
      const [row] = await h.ctx.sql`select state from inbound_deliveries`;
      expect(row.state).toBe('received');

      // A second process with Redis back: its reconciler finds the stored message.
      recovered = await openRuntime({ ...h.config, redisUrl: inject('redisUrl') });
      const server = await startServer(recovered, { smtp: false, reconciler: false });
      try {
        await reconcileOnce(recovered.ctx);
        await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: noredis@example.org')));
        const [after] = await h.ctx.sql`select state, outcome from inbound_deliveries`;
        expect(after).toEqual({ state: 'routed', outcome: 'commands: help' });
      } finally {
        await server.stop();
        await recovered.ctx.queues.route.obliterate({ force: true });
      }
    } finally {
      await recovered?.close();
      await h.close();
    }
  });

  it('routes a stored message whose routing job failed for good before the row could be marked', async () => {
    const h = await createHarness({ workers: false, env: { RECONCILE_GRACE_MS: '0' } });
    try {
      await h.send({ from: 'failedjob@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
      const [delivery] = await h.ctx.sql`select id from inbound_deliveries`;
      await failJob(h, 'route', `route-${delivery.id}`);

      const workers = await startServer(h.runtime, { smtp: false, reconciler: false });
      try {
        expect((await reconcileOnce(h.ctx)).routed).toBe(1);
        await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: failedjob@example.org')));
        const [after] = await h.ctx.sql`select state from inbound_deliveries`;
        expect(after.state).toBe('routed');
      } finally {
        await workers.stop();
      }
    } finally {
      await h.close();
    }
  });

  it('sends a pending outbox row whose delivery job failed for good before the row could be marked', async () => {
    const h = await createHarness({ workers: false, env: { RECONCILE_GRACE_MS: '0' } });
    try {
      await h.send({ from: 'failedsend@example.org', to: `request@${h.domain}`, subject: 'help', text: 'help' });
      const [delivery] = await h.ctx.sql`select id from inbound_deliveries`;
      await routeDelivery(h.ctx, delivery.id);
      const [row] = await h.ctx.sql`select id, state from outbox`;
      expect(row.state).toBe('pending');
      await failJob(h, 'deliver', `out-${row.id}`);

      const workers = await startServer(h.runtime, { smtp: false, reconciler: false });
      try {
        expect((await reconcileOnce(h.ctx)).outbox).toBe(1);
        await waitFor(() => readMaildir(h.maildir).find((m) => m.raw.includes('Delivered-To: failedsend@example.org')));
        await waitFor(async () => (await h.ctx.sql`select state from outbox where id = ${row.id}`)[0].state === 'sent');
      } finally {
        await workers.stop();
      }
    } finally {
      await h.close();
    }
  });
});
