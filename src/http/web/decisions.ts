import type { Context } from '../../shared/context.ts';
import { loadConsultation } from '../../domains/consultations/consultation.ts';
import { displayId } from '../../domains/consultations/ids.ts';
import type { Outcome } from '../../domains/consultations/close/outcome.ts';
import { outcomeView } from '../../domains/consultations/close/outcomeView.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import { isCatalogued, verdictIn } from '../../domains/consultations/mail/localWords.ts';
import type { Consultation } from '../../domains/consultations/consultation.ts';
import { methodOf, settingsOf } from '../../decisions/methods/index.ts';
import { consultationView } from '../../domains/consultations/mail/views.ts';
import { streamTallySheet } from '../../domains/consultations/close/tallySheet.ts';
import { canReadDecisions, mayShowAddresses, type Viewer } from '../rules/access.ts';
import { clipWithNote, pageWindow } from '../rules/budget.ts';
import { personLabel, redact } from '../rules/redact.ts';
import { pager } from './pager.ts';
import { versionIn } from '../../domains/consultations/defaultOption.ts';
import { readerTime, type Reader } from './reader.ts';

/**
 * The decision register: open and closed consultations of the lists the
 * viewer may see. A closed one shows its stored outcome through
 * outcomeView, the code that writes the outcome mail, so the numbers are
 * the mail's. An open one shows no running tally.
 */
const REGISTER_PAGE = 50;
const MAX_OBJECTIONS = 30;
// About 60 bytes of HTML a line: the first lines keep the page under 100 KB; the whole sheet is tally.txt.
const TALLY_ON_PAGE = 600;

export async function registerEntries(ctx: Context, viewer: Viewer | null, reader: Reader, base: string, page: number) {
  const { offset, limit } = pageWindow(page, REGISTER_PAGE);
  const groups = viewer ? [...viewer.groupIds] : [];
  const rows = await ctx.sql`
    select c.id, c.question, c.description, c.status, c.deadline, c.closed_at, c.options, c.versions, c.block_threshold, c.method, c.outcome, c.group_id, g.name as list_name, g.slug
    from consultations c join groups g on g.id = c.group_id
    where c.status in ('open', 'closed') and (g.decisions = 'public' or g.id = any(${groups}::int[]))
    order by c.status = 'open' desc, coalesce(c.closed_at, c.deadline) desc, c.id desc
    offset ${offset} limit ${limit}`;
  // Each question in the page's language where the opening gave a version in it.
  const entries = rows.slice(0, REGISTER_PAGE).map((row) => versionIn(row as typeof row & { question: string; description: string; options: { letter: string; text: string }[] }, reader.lang)).map((c) => {
    const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses: mayShowAddresses(viewer, c.group_id) });
    return {
      id: displayId(c.id),
      href: `${base}/decisions/${displayId(c.id)}`,
      question: clipWithNote(clean(c.question), 400),
      list: clipWithNote(c.list_name, 200),
      slug: c.slug,
      open: c.status === 'open',
      deadline: readerTime(c.deadline, reader),
      closedAt: c.closed_at ? readerTime(c.closed_at, reader) : null,
      verdict: c.status === 'closed' && c.outcome ? clipWithNote(registerVerdict(reader, c.outcome as Outcome, c as never, ctx), 600) : null,
    };
  });
  return {
    open: entries.filter((e) => e.open),
    closed: entries.filter((e) => !e.open),
    pager: pager(`${base}/`, page, rows.length > REGISTER_PAGE),
  };
}

