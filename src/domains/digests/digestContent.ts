import type { Context } from '../../app/context.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { replyAddress } from '../consultations/addresses.ts';
import { decisionUrl, displayId } from '../consultations/ids.ts';
import { verdictLine } from '../consultations/outcomeView.ts';
import type { Outcome } from '../consultations/outcome.ts';
import { formatUtc } from '../../shared/rules/formatUtc.ts';

/** What one member's digest says for one period. */
export interface DigestContent {
  open: { id: string; question: string; list: string; deadline: string; replyAddress: string; replied: boolean }[];
  outcomes: { id: string; question: string; list: string; verdict: string; url: string | null }[];
  lists: { slug: string; name: string; threads: { subject: string; posts: { author: string; date: string; excerpt: string }[] }[] }[];
}

const EXCERPT = 600;

/** A thread is the subject without reply prefixes and list tags. */
export function threadSubject(subject: string): string {
  // Each repeat starts with its own spaces and ends on a mark, so no run of spaces can be split two ways (quadratic).
  return subject.replace(/^(?:\s*(?:(?:re|aw|sv|vs|fwd?|wg|tr)\s*:|\[[^\]]+\]))+\s*/i, '').trim() || '(no subject)';
}

export async function digestContent(
  db: Queryable,
  ctx: Context,
  memberId: number,
  period: { start: Date; end: Date },
): Promise<DigestContent> {
  // Open consultations the member is asked about, with their own reply address.
  const open = await db`
    select c.id, c.question, c.deadline, g.slug, (e.latest_reply_id is not null) as replied
    from consultation_electorate e
    join consultations c on c.id = e.consultation_id
    join groups g on g.id = c.group_id
    where e.member_id = ${memberId} and c.status = 'open'
    order by c.deadline`;
  // Outcomes closed in the period, of lists the member belongs to or was asked on.
  const outcomes = await db`
    select c.id, c.question, c.options, c.outcome, g.slug
    from consultations c join groups g on g.id = c.group_id
    where c.status = 'closed' and c.closed_at >= ${period.start} and c.closed_at < ${period.end}
      and (exists (select 1 from memberships ms where ms.group_id = c.group_id and ms.member_id = ${memberId})
           or exists (select 1 from consultation_electorate e where e.consultation_id = c.id and e.member_id = ${memberId}))
    order by c.closed_at`;
  // Posts of the lists the member reads in digest mode.
  const posts = await db`
    select g.slug, g.name, p.subject, p.author_name, p.author_email, p.distributed_at, p.body_text
    from memberships ms
    join groups g on g.id = ms.group_id
    join list_posts p on p.group_id = ms.group_id
    where ms.member_id = ${memberId} and ms.mode = 'digest' and p.state = 'distributed'
      and p.distributed_at >= ${period.start} and p.distributed_at < ${period.end}
    order by g.slug, p.distributed_at`;

  const lists = new Map<string, DigestContent['lists'][number]>();
  for (const p of posts) {
    if (!lists.has(p.slug)) lists.set(p.slug, { slug: p.slug, name: p.name, threads: [] });
    const list = lists.get(p.slug)!;
    const subject = threadSubject(p.subject);
    let thread = list.threads.find((t) => t.subject === subject);
    if (!thread) list.threads.push((thread = { subject, posts: [] }));
    const body: string = p.body_text.trim();
    thread.posts.push({
      author: p.author_name || p.author_email,
      date: formatUtc(p.distributed_at),
      excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT).trimEnd()} […]` : body,
    });
  }
  return {
    open: open.map((c) => ({
      id: displayId(c.id),
      question: c.question,
      list: c.slug,
      deadline: formatUtc(c.deadline),
      replyAddress: replyAddress(ctx, c.id, memberId),
      replied: c.replied,
    })),
    outcomes: outcomes.map((c) => ({
      id: displayId(c.id),
      question: c.question,
      list: c.slug,
      verdict: c.outcome ? verdictLine(c.outcome as Outcome, { options: c.options }) : '',
      url: ctx.config.publicUrl ? decisionUrl(ctx.config.publicUrl, c.id) : null,
    })),
    lists: [...lists.values()],
  };
}
