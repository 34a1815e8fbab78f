import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../../shared/context.ts';
import { composeTemplate, memoized, preparedHeaders, type BatchLoader, type ComposeMemo, type Composer, type OutboxRow } from '../../../pipeline/outbound/compose/compose.ts';
import { renderMail } from '../../../shared/templates/render.ts';
import { ballotCode, makeToken } from '../../../shared/rules/tokens.ts';
import { listIdentity } from '../../../shared/rules/listHeaders.ts';
import { consultFrom, replyAddress } from '../replies/replyAddress.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import { methodOf, settingsOf } from '../../../decisions/methods/index.ts';
import { decisionUrl, displayId } from '../ids.ts';
import type { Outcome } from '../close/outcome.ts';
import { outcomeView } from '../close/outcomeView.ts';
import { loadTallySheet } from '../close/tallySheet.ts';
import { consultationView, zoneView } from './views.ts';
import { memberZones } from '../../org/memberZones.ts';
import { memberLanguages } from '../../org/memberLanguages.ts';
import type { Language } from '../../../shared/rules/language.ts';

/**
 * Composers for the set-based consultation mails. Their outbox rows carry
 * only the consultation id; the personal parts (name, reply token) are
 * added here at send time, because an HMAC cannot be computed in SQL.
 */
async function load(row: OutboxRow, ctx: Context, memo?: ComposeMemo): Promise<{ c: Consultation; memberName: string }> {
  const id = Number((row.params as { consultationId?: number }).consultationId);
  // One read per consultation per delivery batch, not one per member.
  const c = await memoized(memo, `consultation:${id}`, () => loadConsultation(ctx.sql, id));
  if (!c) throw new Error(`outbox row ${row.id} names consultation ${id}, which does not exist`);
  if (row.member_name !== undefined) return { c, memberName: row.member_name ?? '' };
  const [member] = row.member_id ? await ctx.sql`select name from members where id = ${row.member_id}` : [];
  return { c, memberName: (member?.name as string) ?? '' };
}

const zoneKey = (memberId: number) => `zone:${memberId}`;
const languageKey = (memberId: number) => `language:${memberId}`;

/** The batch loader: the time zones and languages of a delivery batch's members, one query each, left in the memo. */
async function preloadZones(rows: OutboxRow[], ctx: Context, memo: ComposeMemo): Promise<void> {
  const ids = rows.flatMap((r) => (r.member_id ? [r.member_id] : []));
  const [zones, languages] = await Promise.all([memberZones(ctx.sql, ids), memberLanguages(ctx.sql, ids)]);
  for (const [id, zone] of zones) memo.set(zoneKey(id), Promise.resolve(zone));
  for (const [id, language] of languages) memo.set(languageKey(id), Promise.resolve(language));
}

/** The language the recipient reads (rules/language.ts); a mail to no member is in English. */
async function recipientLanguage(ctx: Context, row: OutboxRow, memo?: ComposeMemo): Promise<Language> {
  if (!row.member_id) return 'en';
  const id = row.member_id;
  return memoized(memo, languageKey(id), async () => (await memberLanguages(ctx.sql, [id])).get(id) ?? 'en');
}

/** The recipient's times: their zone beside UTC; a mail to no member (a coordinator's address) neither converts nor asks. */
async function recipientTimes(ctx: Context, row: OutboxRow, c: Consultation, lang: Language, memo?: ComposeMemo) {
  if (!row.member_id) return { ...zoneView(null, c, lang), askZone: false };
  const id = row.member_id;
  const zone = await memoized(memo, zoneKey(id), async () => (await memberZones(ctx.sql, [id])).get(id) ?? null);
  return zoneView(zone, { deadline: c.deadline, closedAt: c.closed_at }, lang);
}

/** The decision's page, when Tacit has a public address. */
const pageUrl = (ctx: Context, c: Consultation) => (ctx.config.publicUrl ? decisionUrl(ctx.config.publicUrl, c.id) : null);

async function baseData(ctx: Context, row: OutboxRow, c: Consultation, memberName: string, memo?: ComposeMemo) {
  const ballot = row.member_id ? ballotCode(ctx.secret, c.id, row.member_id) : null;
  const lang = await recipientLanguage(ctx, row, memo);
  return {
    ...consultationView(c, ctx.wiring.decisionMethods, lang),
    ...(await recipientTimes(ctx, row, c, lang, memo)),
    memberName,
    domain: ctx.config.domain,
    recipient: row.recipient,
    ballotCode: ballot,
    url: pageUrl(ctx, c),
  };
}

/** The member's ballot code when they were in the electorate (the outcome also goes to later members and the coordinator). */
async function electorateBallotCode(ctx: Context, c: Consultation, memberId: number | null): Promise<string | null> {
  if (!memberId) return null;
  const [e] = await ctx.sql`select 1 from consultation_electorate where consultation_id = ${c.id} and member_id = ${memberId}`;
  return e ? ballotCode(ctx.secret, c.id, memberId) : null;
}

/**
 * A consultation mail goes to a list's members: it names the list and how to
 * leave it (List-Id, List-Unsubscribe), but has no List-Post, since "reply to
 * list" would send a member's answer to everyone, and no Precedence, since
 * the copy wants the vacation replies that say a member is away.
 */
