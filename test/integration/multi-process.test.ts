import type { ChildProcess } from 'node:child_process';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyAddress } from '../../src/domains/consultations/replies/replyAddress.ts';
import { createHarness, readMaildir, waitFor, type Harness } from '../helpers/harness.ts';
import { freePort, startTacitProcess } from '../helpers/tacit-process.ts';
import { closeHarness, inDays, seedList } from '../helpers/consultation.ts';
import { startLoopbackDns, type LoopbackDns } from '../helpers/dnsServer.ts';

/**
 * Two `tacit start --only ingest` and two `--only workers` processes on one
 * Postgres and Redis: a consultation of 5,000 members is opened and sent by
 * mail, then members reply over SMTP to both ingest ports while the deadline
 * passes and the close runs (the alarm and both reconcilers race to close).
 * Every copy is sent once, every reply is counted once (or answered late),
 * and the close happens once.
 */
const MEMBERS = Number(process.env.MULTI_MEMBERS ?? 5000);
const VOTERS = 300;
/** Replies are spread over this window; the deadline falls at DEADLINE_AT of it. */
const WINDOW_MS = 10_000;
const DEADLINE_AT = 0.6;
const LANES = 16;
const SLUG = 'congress';

let h: Harness;
const children: ChildProcess[] = [];
let ports: number[] = [];
let dns: LoopbackDns;

beforeAll(async () => {
  h = await createHarness({ smtp: false, workers: false });
  await seedMembers();
  ports = [await freePort(), await freePort()];
  // DNS from an empty zone on loopback: every name unknown at once, with no network.
  dns = await startLoopbackDns();
  const env = { DNS_SERVERS: dns.server };
  children.push(
    ...(await Promise.all([
      startTacitProcess(h, ports[0]!, ['--only', 'ingest'], env),
      startTacitProcess(h, ports[1]!, ['--only', 'ingest'], env),
      startTacitProcess(h, 0, ['--only', 'workers'], env),
      startTacitProcess(h, 0, ['--only', 'workers'], env),
    ])),
  );
}, 120_000);

afterAll(async () => {
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGTERM'))))));
  await closeHarness(h);
  await dns?.close();
}, 60_000);

/** The coordinator (a member) and MEMBERS - 1 more, set-based: one query per member would be most of the time. */
async function seedMembers() {
  await seedList(h, SLUG, 0);
  await h.ctx.sql`
    insert into members (email, name) select ${SLUG} || '-m' || i || '@example.org', 'Member ' || i from generate_series(1, ${MEMBERS - 1}) i`;
  await h.ctx.sql`
    insert into memberships (group_id, member_id)
    select g.id, m.id from groups g, members m where g.slug = ${SLUG} and m.email like ${SLUG + '-m%@example.org'}`;
}

