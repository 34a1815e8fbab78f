// Shared by the consultation integration tests (not a test file itself).
import { simpleParser, type ParsedMail } from 'mailparser';
import { upsertGroup, type GroupLevel } from '../../src/domains/org/groups.ts';
import { grantRole, subscribe, upsertMember } from '../../src/domains/org/members.ts';
import { readMaildir, waitFor, type Harness } from './harness.ts';
import { routeDelivery } from '../../src/pipeline/routing/router.ts';


export interface SeededList {
  slug: string;
  coordinator: string;
  members: string[];
}

/** A list with a coordinator (who is a member) and `count` further members m1…mN@example.org. */
export async function seedList(h: Harness, slug: string, count: number, level: GroupLevel = 'committee'): Promise<SeededList> {
  await upsertGroup(h.ctx.sql, { slug, name: slug.toUpperCase(), level });
  const coordinator = `coord-${slug}@example.org`;
  const coord = await upsertMember(h.ctx.sql, { email: coordinator, name: `Coordinator ${slug}` });
  await subscribe(h.ctx.sql, coord.id, slug);
  await grantRole(h.ctx.sql, coord.id, 'coordinator', slug);
  const members: string[] = [];
  for (let i = 1; i <= count; i++) {
    const email = `${slug}-m${i}@example.org`;
    const m = await upsertMember(h.ctx.sql, { email, name: `Member ${i}` });
    await subscribe(h.ctx.sql, m.id, slug);
    members.push(email);
  }
  return { slug, coordinator, members };
}

export interface Delivered {
  file: string;
  to: string;
  raw: string;
  mail: ParsedMail;
}

const parsedFiles = new Map<string, Delivered>();

/** Every message in the Maildir, parsed (once per file), with its Delivered-To. */
export async function delivered(h: Harness): Promise<Delivered[]> {
  const out: Delivered[] = [];
  for (const m of readMaildir(h.maildir)) {
    let d = parsedFiles.get(m.file);
    if (!d) {
      const to = /^Delivered-To: (.*)$/m.exec(m.raw)?.[1]?.trim() ?? '';
      d = { file: m.file, to, raw: m.raw, mail: await simpleParser(m.raw) };
      parsedFiles.set(m.file, d);
    }
    out.push(d);
  }
  return out;
}

/** Waits until `count` messages for `to` whose subject matches, and returns them. */
export async function waitForMailTo(h: Harness, to: string, subject: RegExp, count = 1, timeoutMs = 20_000): Promise<Delivered[]> {
  return waitFor(async () => {
    const found = (await delivered(h)).filter((d) => d.to === to && subject.test(d.mail.subject ?? ''));
    return found.length >= count ? found : undefined;
  }, timeoutMs, `${count} mail(s) to ${to} with subject ${subject}`);
}

export function replyToOf(d: Delivered): string {
  const value = d.mail.replyTo?.value[0]?.address;
  if (!value) throw new Error(`no Reply-To in mail to ${d.to}: ${d.mail.subject}`);
  return value;
}

/** Routes every stored delivery here and now, in order: for tests that run no workers. */
export async function routeAllNow(h: Harness): Promise<void> {
  const rows = await h.ctx.sql`select id from inbound_deliveries where state = 'received' order by id`;
  for (const r of rows) await routeDelivery(h.ctx, r.id as number);
}

/** Waits until every stored delivery has been routed (or held). */
export async function waitForRouting(h: Harness): Promise<void> {
  await waitFor(async () => {
    const [row] = await h.ctx.sql`select count(*)::int as n from inbound_deliveries where state = 'received'`;
    return row.n === 0;
  }, 20_000, 'all inbound mail routed');
}

/** Waits until no outbox row is pending or being sent. */
export async function waitForOutbox(h: Harness, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => {
    const [row] = await h.ctx.sql`select count(*)::int as n from outbox where state in ('pending', 'sending')`;
    return row.n === 0;
  }, timeoutMs, 'outbox drained');
}

export { tacit } from './cli.ts';

/** Moves a consultation's deadline into the past (instead of waiting for it). */
export async function expire(h: Harness, id: number): Promise<void> {
  await h.ctx.sql`update consultations set deadline = now() - interval '1 second' where id = ${id}`;
}

/** Days from now, as the ISO form the opening mail accepts. */
export function inDays(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/**
 * Opens a consultation the way a coordinator does (mail, preview, confirm)
 * and waits until every member has their copy; returns its id and each
 * member's reply address.
 */
export async function openViaSmtp(h: Harness, list: SeededList, subject: string, keyLines: string[], description = 'Please answer.'): Promise<{ id: number; replyTo: Map<string, string> }> {
  const tag = Math.random().toString(36).slice(2);
  await h.send({ from: list.coordinator, to: `${list.slug}-consult@${h.domain}`, subject, text: [...keyLines, '', description].join('\n'), messageId: `<open-${tag}@example.org>` });
  const previews = await waitForMailTo(h, list.coordinator, new RegExp(`^Preview of C-\\d+: ${escape(subject)}`));
  const preview = previews[previews.length - 1]!;
  const id = Number(/C-(\d+)/.exec(preview.mail.subject!)![1]);
  await h.send({ from: list.coordinator, to: replyToOf(preview), subject: `Re: ${preview.mail.subject}`, text: 'ok', messageId: `<confirm-${tag}@example.org>` });
  const replyTo = new Map<string, string>();
  for (const member of [list.coordinator, ...list.members]) {
    const [copy] = await waitForMailTo(h, member, new RegExp(`^\\[${list.slug}\\] C-${id}: `));
    replyTo.set(member, replyToOf(copy!));
  }
  return { id, replyTo };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Closes the harness, first removing this Tacit's consultation alarms from the shared test Redis. */
export async function closeHarness(h: Harness | undefined): Promise<void> {
  if (!h) return;
  await h.ctx.queues.consultation.obliterate({ force: true }).catch(() => {});
  await h.close();
}