function consultationHeaders(ctx: Context, row: OutboxRow, c: Consultation): Mail.Options['headers'] & object {
  return {
    ...preparedHeaders(listIdentity({
      list: { slug: c.list, name: c.list_name },
      domain: ctx.config.domain,
      publicUrl: ctx.config.publicUrl,
      unsubscribeToken: makeToken(ctx.secret, 'unsubscribe', [row.member_id ?? 0, c.group_id]),
    })),
    'X-Tacit-Consultation': displayId(c.id),
  };
}

/** A mail the member answers by replying: personal Reply-To, and no Auto-Submitted so vacation replies tell us they are away. */
function answerable(ctx: Context, row: OutboxRow, c: Consultation, template: string, data: object): Mail.Options {
  const mail = renderMail(template, data);
  return {
    from: consultFrom(ctx, c),
    replyTo: row.member_id ? replyAddress(ctx, c.id, row.member_id) : undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: consultationHeaders(ctx, row, c),
  };
}

async function recordedLines(ctx: Context, c: Consultation, memberId: number | null): Promise<string[]> {
  if (!memberId) return [];
  const [r] = await ctx.sql`
    select r.stance, r.readable from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${c.id} and e.member_id = ${memberId}`;
  return r?.readable ? methodOf(c, ctx.wiring.decisionMethods).describe(r.stance, settingsOf(c)) : [];
}

const MEMBER_MAILS = ['consultation-copy', 'consultation-reminder', 'consultation-extended', 'consultation-cancelled', 'consultation-outcome'];

/** The member mails read their recipients' time zones for a whole delivery batch at once. */
export const consultationBatchLoaders: Readonly<Record<string, BatchLoader>> = Object.fromEntries(MEMBER_MAILS.map((kind) => [kind, preloadZones]));

/** The composers of the consultation mails, by outbox kind. */
export const consultationComposers: Readonly<Record<string, Composer>> = {
  'consultation-copy': async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    return answerable(ctx, row, c, 'consultation-copy', await baseData(ctx, row, c, memberName, memo));
  },
  'consultation-reminder': async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    return answerable(ctx, row, c, 'consultation-reminder', await baseData(ctx, row, c, memberName, memo));
  },
  'consultation-extended': async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    const recorded = await recordedLines(ctx, c, row.member_id);
    return answerable(ctx, row, c, 'consultation-extended', { ...(await baseData(ctx, row, c, memberName, memo)), recorded });
  },
  'consultation-cancelled': async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    const mail = renderMail('consultation-cancelled', await baseData(ctx, row, c, memberName, memo));
    return { from: consultFrom(ctx, c), subject: mail.subject, text: mail.text, headers: { 'Auto-Submitted': 'auto-generated', ...consultationHeaders(ctx, row, c) } };
  },
  'consultation-outcome': async (row, ctx, memo) => {
    const { c } = await load(row, ctx, memo);
    if (!c.outcome) throw new Error(`consultation ${c.id} has no stored outcome`);
    const ballot = await electorateBallotCode(ctx, c, row.member_id);
    const lang = await recipientLanguage(ctx, row, memo);
    // With PUBLIC_URL, the outcome links to its stable page in the decision register.
    const mail = renderMail('consultation-outcome', {
      ...outcomeView(c.outcome as Outcome, c, ctx.wiring.decisionMethods, lang),
      ...(await recipientTimes(ctx, row, c, lang, memo)),
      domain: ctx.config.domain,
      ballotCode: ballot,
      url: pageUrl(ctx, c),
    });
    return {
      from: consultFrom(ctx, c),
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'Auto-Submitted': 'auto-generated', ...consultationHeaders(ctx, row, c) },
    };
  },
  // The answer to `tally C-ID`: a template mail with the sheet attached, read at send time (a closed sheet never changes).
  'consultation-tally': async (row, ctx) => {
    const data = ((row.params as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>;
    const id = Number(data.consultationId);
    const sheet = await loadTallySheet(ctx.sql, id, ctx.wiring.decisionMethods);
    if (!sheet) throw new Error(`outbox row ${row.id}: consultation ${id} has no tally sheet`);
    const filename = `tally-${displayId(id)}.txt`;
    // A proposal closed before the sheet dropped objections' reasons: the digest its outcome stated was of the sheet with them.
    const reissued = data.sha256 && data.sha256 !== sheet.sha256 ? sheet.sha256 : null;
    // A vote's sheet is read otherwise: its method says what silence is (abstention, never consent).
    const c = await loadConsultation(ctx.sql, id);
    const silentMeans = c ? (methodOf(c, ctx.wiring.decisionMethods).view(settingsOf(c)).silentMeans ?? null) : null;
    const mail = composeTemplate({ ...row, params: { ...row.params, data: { ...data, filename, reissued, silentMeans } } }, ctx);
    // base64 keeps the bytes (LF line ends) exactly, so the saved file hashes to the stated digest.
    return { ...mail, attachments: [{ filename, content: Buffer.from(sheet.text, 'utf8'), contentType: 'text/plain; charset=utf-8', contentTransferEncoding: 'base64' }] };
  },
};