/** One SMTP session to an ingest port; resolves to the final answer. */
async function sendTo(port: number, message: Mail.Options): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return (await transport.sendMail(message)).response;
  } finally {
    transport.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Reply {
  member: string;
  letter: string;
  messageId: string;
  /** Planned start, in ms after the window opens. */
  at: number;
  /** When the first attempt started and when a 250 came back (epoch ms). */
  started?: number;
  acked?: number;
}

/**
 * VOTERS members answer a letter at seeded moments of the window, a third of
 * them in the last 1.5 s before the deadline (so replies wait in the route
 * queue when it passes); every eighth answers again later with another
 * letter, its replies sent in order.
 */
function planReplies(emails: string[]): Reply[][] {
  let seed = 8088;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const deadline = WINDOW_MS * DEADLINE_AT;
  return emails.slice(0, VOTERS).map((member, i) => {
    const at = i % 3 === 0 ? deadline - 1500 + random() * 1500 : random() * WINDOW_MS * 0.8;
    const first = { member, letter: 'ABC'[Math.floor(random() * 3)]!, messageId: `<vote-${i}-1@example.org>`, at };
    if (i % 8 !== 0) return [first];
    const letter = first.letter === 'C' ? 'A' : 'C';
    return [first, { member, letter, messageId: `<vote-${i}-2@example.org>`, at: first.at + 1000 + random() * 2000 }];
  });
}

describe('two ingest and two worker processes, one consultation of 5,000', () => {
  it('sends every copy once, counts every reply once and closes once', async () => {
    const { sql } = h.ctx;
    const coordinator = `coord-${SLUG}@example.org`;

    // Opening by mail through one ingest, the confirmation through the other.
    const opened = await sendTo(ports[0]!, {
      from: coordinator, to: `${SLUG}-consult@${h.domain}`, subject: 'Where shall we meet?', messageId: '<open@example.org>',
      text: `Kind: choice\nDeadline: ${inDays(3)}\nReminder: none\nOptions:\nA. Lisbon\nB. Montreal\nC. Nairobi\n\nPlease answer.`,
    });
    expect(opened).toMatch(/^250 /);
    const preview = await waitFor(async () => (await sql`select params from outbox where kind = 'consultation-preview'`)[0], 60_000, 'the preview');
    const confirmed = await sendTo(ports[1]!, { from: coordinator, to: preview.params.replyTo as string, subject: 'Re: preview', text: 'ok', messageId: '<ok@example.org>' });
    expect(confirmed).toMatch(/^250 /);
    const c = await waitFor(async () => (await sql`select id, electorate_size from consultations where status = 'open'`)[0], 60_000, 'the consultation open');
    const id = Number(c.id);
    expect(c.electorate_size).toBe(MEMBERS);
    await waitFor(async () => {
      const [row] = await sql`select count(*)::int as n from outbox where kind = 'consultation-copy' and state = 'sent'`;
      return row.n === MEMBERS;
    }, 150_000, 'every copy sent');

    // The deadline moves close (instead of days away); the reconcilers set its alarm within a second.
    const memberIds = new Map((await sql`select id, email from members`).map((r) => [r.email as string, Number(r.id)]));
    const chains = planReplies([...memberIds.keys()].filter((e) => e !== coordinator).sort());
    const windowStart = Date.now() + 1000;
    const deadline = new Date(windowStart + WINDOW_MS * DEADLINE_AT);
    await sql`update consultations set deadline = ${deadline} where id = ${id}`;

    let sent = 0;
    const queue = [...chains].sort((a, b) => a[0]!.at - b[0]!.at);
    const sendReply = async (r: Reply, n: number) => {
      r.started = Date.now();
      for (let attempt = 0; ; attempt++) {
        // As an MTA would: what got no 250 is sent again (same bytes, same Message-ID).
        const response = await sendTo(ports[n % 2]!, {
          from: r.member, to: replyAddress(h.ctx, id, memberIds.get(r.member)!), subject: 'Re: Where shall we meet?',
          text: r.letter, messageId: r.messageId, date: new Date(r.started),
        }).catch((err: Error) => err.message);
        if (/^250 /.test(response)) return void (r.acked = Date.now());
        if (attempt >= 5) throw new Error(`reply ${r.messageId} not accepted: ${response}`);
        await sleep(300);
      }
    };
    const lane = async () => {
      for (let chain = queue.shift(); chain; chain = queue.shift()) {
        for (const r of chain) {
          await sleep(windowStart + r.at - Date.now());
          await sendReply(r, sent++);
        }
      }
    };
    await Promise.all(Array.from({ length: LANES }, lane));

    const replies = chains.flat();
    const inTime = replies.filter((r) => r.acked! < deadline.getTime());
    const afterwards = replies.filter((r) => r.started! > deadline.getTime());
    // The run straddled the deadline: some replies were accepted before it, some sent after it.
    expect(inTime.length).toBeGreaterThan(0);
    expect(afterwards.length).toBeGreaterThan(0);

    await waitFor(async () => (await sql`select 1 from consultations where id = ${id} and status = 'closed'`)[0], 60_000, 'the close');
    await waitFor(async () => {
      const [row] = await sql`
        select (select count(*) from inbound_deliveries where state = 'received')::int
             + (select count(*) from outbox where state in ('pending', 'sending'))::int as n`;
      return row.n === 0;
    }, 150_000, 'every reply routed and every mail sent');

    // Every reply stored once and recorded once: counted if accepted before the deadline, late if sent after it.
    const recorded = await sql`
      select m.message_id, r.late, r.id as reply_id from inbound_messages m
      left join consultation_replies r on r.inbound_message_id = m.id and r.consultation_id = ${id}
      where m.message_id like '<vote-%'`;
    expect(recorded.length).toBe(replies.length);
    const byMessage = new Map(recorded.map((r) => [r.message_id as string, r]));
    expect(recorded.filter((r) => r.reply_id === null)).toEqual([]);
    expect(inTime.filter((r) => byMessage.get(r.messageId)!.late).map((r) => r.messageId)).toEqual([]);
    expect(afterwards.filter((r) => !byMessage.get(r.messageId)!.late).map((r) => r.messageId)).toEqual([]);

    // What counts for each member: their last reply that was not late (its letter), from the test's own log.
    const counted = new Map<string, string>();
    for (const r of replies.sort((a, b) => a.started! - b.started!)) if (!byMessage.get(r.messageId)!.late) counted.set(r.member, r.letter);
    const standing = await sql`
      select e.email, r.stance from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
      where e.consultation_id = ${id}`;
    expect(new Map(standing.map((s) => [s.email as string, (s.stance as { first: string }).first]))).toEqual(counted);

    // The close happened once: one outcome, which agrees with those replies, and one outcome mail per member.
    const [closed] = await sql`select outcome, electorate_size from consultations where id = ${id}`;
    const outcome = closed.outcome as { buckets: Record<string, number>; options: { letter: string; first: number }[] };
    expect(outcome.buckets).toEqual({ replied: counted.size, silent: MEMBERS - counted.size, unreachable: 0, away: 0 });
    const firsts = (letter: string) => [...counted.values()].filter((l) => l === letter).length;
    expect(outcome.options.map((o) => [o.letter, o.first])).toEqual(['A', 'B', 'C'].map((l) => [l, firsts(l)]));
    const [outcomeMails] = await sql`
      select count(*)::int as n, count(distinct recipient)::int as recipients from outbox where kind = 'consultation-outcome'`;
    expect(outcomeMails).toEqual({ n: MEMBERS, recipients: MEMBERS });

    // Every reply got exactly one answer: a receipt, or a "closed" notice when late.
    const answers = await sql`select in_reply_to, kind from outbox where in_reply_to like '<vote-%'`;
    const answerOf = new Map<string, string[]>();
    for (const a of answers) answerOf.set(a.in_reply_to as string, [...(answerOf.get(a.in_reply_to as string) ?? []), a.kind as string]);
    const wrong = replies.filter((r) => {
      const kinds = answerOf.get(r.messageId) ?? [];
      return kinds.length !== 1 || kinds[0] !== (byMessage.get(r.messageId)!.late ? 'consultation-late' : 'consultation-receipt');
    });
    expect(wrong.map((r) => [r.messageId, answerOf.get(r.messageId)])).toEqual([]);

    // Every mail sent once: each sent row is in the Maildir exactly once, at its recipient, and nothing else is.
    const rows = await sql`select id, kind, recipient, state from outbox`;
    expect(rows.filter((r) => r.state !== 'sent').map((r) => [r.id, r.kind, r.state])).toEqual([]);
    const copies = rows.filter((r) => r.kind === 'consultation-copy');
    expect(new Set(copies.map((r) => r.recipient)).size).toBe(MEMBERS);
    const files = new Map<string, string[]>();
    for (const m of readMaildir(h.maildir)) {
      const messageId = /^Message-ID: *(<[^>]+>)/im.exec(m.raw)?.[1] ?? m.file;
      const to = /^Delivered-To: (.*)$/m.exec(m.raw)?.[1]?.trim() ?? '';
      files.set(messageId, [...(files.get(messageId) ?? []), to]);
    }
    // The close's outcome-mailing row is not a mail: sending it wrote the members' outcome rows.
    const mails = rows.filter((r) => r.kind !== 'consultation-outcome-mailing');
    expect(rows.length - mails.length).toBe(1);
    const expected = new Map(mails.map((r) => [`<tacit-${r.id}@${h.domain}>`, [r.recipient as string]]));
    const twice = [...files].filter(([, to]) => to.length > 1);
    expect(twice).toEqual([]);
    expect(files.size).toBe(expected.size);
    expect(files).toEqual(expected);
    // Waiting at the deadline, yet counted: the close routed them, or waited for the worker routing them.
    const [waited] = await sql`
      select count(*)::int as n from inbound_deliveries d
      join consultation_replies r on r.inbound_message_id = d.message_id
      join consultations c on c.id = r.consultation_id
      where c.id = ${id} and not r.late and d.routed_at > c.deadline`;
    console.log(`multi-process: ${MEMBERS} copies and ${MEMBERS} outcome mails sent once; ${replies.length} replies, ` +
      `${inTime.length} accepted before the deadline, ${afterwards.length} sent after it, ${counted.size} members counted, ` +
      `${waited.n} of them routed after the deadline`);
  }, 300_000);
});
