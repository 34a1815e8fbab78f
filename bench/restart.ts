import nodemailer from 'nodemailer';
import { startHoldingRelay } from '../test/helpers/holdingRelay.ts';
import { startLoopbackDns } from '../test/helpers/dnsServer.ts';
import { secondsSince, sleep } from './lib/peers.ts';
import { openScratch } from './lib/scratch.ts';
import { startTacit } from './lib/tacitProcess.ts';

const HOUR = '3600000';

/** Waits until the relay has accepted `n` mails; throws after `timeoutMs`. */
async function delivered(relay: { delivered: string[] }, n: number, timeoutMs = 10 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (relay.delivered.length < n) {
    if (Date.now() > deadline) throw new Error(`the relay has ${relay.delivered.length} of ${n} answers`);
    await sleep(20);
  }
}

/**
 * Restart: `count` help requests are answered 250 by a Tacit process whose
 * answers the relay holds unanswered; the process is killed (SIGKILL) with
 * OUTBOUND_LEASE_MS an hour, and a new one started. Timed: from the restart
 * to the last answer accepted by the relay, against a clean start with the
 * same answers pending (nothing claimed, nothing killed).
 */
export async function benchRestart(adminUrl: string, redisUrl: string, count: number) {
  const relay = await startHoldingRelay();
  // An empty zone on loopback: every name unknown at once, with no network (a closed port would be a
  // DNS failure, and sender authentication would wait for DNS to come back).
  const dns = await startLoopbackDns();
  const scratch = await openScratch(adminUrl, redisUrl, {
    OUTBOUND: `smtp://127.0.0.1:${relay.port}?starttls=off`,
    OUTBOUND_LEASE_MS: HOUR,
    DNS_SERVERS: dns.server,
  });
  const { sql } = scratch.ctx;
  try {
    const first = await startTacit(scratch.env);
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: first.smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 10 });
    await Promise.all(Array.from({ length: count }, (_, i) =>
      client.sendMail({ from: `restart${i}@example.org`, to: 'request@tacit.localhost', subject: 'help', text: 'help' })));
    client.close();
    for (;;) {
      const [row] = await sql`select count(*)::int as n from outbox`;
      if (row.n === count && relay.held > 0) break;
      await sleep(50);
    }
    await first.kill();
    const [claimed] = await sql`select count(*)::int as n from outbox where state = 'sending'`;
    relay.holding = false;

    let started = process.hrtime.bigint();
    const second = await startTacit(scratch.env);
    await delivered(relay, count);
    const restartSeconds = secondsSince(started);
    await second.stop();
    const twice = relay.delivered.length - new Set(relay.delivered).size;

    // The baseline: the same answers pending, a clean start.
    // Older than RECONCILE_GRACE_MS, as rows found by a restart after an outage are.
    await sql`update outbox set state = 'pending', lease_id = null, lease_holder = null, lease_until = null, sent_at = null, created_at = created_at - interval '1 hour'`;
    relay.delivered.length = 0;
    started = process.hrtime.bigint();
    const third = await startTacit(scratch.env);
    await delivered(relay, count);
    const cleanSeconds = secondsSince(started);
    await third.stop();
    return {
      answers: count,
      'claimed by the killed process': claimed.n as number,
      'lease s': Number(HOUR) / 1000,
      'restart → last answer s': +restartSeconds.toFixed(2),
      'clean start → last answer s': +cleanSeconds.toFixed(2),
      'vs clean start': +(restartSeconds / cleanSeconds).toFixed(2),
      'answered twice': twice,
    };
  } finally {
    await scratch.drop();
    await relay.close();
    await dns.close();
  }
}
