import type { Context } from '../../app/context.ts';
import { loadConsultation } from '../../consultations/consultation.ts';
import { displayId } from '../../consultations/ids.ts';
import type { Outcome } from '../../consultations/outcome.ts';
import { outcomeView, verdictLine } from '../../consultations/outcomeView.ts';
import { formatUtc } from '../../consultations/rules/deadline.ts';
import { consultationView } from '../../consultations/views.ts';
import { canReadDecisions, mayShowAddresses, type Viewer } from '../rules/access.ts';
import { personLabel, redact } from '../rules/redact.ts';

/**
 * The decision register: open and closed consultations of the lists the
 * viewer may see. A closed one shows its stored outcome through
 * outcomeView, the code that writes the outcome mail, so the numbers are
 * the mail's. An open one shows no running tally.
 */
const REGISTER_LIMIT = 500;

export async function registerEntries(ctx: Context, viewer: Viewer | null, base: string) {
  const groups = viewer ? [...viewer.groupIds] : [];
  const rows = await ctx.sql`
    select c.id, c.question, c.status, c.deadline, c.closed_at, c.options, c.outcome, c.group_id, g.name as list_name, g.slug
    from consultations c join groups g on g.id = c.group_id
    where c.status in ('open', 'closed') and (g.decisions = 'public' or g.id = any(${groups}::int[]))
    order by c.status = 'open' desc, coalesce(c.closed_at, c.deadline) desc, c.id desc
    limit ${REGISTER_LIMIT}`;
  const entries = rows.map((c) => {
    const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses: mayShowAddresses(viewer, c.group_id) });
    return {
      id: displayId(c.id),
      href: `${base}/decisions/${displayId(c.id)}`,
      question: clean(c.question),
      list: c.list_name,
      slug: c.slug,
      open: c.status === 'open',
      deadline: formatUtc(c.deadline),
      closedAt: c.closed_at ? formatUtc(c.closed_at) : null,
      verdict: c.status === 'closed' && c.outcome ? verdictLine(c.outcome as Outcome, { options: c.options }) : null,
    };
  });
  return { open: entries.filter((e) => e.open), closed: entries.filter((e) => !e.open) };
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
    question: clean(view.question),
    description: clean(view.description),
    options: view.options.map((o) => ({ ...o, text: clean(o.text) })),
    open: c.status === 'open',
    openedAt: c.opened_at ? formatUtc(c.opened_at) : null,
    electorateSize: c.electorate_size,
    outcome: outcome && {
      ...outcome,
      objections: outcome.objections.map((o) => ({
        name: personLabel(o.name, o.name, showAddresses),
        reason: clean(o.reason),
      })),
    },
    // The tally sheet (ballot code → recorded stance, SHA-256) plugs in here: see templates/web/partials/tally-sheet.hbs.
    tally: null as null | { lines: { code: string; recorded: string }[]; text: string; sha256: string },
    listVisible: access.archive !== 'off',
  };
}
