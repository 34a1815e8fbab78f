import type { Queryable } from '../../../shared/db/database.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import { countConsultation, type Outcome } from '../close/outcome.ts';
import { outcomeLines, secretCountLines } from '../close/outcomeView.ts';
import { countVisible, turnoutOnly } from '../rules/countVisible.ts';
import type { ElectorateFigures } from '../../../decisions/electorateFigures.ts';
import { formatUtc } from '../../../shared/rules/formatUtc.ts';
import type { DecisionMethod } from '../../../decisions/decisionMethod.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { namesVoters, publicResult } from '../../../decisions/voterNames.ts';
import { partDocument } from '../../../decisions/places/partsCount.ts';

/**
 * `tacit consultation C-ID --json` (README, "Operator commands"): the
 * stored outcome of a closed consultation, or for an open one the tally as
 * it would be if it closed now (marked provisional). `replies` has one
 * entry per member whose latest reply was recorded, unreadable included.
 * A count secret until the close (rules/countVisible.ts) gives turnout only:
 * the electorate figures, the options without numbers, the method's fields
 * before any count, and each reply's address and time without its stance.
 */
export async function consultationDocument(db: Queryable, id: number, methods: ReadonlyMap<string, DecisionMethod>) {
  const c = await loadConsultation(db, id);
  if (!c) return null;
  const method = methodOf(c, methods);
  const visible = countVisible(c, methods);
  const count: Outcome | null = c.status === 'closed' ? (c.outcome as Outcome) : c.status === 'open' ? await countConsultation(db, c, false, methods) : null;
  const counted: Outcome | ElectorateFigures | null = visible || !count ? count : turnoutOnly(count);
  // The method's part: its options (a choice's per-option counts) and its fields after the figures; a secret count's before any count.
  // The outcome's part names objectors only where the list names them, as the outcome mail and the page do.
  const own = visible && count
    ? method.document(publicResult(method, count, namesVoters(method, c.objections_named === true)), settingsOf(c))
    : method.document(null, settingsOf(c));
  const options = visible ? own.options : c.options.map((o) => ({ letter: o.letter, text: o.text }));
  const replies = await db`
    select e.email, r.stance, r.comment, r.received_at from consultation_electorate e
    join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${id} order by e.email`;
  const doc: Record<string, unknown> = {
    id: displayId(c.id),
    number: c.id,
    status: c.status,
    kind: c.kind,
    list: c.list,
    question: c.question,
    description: c.description,
    coordinator: c.coordinator_email,
    deadline: c.deadline.toISOString(),
    reminder: c.reminder_at?.toISOString() ?? null,
    openedAt: c.opened_at?.toISOString() ?? null,
    closedAt: c.closed_at?.toISOString() ?? null,
    cancelledAt: c.cancelled_at?.toISOString() ?? null,
    provisional: c.status !== 'closed',
    electorate: counted?.electorate ?? c.electorate_size ?? 0,
    options,
    buckets: counted?.buckets ?? { replied: 0, silent: 0, unreachable: 0, away: 0 },
    unreadable: counted?.unreadable ?? 0,
    turnout: counted?.turnout ?? 0,
    ...own.fields,
  };
  // Results per place (issue 22), once closed: each public row as the outcome mail and the record show it.
  const parts = c.status === 'closed' ? (c.outcome as Outcome | null)?.parts : undefined;
  if (parts?.length) doc.parts = parts.map((p) => partDocument(p, method, settingsOf(c)));
  // Votes that roll up (issue 22 item 3): a part names its parent and, once counted, the whole; a parent lists its parts.
  if (c.part_of !== null) doc.partOf = displayId(c.part_of);
  const stored = c.status === 'closed' ? (c.outcome as Outcome | null) : null;
  const summary = (r: Outcome) => ({ electorate: r.electorate, buckets: r.buckets, ...method.document(publicResult(method, r, false), settingsOf(c)).fields });
  if (stored?.whole) doc.whole = summary(stored.whole);
  if (stored?.partVotes?.length) doc.partVotes = stored.partVotes.map((p) => ({ id: displayId(p.id), list: p.list, ...summary(p.result) }));
  // A secret count's replies say who replied and when, never what (a comment may say it too).
  doc.replies = replies.map((r) => ({
    email: r.email as string,
    ...(visible ? { stance: r.stance as Record<string, unknown> } : {}),
    ...(visible && r.comment ? { comment: r.comment as string } : {}),
    receivedAt: (r.received_at as Date).toISOString(),
  }));
  return { doc, c, counted };
}

/** The human rendering of the same document. */
export function formatConsultation(c: Consultation, counted: Outcome | ElectorateFigures | null, replyCount: number, methods: ReadonlyMap<string, DecisionMethod>): string {
  const lines = [
    `${displayId(c.id)}  ${c.status}  ${c.kind}  list ${c.list}`,
    `  ${c.question}`,
    `  deadline ${formatUtc(c.deadline)}${c.reminder_at ? `, reminder ${formatUtc(c.reminder_at)}` : ''}`,
  ];
  if (counted && !countVisible(c, methods)) lines.push(...secretCountLines(counted).map((l) => `  ${l}`));
  else if (counted) {
    if (counted.provisional) lines.push('  PROVISIONAL (if it closed now):');
    lines.push(...outcomeLines(counted as Outcome, c, methods).map((l) => `  ${l}`));
  }
  // A counted consultation's Turnout line gives the one "replied" figure; a cancelled one has only its recorded replies.
  if (!counted) lines.push(`  ${replyCount} recorded ${replyCount === 1 ? 'reply' : 'replies'}`);
  return lines.join('\n');
}

/** `tacit consultations`: every consultation, newest first. */
export async function listConsultations(db: Queryable) {
  const rows = await db`
    select c.id, c.status, c.kind, g.slug as list, c.question, c.deadline, c.electorate_size,
      r.replies, r.unreadable
    from consultations c join groups g on g.id = c.group_id
    -- The one "replied" figure: readable replies; an unreadable one keeps the silence rule and is counted apart.
    cross join lateral (
      select count(*) filter (where rr.readable)::int as replies, count(*) filter (where not rr.readable)::int as unreadable
      from consultation_electorate e join consultation_replies rr on rr.id = e.latest_reply_id
      where e.consultation_id = c.id) r
    order by c.id desc limit 1000`;
  return rows.map((r) => ({
    id: displayId(r.id as number),
    status: r.status as string,
    kind: r.kind as string,
    list: r.list as string,
    question: r.question as string,
    deadline: (r.deadline as Date).toISOString(),
    electorate: (r.electorate_size as number | null) ?? 0,
    replies: r.replies as number,
    unreadable: r.unreadable as number,
  }));
}
