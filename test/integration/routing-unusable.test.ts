import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { tacit } from '../helpers/cli.ts';
import { routeJobId } from '../../src/pipeline/routing/routeQueue.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => {
  await h?.close();
});

/**
 * A message the parser refuses: mailparser (its splitter) stops at 1000 MIME
 * parts with "Max allowed child nodes exceeded", on every attempt alike. It
 * is small (36 kB) and SMTP takes it like any other.
 */
function tooManyParts(from: string): string {
  const part = '--b\r\nContent-Type: text/plain\r\n\r\nx\r\n';
  return [
    `From: ${from}`,
    `To: request@${h.domain}`,
    'Subject: help',
    'Message-ID: <too-many-parts@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b"',
    '',
    part.repeat(1001) + '--b--',
    '',
  ].join('\r\n');
}

describe('a message that can never be routed', () => {
  it('is tried once, stored failed with its reason, and tacit stats --json lists it', async () => {
    const from = 'parts@example.org';
    const sent = await h.send({ envelope: { from, to: [`request@${h.domain}`] }, raw: tooManyParts(from) });
    expect(sent.response).toMatch(/^250 /);
    const [{ id }] = await h.ctx.sql`
      select d.id from inbound_deliveries d join inbound_messages m on m.id = d.message_id where m.envelope_from = ${from}`;
    const deliveryId = Number(id);

    // The queue gives up after the first attempt: failed, not delayed for a second one.
    const job = await waitFor(async () => {
      const found = await h.ctx.queues.route.getJob(routeJobId(deliveryId));
      return found && (await found.getState()) === 'failed' ? found : undefined;
    }, 15_000, 'the route job to fail');
    expect(job.attemptsMade).toBe(1);
    expect(job.attemptsStarted).toBe(1);
    expect(job.failedReason).toMatch(/cannot be parsed: Max allowed child nodes exceeded/);

    const [delivery] = await h.ctx.sql`select state, outcome, route_attempts from inbound_deliveries where id = ${deliveryId}`;
    expect(delivery).toMatchObject({ state: 'failed', route_attempts: 0 });
    expect(delivery!.outcome).toBe('the message cannot be parsed: Max allowed child nodes exceeded');

    const { stdout } = await tacit(h, ['stats', '--json']);
    const stats = JSON.parse(stdout);
    expect(stats.inbound.failed).toBe(1);
    expect(stats.unrouted).toContainEqual({
      id: deliveryId,
      recipient: `request@${h.domain}`,
      state: 'unusable',
      attempts: 0,
      error: 'the message cannot be parsed: Max allowed child nodes exceeded',
    });
  });
});
