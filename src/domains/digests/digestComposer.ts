import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../shared/context.ts';
import { memoized, preparedHeaders, type ComposeMemo, type OutboxRow } from '../../pipeline/outbound/compose/compose.ts';
import { renderMail } from '../../shared/templates/render.ts';
import { digestContent, digestContents, type DigestContent } from './digestContent.ts';
import { formatInZone, formatUtcIn } from '../../shared/rules/formatUtc.ts';
import { digestHeaders } from './digestOptOut.ts';

/** A digest's moment in the member's language, UTC first and their own clock beside it when known. */
const moment = (date: Date, content: DigestContent) =>
  content.timeZone && content.timeZone !== 'UTC' ? `${formatUtcIn(date, content.lang)} (${formatInZone(date, content.timeZone, content.lang)})` : formatUtcIn(date, content.lang);

type Period = { start: Date; end: Date };

const periodOf = (row: OutboxRow): Period => ({ start: new Date(String(row.params.start)), end: new Date(String(row.params.end)) });
const memoKey = (memberId: number, period: Period) => `digest:${memberId}:${period.start.getTime()}:${period.end.getTime()}`;

/** A digest is written when it is sent, from what Postgres holds for its period. */
export async function composeDigest(row: OutboxRow, ctx: Context, memo?: ComposeMemo): Promise<Mail.Options> {
  const period = periodOf(row);
  const content = await memoized(memo, memoKey(row.member_id!, period), () => digestContent(ctx.sql, ctx, row.member_id!, period));
  const mail = renderDigestContent(ctx, content, row.recipient, period);
  return {
    from: `"Tacit digest" <request@${ctx.config.domain}>`,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Auto-Submitted': 'auto-generated', Precedence: 'bulk', ...preparedHeaders(digestHeaders(ctx, row.member_id!)) },
  };
}

/** The batch loader: the contents of a delivery batch's digests in one query per period, left in the memo. */
export async function preloadDigests(rows: OutboxRow[], ctx: Context, memo: ComposeMemo): Promise<void> {
  const byPeriod = new Map<string, { period: Period; members: number[] }>();
  for (const row of rows) {
    const period = periodOf(row);
    const key = `${period.start.getTime()}:${period.end.getTime()}`;
    const group = byPeriod.get(key) ?? { period, members: [] };
    group.members.push(row.member_id!);
    byPeriod.set(key, group);
  }
  for (const { period, members } of byPeriod.values()) {
    const contents = await digestContents(ctx.sql, ctx, members, period);
    for (const [memberId, content] of contents) memo.set(memoKey(memberId, period), Promise.resolve(content));
  }
}

export async function renderDigest(ctx: Context, memberId: number, email: string, period: Period) {
  return renderDigestContent(ctx, await digestContent(ctx.sql, ctx, memberId, period), email, period);
}

function renderDigestContent(ctx: Context, content: DigestContent, email: string, period: Period) {
  const postCount = content.lists.reduce((n, l) => n + l.threads.reduce((m, t) => m + t.posts.length, 0), 0);
  return renderMail('digest', {
    ...content,
    domain: ctx.config.domain,
    recipient: email,
    from: moment(period.start, content),
    to: moment(period.end, content),
    openCount: content.open.length,
    outcomeCount: content.outcomes.length,
    postCount,
  });
}
