import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../app/context.ts';
import type { OutboxRow } from '../../pipeline/outbound/compose.ts';
import { renderMail } from '../../shared/templates/render.ts';
import { digestContent } from './digestContent.ts';
import { formatUtc } from '../../shared/rules/formatUtc.ts';

/** A digest is written when it is sent, from what Postgres holds for its period. */
export async function composeDigest(row: OutboxRow, ctx: Context): Promise<Mail.Options> {
  const period = { start: new Date(String(row.params.start)), end: new Date(String(row.params.end)) };
  const mail = await renderDigest(ctx, row.member_id!, row.recipient, period);
  return {
    from: `"Tacit digest" <request@${ctx.config.domain}>`,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: { 'Auto-Submitted': 'auto-generated', Precedence: 'bulk' },
  };
}

export async function renderDigest(ctx: Context, memberId: number, email: string, period: { start: Date; end: Date }) {
  const content = await digestContent(ctx.sql, ctx, memberId, period);
  const postCount = content.lists.reduce((n, l) => n + l.threads.reduce((m, t) => m + t.posts.length, 0), 0);
  return renderMail('digest', {
    ...content,
    domain: ctx.config.domain,
    recipient: email,
    from: formatUtc(period.start),
    to: formatUtc(period.end),
    openCount: content.open.length,
    outcomeCount: content.outcomes.length,
    postCount,
  });
}
