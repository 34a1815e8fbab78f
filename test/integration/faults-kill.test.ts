import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { freePort, startTacitProcess } from '../helpers/tacit-process.ts';

/**
 * SIGKILL at seeded random moments while 1,000 messages arrive over SMTP and
 * are routed by a real `tacit start` process. The senders behave like MTAs:
 * whatever did not get a 250 is sent again (the same bytes). In the end every
 * message is stored once and answered once.
 */
const MESSAGES = Number(process.env.KILL_MESSAGES ?? 1000);
const KILLS = 3;

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

const address = (i: number) => `kill${i}@example.org`;

describe('SIGKILL while 1,000 messages arrive and are routed', () => {
  it('stores every message that got 250 once and answers each once', async () => {
    let seed = 4242;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pending = Array.from({ length: MESSAGES }, (_, i) => i);
    const accepted = new Set<number>();
    let kills = 0;
    // Kills at random points of the stream (by progress, not by time: a fast run must still be killed).
    const killAt = Array.from({ length: KILLS }, () => Math.floor(MESSAGES * (0.1 + random() * 0.8))).sort((a, b) => a - b);
    const killer = (async () => {
      while (kills < KILLS) {
        while (accepted.size < killAt[kills]!) await new Promise((r) => setTimeout(r, 10));
        child!.kill('SIGKILL');
        await new Promise((r) => child!.once('exit', r));
        kills++;
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
              messageId: `<kill-${i}@example.org>`, date: new Date('2026-11-30T12:00:00Z'),
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
    await killer;
    expect(accepted.size).toBe(MESSAGES);
    expect(kills).toBe(KILLS);

    // Stored once each, and routed.
    const [stored] = await h.ctx.sql`
      select count(*)::int as messages, count(distinct message_id)::int as distinct_ids
      from inbound_messages where message_id like '<kill-%'`;
    expect(stored).toEqual({ messages: MESSAGES, distinct_ids: MESSAGES });
    await waitFor(async () => {
      const [row] = await h.ctx.sql`select count(*)::int as n from inbound_deliveries where state = 'received'`;
      return row.n === 0;
    }, 120_000, 'every message routed');
    // One answer decided per message...
    const answers = await h.ctx.sql`
      select recipient, count(*)::int as n from outbox where recipient like 'kill%@example.org' group by recipient`;
    expect(answers.length).toBe(MESSAGES);
    expect(answers.filter((a) => a.n !== 1)).toEqual([]);
    // ...and each one delivered.
    await waitFor(async () => {
      // 'sending' too: rows a killed process had claimed wait for its lease to run out.
      const [row] = await h.ctx.sql`select count(*)::int as n from outbox where state in ('pending', 'sending')`;
      return row.n === 0;
    }, 120_000, 'every answer sent');
    const files = new Map<string, number>();
    for (const m of readMaildir(h.maildir)) {
      const to = /^Delivered-To: (.*)$/m.exec(m.raw)?.[1]?.trim();
      if (to) files.set(to, (files.get(to) ?? 0) + 1);
    }
    const missing = Array.from({ length: MESSAGES }, (_, i) => address(i)).filter((a) => !files.get(a));
    expect(missing).toEqual([]);
    const twice = [...files.values()].filter((n) => n > 1).length;
    console.log(`kill test: ${kills} kills, ${MESSAGES} stored once, ${twice} answers written twice to the Maildir`);
  }, 300_000);
});