/** One consultation's page data, or null when it does not exist or the viewer may not see it. */
export async function decisionPage(ctx: Context, viewer: Viewer | null, reader: Reader, id: number) {
  const c = await loadConsultation(ctx.sql, id);
  if (!c || (c.status !== 'open' && c.status !== 'closed')) return null;
  const [access] = await ctx.sql`select id, archive, decisions from groups where id = ${c.group_id}`;
  if (!access || !canReadDecisions(viewer, { id: Number(access.id), archive: access.archive, decisions: access.decisions })) return null;
  const showAddresses = mayShowAddresses(viewer, c.group_id);
  const clean = (s: string) => redact(s, { tacitDomain: ctx.config.domain, showAddresses });
  // The question, description and option titles of the page's language's version.
  const shown = versionIn(c, reader.lang);
  const view = consultationView(shown, ctx.wiring.decisionMethods, reader.lang);
  const closed = c.status === 'closed' && c.outcome;
  const outcome = closed ? outcomeView(c.outcome as Outcome, shown, ctx.wiring.decisionMethods, reader.lang) : null;
  return {
    ...view,
    deadline: readerTime(c.deadline, reader),
    address: `${c.list}@${ctx.config.domain}`,
    kindName: kindName(view, reader),
    question: clipWithNote(clean(view.question), 1000),
    description: clipWithNote(clean(view.description), 40_000),
    options: view.options.map((o) => ({ ...o, text: clipWithNote(clean(o.text), 600) })),
    open: c.status === 'open',
    openedAt: c.opened_at ? readerTime(c.opened_at, reader) : null,
    electorateSize: c.electorate_size,
    outcome: outcome && {
      ...outcome,
      deadline: readerTime(c.deadline, reader),
      closedAt: readerTime(c.closed_at ?? new Date(), reader),
      options: outcome.options.map((o) => ({ ...o, text: clipWithNote(clean(o.text), 600) })),
      objections: outcome.objections.slice(0, MAX_OBJECTIONS).map((o) => ({
        // Unnamed where the list keeps objections anonymous.
        name: o.name ? clipWithNote(personLabel(o.name, o.name, showAddresses), 200) : null,
        reason: clipWithNote(clean(o.reason), 1000),
      })),
      moreObjections: Math.max(0, outcome.objections.length - MAX_OBJECTIONS),
    },
    tally: closed ? await tallyExcerpt(ctx, c.id, clean, showAddresses, await viewerBallotCode(ctx, viewer, c.id)) : null,
    listVisible: access.archive !== 'off',
  };
}

/** A register row's verdict, in the reader's language. */
function registerVerdict(reader: Reader, outcome: Outcome, c: { method?: string | null; options: Consultation['options']; block_threshold?: unknown }, ctx: Context): string {
  return verdictIn(reader.lang, methodOf({ method: c.method, kind: outcome.kind }, ctx.wiring.decisionMethods), outcome, settingsOf(c));
}

/** "a choice", "a proposal" in the reader's language; a formal vote's kind is already its phrase's, in the view. */
function kindName(view: { aKind: string; picksOption?: boolean; method?: string }, reader: Reader): string {
  if (reader.lang === 'en' || !isCatalogued(view.method)) return view.aKind;
  return view.picksOption ? translate(reader.lang, 'web.kind.choice') : translate(reader.lang, 'web.kind.proposal');
}

/** The signed-in viewer's ballot code when they were in the electorate: their line is highlighted. */
async function viewerBallotCode(ctx: Context, viewer: Viewer | null, consultationId: number): Promise<string | null> {
  if (!viewer) return null;
  const [row] = await ctx.sql`
    select ballot_code from consultation_electorate where consultation_id = ${consultationId} and member_id = ${viewer.memberId}`;
  return (row?.ballot_code as string | null) ?? null;
}

/**
 * The first lines of the tally sheet (redacted like the rest of the page),
 * its SHA-256 and how many lines were left out; the viewer's own line is
 * marked, and shown even when it falls past the first lines. Members of the
 * list can download the whole sheet, verbatim, and check its digest themselves.
 */
async function tallyExcerpt(ctx: Context, consultationId: number, clean: (s: string) => string, canDownload: boolean, own: string | null) {
  const lines: { code: string; recorded: string; mine: boolean }[] = [];
  const done = await streamTallySheet(ctx.sql, consultationId, ctx.wiring.decisionMethods, (_text, line) => {
    if (line && (lines.length < TALLY_ON_PAGE || line.code === own)) {
      lines.push({ code: line.code, recorded: clipWithNote(clean(line.recorded), 300), mine: line.code === own });
    }
  });
  if (!done) return null;
  const mine = lines.some((l) => l.mine);
  return { lines, sha256: done.sha256, more: Math.max(0, done.members - lines.length), downloadable: canDownload, mine };
}

/** The whole sheet as text, exactly as hashed, for members of the consultation's list; null otherwise. */
export async function tallySheetText(ctx: Context, viewer: Viewer | null, id: number): Promise<string | null> {
  const c = await loadConsultation(ctx.sql, id);
  if (!c || c.status !== 'closed' || !mayShowAddresses(viewer, c.group_id)) return null;
  const parts: string[] = [];
  const done = await streamTallySheet(ctx.sql, id, ctx.wiring.decisionMethods, (text) => parts.push(text));
  return done ? parts.join('') : null;
}
