import type { Context } from '../../shared/context.ts';
import type { Queryable } from '../../shared/db/database.ts';
import { replyAddress } from '../consultations/replies/replyAddress.ts';
import { decisionUrl, displayId } from '../consultations/ids.ts';
import type { Outcome } from '../consultations/close/outcome.ts';
import { formatInZone, formatUtcIn } from '../../shared/rules/formatUtc.ts';
import { memberLanguages } from '../org/memberLanguages.ts';
import type { Language } from '../../shared/rules/language.ts';
import { methodWordsIn, verdictIn } from '../consultations/mail/localWords.ts';
import { memberTimeZone } from '../../shared/rules/timeZone.ts';
import { exampleAnswers, type AnswerExamples } from '../consultations/mail/views.ts';
import type { MethodView } from '../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../decisions/methods/index.ts';
import { REPLY_OR_FORWARD_PREFIX } from '../../shared/rules/subjectPrefixes.ts';
import type { QuestionVersions } from '../consultations/rules/questionVersions.ts';
import { versionIn } from '../consultations/defaultOption.ts';

/** What one member's digest says for one period. */
export interface DigestContent {
  /** The member's language: the digest is written in it. */
  lang: Language;
  /** The member's time zone, when known: open deadlines are given in it as well. */
  timeZone: string | null;
  /** Each open consultation's method view (picksOption, howToAnswer…): the template asks it, not the kind. */
  open: (MethodView & {
    id: string;
    question: string;
    list: string;
    listName: string;
    deadline: string;
    deadlineLocal: string | null;
    replyAddress: string;
    replied: boolean;
    options: { letter: string; text: string }[];
    url: string | null;
  } & AnswerExamples)[];
  outcomes: { id: string; question: string; list: string; listName: string; verdict: string; url: string | null }[];
  lists: { slug: string; name: string; threads: { subject: string; posts: { author: string; date: string; excerpt: string }[] }[] }[];
}

const EXCERPT = 600;

/** A thread is the subject without reply prefixes and list tags. */
// Reply/forward prefixes and list tags; each repeat starts with its own spaces and ends on a mark,
// so no run of spaces can be split two ways (quadratic).
const THREAD_PREFIXES = new RegExp(`^(?:\\s*(?:${REPLY_OR_FORWARD_PREFIX}|\\[[^\\]]+\\]))+\\s*`, 'iu');

export function threadSubject(subject: string): string {
  return subject.replace(THREAD_PREFIXES, '').trim() || '(no subject)';
}

export async function digestContent(
  db: Queryable,
  ctx: Context,
  memberId: number,
  period: { start: Date; end: Date },
): Promise<DigestContent> {
  return (await digestContents(db, ctx, [memberId], period)).get(memberId)!;
}

/**
 * The digests of several members for one period, in one query (a delivery
 * batch reads its hundred digests at once, not one round trip each).
 */
