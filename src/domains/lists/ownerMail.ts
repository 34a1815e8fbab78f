import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../shared/context.ts';
import type { OutboxRow } from '../../pipeline/outbound/compose/compose.ts';
import { headerValues, firstAddress } from '../../shared/rules/headers.ts';
import { takeNoticeBudget } from '../../pipeline/routing/answers/noticeBudget.ts';
import type { Handler, HandlerTools, InboundMail, RouteResult } from '../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { findGroup } from '../org/groups.ts';
import { roleHoldersUpTheTree } from '../org/members.ts';
import { readerOf } from '../org/reader.ts';

/**
 * LIST-owner@D reaches the list's owners (or the nearest ancestor's), and
 * postmaster@D / abuse@D the owners of the international body: the message
 * is forwarded unchanged with an X-Loop line on top, so a forward that comes
 * back is recognised and dropped. Machine mail is not forwarded to people.
 */
export const FORWARD = 'forward';

export const ownerHandler: Handler = async (mail, tools) => {
  if (mail.address.kind !== 'owner') return { outcome: 'not an owner address' };
  const via = `${mail.address.list}-owner@${tools.ctx.config.domain}`;
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} to ${via} dropped` };
  if (carriesLoop(mail, via)) return { outcome: `looped mail to ${via} dropped` };
  const group = await findGroup(tools.tx, mail.address.list);
  if (!group) return { outcome: `no list ${mail.address.list}` };
  const owners = await roleHoldersUpTheTree(tools.tx, group.id, ['owner']);
  if (owners.length === 0) {
    const { lang } = await readerOf(tools.tx, mail.from, group.slug);
    await replyToSender(mail, tools, 'owner-unreachable', { lang, list: group.slug, ownerAddress: via });
    return { outcome: `${via} has no owner yet`, state: 'held' };
  }
  return forward(mail, tools, via, owners);
};

export const postmasterHandler: Handler = async (mail, tools) => {
  const via = `postmaster@${tools.ctx.config.domain}`;
  if (mail.kind !== 'ordinary' || carriesLoop(mail, via)) return { outcome: `${mail.kind} to postmaster kept for operators`, state: 'held' };
  const owners = await tools.tx<{ id: number; email: string; name: string }[]>`
    select distinct m.id, m.email, m.name from roles r join groups g on g.id = r.group_id join members m on m.id = r.member_id
    where g.level = 'international' and r.role = 'owner'`;
  if (owners.length === 0) return { outcome: 'postmaster mail kept for operators (no international owner)', state: 'held' };
  return forward(mail, tools, via, owners);
};

function carriesLoop(mail: InboundMail, via: string): boolean {
  return headerValues(mail.headers, 'x-loop').some((v) => firstAddress(v)?.toLowerCase() === via);
}

/** Forwards to each owner within their hourly budget; a message forwarded to nobody stays held for operators. */
async function forward(mail: InboundMail, { tx, outbox }: HandlerTools, via: string, owners: { id: number; email: string }[]): Promise<RouteResult> {
  let sent = 0;
  for (const owner of owners) {
    if (!(await takeNoticeBudget(tx, owner.email, 'forward'))) continue;
    sent++;
    await outbox.queue({
      kind: FORWARD,
      recipient: owner.email,
      memberId: owner.id,
      params: { message: mail.messageRowId, via },
      dedupeKey: `forward:${mail.deliveryId}:${owner.id}`,
    });
  }
  if (sent === 0) return { outcome: `not forwarded: every owner had their hourly limit of forwards from ${via}`, state: 'held' };
  return { outcome: `forwarded to ${sent} owner(s)${sent < owners.length ? `, ${owners.length - sent} at their hourly limit` : ''}` };
}

/** The stored message byte for byte, with X-Loop on top. */
export async function composeForward(row: OutboxRow, ctx: Context): Promise<Mail.Options> {
  const params = row.params as { message: number; via: string };
  const [message] = await ctx.sql`select raw from inbound_messages where id = ${params.message}`;
  if (!message) throw new Error(`forwarded message ${params.message} not found`);
  return { raw: Buffer.concat([Buffer.from(`X-Loop: ${params.via}\r\n`), message.raw as Buffer]) };
}
