import { simpleParser, type ParsedMail } from 'mailparser';
import { readMaildir, waitFor, type Harness } from './harness.ts';
import { addGroup } from '../../src/domains/org/groups.ts';
import { enrolMember } from '../../src/domains/org/enrol.ts';
import { grantRole, upsertMember } from '../../src/domains/org/members.ts';

/** Shared by the lists, org and commands integration tests. */

export interface Delivered {
  file: string;
  raw: string;
  parsed: ParsedMail;
}

/** Mails delivered to `address` (by the Maildir's Delivered-To line), oldest first. */
export async function mailsTo(h: Harness, address: string): Promise<Delivered[]> {
  const mine = readMaildir(h.maildir).filter((m) => m.raw.startsWith('Return-Path:') && deliveredTo(m.raw) === address.toLowerCase());
  return Promise.all(mine.map(async (m) => ({ ...m, parsed: await simpleParser(m.raw) })));
}

function deliveredTo(raw: string): string | undefined {
  return /^Delivered-To: (.*)$/m.exec(raw)?.[1]?.trim().toLowerCase();
}

/** Waits until `address` has received `count` mails and returns them all. */
export async function waitForMailTo(h: Harness, address: string, count = 1, timeoutMs = 15_000): Promise<Delivered[]> {
  return waitFor(async () => {
    const mails = await mailsTo(h, address);
    return mails.length >= count ? mails : undefined;
  }, timeoutMs, `${count} mail(s) to ${address}`);
}

/** The mail to `address` with this subject, once it has come: copies of two posts may arrive in either order. */
export async function mailToWithSubject(h: Harness, address: string, subject: string, timeoutMs = 15_000): Promise<Delivered> {
  return waitFor(async () => (await mailsTo(h, address)).find((m) => m.parsed.subject === subject), timeoutMs, `a mail to ${address} with subject ${subject}`);
}

/** The last mail to `address` once there are `count`. */
export async function nthMailTo(h: Harness, address: string, count: number): Promise<Delivered> {
  const mails = await waitForMailTo(h, address, count);
  return mails[count - 1]!;
}

/** One header of a delivered raw message, unfolded (undefined when absent). */
export function header(raw: string, name: string): string | undefined {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  const re = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, 'im');
  return re.exec(head)?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

export function headerCount(raw: string, name: string): number {
  const head = raw.slice(0, raw.search(/\r?\n\r?\n/));
  return head.split(/\r?\n/).filter((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`)).length;
}

/** Replies to a delivered mail (to its Reply-To), as a member's mail client would. */
export async function replyTo(h: Harness, mail: Delivered, from: string, text = 'ok', messageId?: string) {
  const to = mail.parsed.replyTo?.value[0]?.address;
  if (!to) throw new Error('the mail has no Reply-To');
  return h.send({
    from,
    to,
    subject: `Re: ${mail.parsed.subject ?? ''}`,
    text: `${text}\n\nOn some day, Tacit wrote:\n> ${(mail.parsed.text ?? '').split('\n').slice(0, 3).join('\n> ')}\n`,
    inReplyTo: mail.parsed.messageId,
    messageId,
  });
}

/** all > gb > gb-london, fr, and the closed icc, made through the library (the CLI has its own tests). */
export async function standardOrg(h: Harness): Promise<void> {
  const sql = h.ctx.sql;
  await addGroup(sql, { slug: 'all', name: 'All members' });
  await addGroup(sql, { slug: 'gb', name: 'United Kingdom', parent: 'all' });
  await addGroup(sql, { slug: 'gb-london', name: 'London', parent: 'gb' });
  await addGroup(sql, { slug: 'fr', name: 'France', parent: 'all' });
  await addGroup(sql, { slug: 'icc', name: 'ICC', parent: 'all', level: 'committee' });
}

export async function addMember(h: Harness, email: string, input: { name?: string; country?: string; city?: string; lists?: string[] } = {}) {
  return enrolMember(h.ctx.sql, { email, name: input.name ?? email.split('@')[0], country: input.country ?? null, city: input.city ?? null, lists: input.lists });
}

export async function makeOwner(h: Harness, email: string, slug: string, role: 'owner' | 'moderator' | 'coordinator' = 'owner') {
  const m = await upsertMember(h.ctx.sql, { email });
  await grantRole(h.ctx.sql, m.id, role, slug);
  return m;
}

/** A member's delivery mode on a list (undefined when not on it). */
export async function modeOn(h: Harness, email: string, slug: string): Promise<string | undefined> {
  const [row] = await h.ctx.sql`
    select ms.mode from memberships ms join groups g on g.id = ms.group_id join members m on m.id = ms.member_id
    where m.email = ${email} and g.slug = ${slug}`;
  return row?.mode as string | undefined;
}

/** The slugs a member is on, sorted. */
export async function listsOf(h: Harness, email: string): Promise<string[]> {
  const rows = await h.ctx.sql`
    select g.slug from memberships ms join groups g on g.id = ms.group_id join members m on m.id = ms.member_id
    where m.email = ${email} order by g.slug`;
  return rows.map((r) => r.slug as string);
}

/** Waits until the inbound delivery for `messageId` is routed, and returns its row. */
export async function routed(h: Harness, messageId: string) {
  return waitFor(async () => {
    const [row] = await h.ctx.sql`
      select d.state, d.outcome from inbound_deliveries d join inbound_messages m on m.id = d.message_id
      where m.message_id = ${messageId} and d.state <> 'received'`;
    return row;
  }, 15_000, `routing of ${messageId}`);
}

export { tacit } from './cli.ts';
