import type { Context } from '../../app/context.ts';
import { loadConsultation } from '../../consultations/consultation.ts';
import { displayId } from '../../consultations/ids.ts';
import type { Outcome } from '../../consultations/outcome.ts';
import { outcomeView, verdictLine } from '../../consultations/outcomeView.ts';
import { formatUtc } from '../../consultations/rules/deadline.ts';
import { consultationView } from '../../consultations/views.ts';
import { canReadDecisions, mayShowAddresses, type Viewer } from '../rules/access.ts';
import { clipWithNote, pageWindow } from '../rules/budget.ts';
import { personLabel, redact } from '../rules/redact.ts';
import { pager } from './pager.ts';

/**
 * The decision register: open and closed consultations of the lists the
 * viewer may see. A closed one shows its stored outcome through
 * outcomeView, the code that writes the outcome mail, so the numbers are
 * the mail's. An open one shows no running tally.
 */
const REGISTER_PAGE = 50;
const MAX_OBJECTIONS = 30;

export async function registerEntries(ctx: Context, viewer: Viewer | null, base: string, page: number) {
  const { offset, limit } = pageWindow(page, REGISTER_PAGE);
  const groups = viewer ? [...viewer.groupIds] : [];
  const rows = await ctx.sql`
    select c.id, c.question, c.status, c.deadline, c.closed_at, c.options, c.outcome, c.group_id, g.name as list_name, g.slug
    from consultations c join groups g on g.id = c.group_id
    where c.status in ('open', 'closed') and (g.decisions = 'public' or g.id = any(${groups}::int[]))
    order by c.status = 'open' desc, coalesce(c.closed_at, c.deadline) desc, c.id desc
    offset ${offset} limit ${limit}`;
  const entries = rows.slice(0, REGISTER_PAGE).map((c) => {
    const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses: mayShowAddresses(viewer, c.group_id) });
    return {
      id: displayId(c.id),
      href: `${base}/decisions/${displayId(c.id)}`,
      question: clipWithNote(clean(c.question), 400),
      list: clipWithNote(c.list_name, 200),
      slug: c.slug,
      open: c.status === 'open',
      deadline: formatUtc(c.deadline),
      closedAt: c.closed_at ? formatUtc(c.closed_at) : null,
      verdict: c.status === 'closed' && c.outcome ? clipWithNote(verdictLine(c.outcome as Outcome, { options: c.options }), 600) : null,
    };
  });
  return {
    open: entries.filter((e) => e.open),
    closed: entries.filter((e) => !e.open),
    pager: pager(`${base}/`, page, rows.length > REGISTER_PAGE),
  };
}

/** One consultation's page data, or null when it does not exist or the viewer may not see it. */
export async function decisionPage(ctx: Context, viewer: Viewer | null, id: number) {
  const c = await loadConsultation(ctx.sql, id);
  if (!c || (c.status !== 'open' && c.status !== 'closed')) return null;
  const [access] = await ctx.sql`select id, archive, decisions from groups where id = ${c.group_id}`;
  if (!access || !canReadDecisions(viewer, { id: Number(access.id), archive: access.archive, decisions: access.decisions })) return null;
  const showAddresses = mayShowAddresses(viewer, c.group_id);
  const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses });
  const view = consultationView(c);
  const closed = c.status === 'closed' && c.outcome;
  const outcome = closed ? outcomeView(c.outcome as Outcome, c) : null;
  return {
    ...view,
    question: clipWithNote(clean(view.question), 1000),
    description: clipWithNote(clean(view.description), 40_000),
    options: view.options.map((o) => ({ ...o, text: clipWithNote(clean(o.text), 600) })),
    open: c.status === 'open',
    openedAt: c.opened_at ? formatUtc(c.opened_at) : null,
    electorateSize: c.electorate_size,
    outcome: outcome && {
      ...outcome,
      options: outcome.options.map((o) => ({ ...o, text: clipWithNote(clean(o.text), 600) })),
      objections: outcome.objections.slice(0, MAX_OBJECTIONS).map((o) => ({
        name: clipWithNote(personLabel(o.name, o.name, showAddresses), 200),
        reason: clipWithNote(clean(o.reason), 1000),
      })),
      moreObjections: Math.max(0, outcome.objections.length - MAX_OBJECTIONS),
    },
    // The tally sheet (ballot code → recorded stance, SHA-256) plugs in here: see templates/web/partials/tally-sheet.hbs.
    tally: null as null | { lines: { code: string; recorded: string }[]; text: string; sha256: string },
    listVisible: access.archive !== 'off',
  };
}
