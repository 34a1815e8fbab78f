import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertGroup } from '../../src/domains/org/groups.ts';
import { grantRole, upsertMember } from '../../src/domains/org/members.ts';
import { summariseHeldNotices } from '../../src/pipeline/routing/answers/noticeBudget.ts';
import { noticeLimit } from '../../src/shared/rules/notices.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { closeHarness, waitForMailTo, waitForOutbox, waitForRouting } from '../helpers/consultation.ts';

/**
 * A flood over real SMTP reaches one person as at most the hourly limit of
 * each kind of mail plus one summary once the hour is over: answers to one
 * address, moderation requests to a moderator, forwards to an owner.
 */
let h: Harness;
beforeAll(async () => {
  // Budgets are per clock hour: do not start the flood in the last seconds of one.
  const left = 3600_000 - (Date.now() % 3600_000);
  if (left < 45_000) await new Promise((resolve) => setTimeout(resolve, left + 1000));
  h = await createHarness();
  await upsertGroup(h.ctx.sql, { slug: 'all', name: 'All members', level: 'international' });
  const owner = await upsertMember(h.ctx.sql, { email: 'owner@example.org', name: 'Owner' });
  await grantRole(h.ctx.sql, owner.id, 'owner', 'all');
});
afterAll(async () => {
  await closeHarness(h);
});

async function flood(count: number, mail: (i: number) => { from: string; to: string; text: string }) {
  for (let i = 0; i < count; i++) {
    const m = mail(i);
    await h.send({ ...m, subject: `flood ${i}`, messageId: `<flood-${m.to}-${i}@example.net>` });
  }
  await waitForRouting(h);
  await waitForOutbox(h);
}

const outboxCount = async (kind: string, recipient: string) =>
  (await h.ctx.sql`select count(*)::int as n from outbox where kind = ${kind} and recipient = ${recipient}`)[0]!.n as number;

/** Moves this hour's budgets into the past, as if the hour had ended. */
async function endTheHour() {
  await h.ctx.sql`update notice_budget set hour = hour - interval '1 hour'`;
  await h.ctx.sql`update reply_budget set hour = hour - interval '1 hour'`;
}

describe('hourly limits, and one summary for what was held back', () => {
  it('sends a moderator at most the limit of moderation requests for a flood of held posts', async () => {
    const limit = noticeLimit('moderation-request');
    await flood(limit + 3, (i) => ({ from: `spammer${i}@example.net`, to: `all@${h.domain}`, text: 'buy now' }));
    expect(await outboxCount('moderation-request', 'owner@example.org')).toBe(limit);
    const [{ n }] = await h.ctx.sql`select count(*)::int as n from list_posts where state = 'held'`;
    expect(n).toBe(limit + 3); // every post is still held, only the mails are limited
  });

  it('forwards at most the limit of postmaster mails to an owner; the rest stay held for operators', async () => {
    const limit = noticeLimit('forward');
    await flood(limit + 2, (i) => ({ from: `reporter${i}@example.net`, to: `postmaster@${h.domain}`, text: 'abuse report' }));
    expect(await outboxCount('forward', 'owner@example.org')).toBe(limit);
    const held = await h.ctx.sql`select outcome from inbound_deliveries where recipient = ${`postmaster@${h.domain}`} and state = 'held'`;
    expect(held).toHaveLength(2);
    expect(held[0]!.outcome).toMatch(/hourly limit/);
  });

  it('answers one address at most the limit of times an hour', async () => {
    const limit = noticeLimit('answer');
    await flood(limit + 4, () => ({ from: 'chatty@example.net', to: `request@${h.domain}`, text: 'help' }));
    expect(await outboxCount('request-results', 'chatty@example.net')).toBe(limit);
  });

  it('sums up what was held back in one mail per person and kind once the hour is over, once', async () => {
    expect(await summariseHeldNotices(h.ctx)).toBe(0); // the hour is not over yet
    await endTheHour();
    expect(await summariseHeldNotices(h.ctx)).toBe(3);
    expect(await summariseHeldNotices(h.ctx)).toBe(0);
    const toOwner = await waitForMailTo(h, 'owner@example.org', /held back$/, 2);
    const subjects = toOwner.map((d) => d.mail.subject).filter((s) => /held back$/.test(s ?? '')).sort();
    expect(subjects).toEqual(['2 more forwarded messages held back', '3 more moderation requests held back']);
    const [answers] = await waitForMailTo(h, 'chatty@example.net', /held back$/);
    expect(answers!.mail.subject).toBe('4 more answers held back');
    expect(answers!.mail.text).toContain('at most 30 of them');
    await waitForOutbox(h);
    expect(await outboxCount('notices-held', 'owner@example.org')).toBe(2);
    expect(await outboxCount('notices-held', 'chatty@example.net')).toBe(1);
  });
});
