import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, waitFor, type Harness } from '../helpers/harness.ts';
import { freePort, startTacitProcess } from '../helpers/tacit-process.ts';
import { startHoldingRelay, type HoldingRelay } from '../helpers/holdingRelay.ts';
import { startLoopbackDns, type LoopbackDns } from '../helpers/dnsServer.ts';

/**
 * With OUTBOUND_LEASE_MS an hour, a `tacit start` is killed (SIGKILL) while
 * the relay holds its answers unanswered, and a second process starts: every
 * answer arrives once, though every claim of the killed process still had an
 * hour of lease, so only the takeover of a dead holder's claims can have sent
 * them. How soon is measured by `npm run bench` (restart), not asserted here.
 */
const MESSAGES = 30;
const HOUR = '3600000';

let h: Harness;
let relay: HoldingRelay;
let dns: LoopbackDns;
const children: ChildProcess[] = [];

beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
  relay = await startHoldingRelay();
  dns = await startLoopbackDns();
}, 60_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await relay?.close();
  await dns?.close();
  await h?.close();
});

const env = () => ({
  OUTBOUND: `smtp://127.0.0.1:${relay.port}?starttls=off`,
  OUTBOUND_LEASE_MS: HOUR,
  // DNS from an empty zone on loopback: every name unknown at once, with no network.
  DNS_SERVERS: dns.server,
});

describe('restart after SIGKILL, with a lease of an hour', () => {
  it("every answer to mail that got 250 before the kill arrives once, through the takeover of the dead process's claims", async () => {
    const port = await freePort();
    const first = await startTacitProcess(h, port, [], env());
    children.push(first);
    const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });
    const address = (i: number) => `takeover${i}@example.org`;
    const answers = await Promise.all(
      Array.from({ length: MESSAGES }, (_, i) =>
        client.sendMail({ from: address(i), to: `request@${h.domain}`, subject: 'help', text: 'help', messageId: `<takeover-${i}@example.org>` })),
    );
    client.close();
    expect(answers.filter((a) => !/^250 /.test(a.response))).toEqual([]);

    // Every answer decided, and some in the relay's hands, unanswered: claimed by the first process.
    await waitFor(async () => {
      const [row] = await h.ctx.sql`select count(*)::int as n from outbox where recipient like 'takeover%'`;
      return row.n === MESSAGES && relay.held > 0;
    }, 60_000, 'the answers decided and some held by the relay');
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    const [claimed] = await h.ctx.sql`
      select count(*)::int as n from outbox where state = 'sending' and lease_until > now() + interval '50 minutes'`;
    expect(claimed.n).toBeGreaterThan(0);
    expect(relay.delivered).toEqual([]);

    relay.holding = false;
    children.push(await startTacitProcess(h, await freePort(), [], env()));
    await waitFor(async () => {
      const [row] = await h.ctx.sql`select count(*)::int as n from outbox where state <> 'sent'`;
      return row.n === 0;
    }, 120_000, 'every answer sent after the restart');
    const times = new Map<string, number>();
    for (const to of relay.delivered) times.set(to, (times.get(to) ?? 0) + 1);
    const expected = Array.from({ length: MESSAGES }, (_, i) => address(i));
    expect([...times.keys()].sort()).toEqual(expected.sort());
    expect([...times.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  }, 240_000);
});