export async function digestContents(
  db: Queryable,
  ctx: Context,
  memberIds: readonly number[],
  period: { start: Date; end: Date },
): Promise<Map<number, DigestContent>> {
  // Moments come as epoch milliseconds.
  const rows = await db`
    select u.mid,
      (select coalesce(jsonb_agg(x order by x.at), '[]'::jsonb) from (
        -- Open consultations the member is asked about, with their own reply address.
        select c.id, c.question, c.description, c.kind, c.method, c.options, c.versions, c.block_threshold, extract(epoch from c.deadline) * 1000 as at, g.slug, g.name,
               (e.latest_reply_id is not null) as replied
        from consultation_electorate e
        join consultations c on c.id = e.consultation_id
        join groups g on g.id = c.group_id
        where e.member_id = u.mid and c.status = 'open') x) as open,
      (select coalesce(jsonb_agg(x order by x.at), '[]'::jsonb) from (
        -- Outcomes closed in the period, of lists the member belongs to or was asked on.
        select c.id, c.question, c.description, c.kind, c.method, c.options, c.versions, c.block_threshold, c.outcome, g.slug, g.name, extract(epoch from c.closed_at) * 1000 as at
        from consultations c join groups g on g.id = c.group_id
        where c.status = 'closed' and c.closed_at >= ${period.start} and c.closed_at < ${period.end}
          and (exists (select 1 from memberships ms where ms.group_id = c.group_id and ms.member_id = u.mid)
               or exists (select 1 from consultation_electorate e where e.consultation_id = c.id and e.member_id = u.mid))) x) as outcomes,
      (select coalesce(jsonb_agg(x order by x.slug, x.at, x.id), '[]'::jsonb) from (
        -- Posts of the lists the member reads in digest mode.
        select g.slug, g.name, p.id, p.subject, p.author_name, p.author_email, extract(epoch from p.distributed_at) * 1000 as at, p.body_text
        from memberships ms
        join groups g on g.id = ms.group_id
        join list_posts p on p.group_id = ms.group_id
        where ms.member_id = u.mid and ms.mode = 'digest' and p.state = 'distributed'
          and p.distributed_at >= ${period.start} and p.distributed_at < ${period.end}) x) as posts,
      m.timezone, m.country, m.city
    from unnest(${memberIds as number[]}::bigint[]) as u(mid) left join members m on m.id = u.mid`;
  const languages = await memberLanguages(db, memberIds);
  return new Map(rows.map((row) => [Number(row.mid), contentOf(ctx, Number(row.mid), row, languages.get(Number(row.mid)) ?? 'en')]));
}

function contentOf(ctx: Context, memberId: number, row: Record<string, unknown>, lang: Language): DigestContent {
  type Options = { letter: string; text: string }[];
  type Decided = { kind: string; method: string | null; question: string; description: string; options: Options; versions: QuestionVersions; block_threshold: unknown };
  // Each consultation in the member's version of its question (rules/questionVersions.ts).
  const open = (row.open as (Decided & { id: number; at: number; slug: string; name: string; replied: boolean })[]).map((c) => versionIn(c, lang));
  const outcomes = (row.outcomes as (Decided & { id: number; outcome: unknown; slug: string; name: string })[]).map((c) => versionIn(c, lang));
  const methods = ctx.wiring.decisionMethods;
  const zone = memberTimeZone(row);
  const local = zone && zone !== 'UTC' ? zone : null;
  const url = (id: number) => (ctx.config.publicUrl ? decisionUrl(ctx.config.publicUrl, id) : null);
  const posts = row.posts as { slug: string; name: string; subject: string; author_name: string | null; author_email: string; at: number; body_text: string }[];

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
      date: local ? `${formatUtcIn(new Date(p.at), lang)} (${formatInZone(new Date(p.at), local, lang)})` : formatUtcIn(new Date(p.at), lang),
      excerpt: body.length > EXCERPT ? `${body.slice(0, EXCERPT).trimEnd()} […]` : body,
    });
  }
  return {
    lang,
    timeZone: zone,
    open: open.map((c) => ({
      ...methodOf(c, methods).view(settingsOf(c)),
      ...methodWordsIn(lang, methodOf(c, methods), settingsOf(c)),
      id: displayId(c.id),
      question: c.question,
      list: c.slug,
      listName: c.name,
      deadline: formatUtcIn(new Date(c.at), lang),
      deadlineLocal: local ? formatInZone(new Date(c.at), local, lang) : null,
      replyAddress: replyAddress(ctx, c.id, memberId),
      replied: c.replied,
      options: c.options,
      ...exampleAnswers(c.options.map((o) => o.letter), lang),
      url: url(c.id),
    })),
    outcomes: outcomes.map((c) => ({
      id: displayId(c.id),
      question: c.question,
      list: c.slug,
      listName: c.name,
      verdict: c.outcome ? verdictIn(lang, methodOf({ method: c.method, kind: (c.outcome as Outcome).kind }, methods), c.outcome as Outcome, settingsOf(c)) : '',
      url: url(c.id),
    })),
    lists: [...lists.values()],
  };
}
