import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { freePort, startTacitProcess } from '../helpers/tacit-process.ts';

/**
 * A real `tacit start` process is stopped at seeded random moments while
 * messages arrive over SMTP and are routed: SIGKILL (nothing finishes) and
 * SIGTERM (running work finishes, then it stops). The senders behave like
 * MTAs: whatever did not get a 250 is sent again (the same bytes). In the end
 * every message is stored once and answered once.
 */
const MESSAGES = Number(process.env.KILL_MESSAGES ?? 1000);

let h: Harness;
let child: ChildProcess | undefined;
let port: number;

/** `tacit start` on the harness's services, listening on `port`. */
const startTacit = () => startTacitProcess(h, port);

beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
  port = await freePort();
  child = await startTacit();
}, 60_000);
afterAll(async () => {
  child?.kill('SIGKILL');
  await h?.close();
});

/**
 * Sends `messages` help requests from `prefix`N@example.org over 8 lanes,
 * stopping the process with `signal` `stops` times along the way; returns how
 * many Maildir files each sender's answer became, by Message-ID.
 */
async function stopWhileArriving(signal: NodeJS.Signals, prefix: string, messages: number, stops: number) {
  const address = (i: number) => `${prefix}${i}@example.org`;
  let seed = 4242;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pending = Array.from({ length: messages }, (_, i) => i);
  const accepted = new Set<number>();
  let stopped = 0;
  // At random points of the stream (by progress, not by time: a fast run must still be stopped).
  const stopAt = Array.from({ length: stops }, () => Math.floor(messages * (0.1 + random() * 0.8))).sort((a, b) => a - b);
  const stopper = (async () => {
    while (stopped < stops) {
      while (accepted.size < stopAt[stopped]!) await new Promise((r) => setTimeout(r, 10));
      const exited = new Promise((r) => child!.once('exit', r));
      child!.kill(signal);
      await exited;
      stopped++;
      child = await startTacit();
    }
  })();
  const lane = async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: 1 });
    try {
      for (;;) {
        const i = pending.shift();
        if (i === undefined) return;
        try {
          const info = await transport.sendMail({
            from: address(i), to: `request@${h.domain}`, subject: 'help', text: 'help',
            messageId: `<${prefix}-${i}@example.org>`, date: new Date('2026-11-30T12:00:00Z'),
          });
          if (/^250 /.test(info.response)) accepted.add(i);
          else pending.push(i);
        } catch {
          pending.push(i); // as an MTA would: try again later
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    } finally {
      transport.close();
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  await stopper;
  expect(accepted.size).toBe(messages);
  expect(stopped).toBe(stops);

  // Stored once each, and routed.
  const [stored] = await h.ctx.sql`
    select count(*)::int as messages, count(distinct message_id)::int as distinct_ids
    from inbound_messages where message_id like ${`<${prefix}-%`}`;
  expect(stored).toEqual({ messages, distinct_ids: messages });
  await waitFor(async () => {
    const [row] = await h.ctx.sql`select count(*)::int as n from inbound_deliveries where state = 'received'`;
    return row.n === 0;
  }, 120_000, 'every message routed');
  // One answer decided per message...
  const answers = await h.ctx.sql`
    select recipient, count(*)::int as n from outbox where recipient like ${`${prefix}%@example.org`} group by recipient`;
  expect(answers.length).toBe(messages);
  expect(answers.filter((a) => a.n !== 1)).toEqual([]);
  // ...and each one delivered.
  await waitFor(async () => {
    // 'sending' too: rows a killed process had claimed, until the next process takes them over.
    const [row] = await h.ctx.sql`select count(*)::int as n from outbox where state in ('pending', 'sending')`;
    return row.n === 0;
  }, 120_000, 'every answer sent');
  const files = new Map<string, string[]>();
  for (const m of readMaildir(h.maildir)) {
    const to = /^Delivered-To: (.*)$/m.exec(m.raw)?.[1]?.trim();
    if (to?.startsWith(prefix)) files.set(to, [...(files.get(to) ?? []), /^Message-ID: (.*)$/im.exec(m.raw)?.[1]?.trim() ?? '']);
  }
  const missing = Array.from({ length: messages }, (_, i) => address(i)).filter((a) => !files.get(a));
  expect(missing).toEqual([]);
  return files;
}

describe('stopping tacit start while messages arrive and are routed', () => {
  it('SIGKILL: every message that got 250 is stored once and answered once', async () => {
    const files = await stopWhileArriving('SIGKILL', 'kill', MESSAGES, 3);
    // A kill between writing a copy and marking it sent writes it again: the same
    // Message-ID, so the receiver sees a duplicate of one mail, never a second mail.
    const twice = [...files.values()].filter((ids) => ids.length > 1);
    for (const ids of twice) expect(new Set(ids).size).toBe(1);
    console.log(`kill test: ${MESSAGES} stored once, ${twice.length} answers written twice (same Message-ID) to the Maildir`);
  }, 300_000);

  it('SIGTERM: running work finishes first, so no answer is written twice', async () => {
    const files = await stopWhileArriving('SIGTERM', 'term', 300, 2);
    expect([...files.entries()].filter(([, ids]) => ids.length !== 1)).toEqual([]);
  }, 300_000);
});
