import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Context } from '../../../shared/context.ts';
import { composeTemplate, memoized, preparedHeaders, type BatchLoader, type ComposeMemo, type Composer, type CopyTemplate, type OutboxRow } from '../../../pipeline/outbound/compose/compose.ts';
import type { Slots } from '../../../pipeline/outbound/compose/byteTemplate.ts';
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
import { describeIn } from './localWords.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';

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

/**
 * What a member mail says of its member alone: the same code writes them for
 * one copy, or writes the byte template's markers in their place once for
 * every copy of a variant (CopyTemplate).
 */
interface MemberParts {
  memberName: string;
  recipient: string;
  ballotCode: string | null;
  replyTo: string | undefined;
  unsubscribeToken: string;
}

function memberParts(ctx: Context, row: OutboxRow, c: Consultation, memberName: string): MemberParts {
  return {
    memberName,
    recipient: row.recipient,
    ballotCode: row.member_id ? ballotCode(ctx.secret, c.id, row.member_id) : null,
    replyTo: row.member_id ? replyAddress(ctx, c.id, row.member_id) : undefined,
    unsubscribeToken: makeToken(ctx.secret, 'unsubscribe', [row.member_id ?? 0, c.group_id]),
  };
}

/** The parts with a marker wherever the member has a value; an empty one stays empty (its template branch is the variant's). */
function markedParts(parts: MemberParts, slots: Slots): MemberParts {
  const mark = <T extends string | null | undefined>(name: keyof MemberParts, value: T): T => (value ? (slots.slot(name) as T) : value);
  return {
    memberName: mark('memberName', parts.memberName),
    recipient: mark('recipient', parts.recipient),
    ballotCode: mark('ballotCode', parts.ballotCode),
    // An address keeps its shape (nodemailer drops a Reply-To that is not one): the marker stands for its local part.
    replyTo: parts.replyTo?.replace(/^[^@]+/, slots.slot('replyToLocal')),
    unsubscribeToken: mark('unsubscribeToken', parts.unsubscribeToken),
  };
}

async function baseData(ctx: Context, row: OutboxRow, c: Consultation, member: MemberParts, memo?: ComposeMemo) {
  const lang = await recipientLanguage(ctx, row, memo);
  return {
    ...consultationView(c, ctx.wiring.decisionMethods, lang),
    ...(await recipientTimes(ctx, row, c, lang, memo)),
    memberName: member.memberName,
    domain: ctx.config.domain,
    recipient: member.recipient,
    ballotCode: member.ballotCode,
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
function consultationHeaders(ctx: Context, c: Consultation, unsubscribeToken: string): Mail.Options['headers'] & object {
  return {
    ...preparedHeaders(listIdentity({
      list: { slug: c.list, name: c.list_name },
      domain: ctx.config.domain,
      publicUrl: ctx.config.publicUrl,
      unsubscribeToken,
    })),
    'X-Tacit-Consultation': displayId(c.id),
  };
}

/** A mail the member answers by replying: personal Reply-To, and no Auto-Submitted so vacation replies tell us they are away. */
function answerable(ctx: Context, c: Consultation, template: string, data: object, member: MemberParts): Mail.Options {
  const mail = renderMail(template, data);
  return {
    from: consultFrom(ctx, c),
    replyTo: member.replyTo,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    headers: consultationHeaders(ctx, c, member.unsubscribeToken),
  };
}

/** The consultation as loaded, as text: a byte template serves the copies of one state of it. */
const loadedStates = new WeakMap<Consultation, string>();
function loadedState(c: Consultation): string {
  let state = loadedStates.get(c);
  if (state === undefined) loadedStates.set(c, (state = JSON.stringify(c)));
  return state;
}

/** A mail the member answers, written for one member, and for a whole mailing from a byte template. */
function answerableComposer(template: 'consultation-copy' | 'consultation-reminder'): Composer {
  const compose: Composer = async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    const member = memberParts(ctx, row, c, memberName);
    return answerable(ctx, c, template, await baseData(ctx, row, c, member, memo), member);
  };
  const copies: CopyTemplate = async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    const member = memberParts(ctx, row, c, memberName);
    // What the shared parts depend on besides the consultation: the member's language and clock, and which values they have at all.
    // The version of the question (rules/questionVersions.ts) is chosen by the language, so the state and `lang` key it too.
    const lang = await recipientLanguage(ctx, row, memo);
    const times = await recipientTimes(ctx, row, c, lang, memo);
    const has = Object.entries(member).map(([k, v]) => (v ? k : '')).join(',');
    return {
      variant: `${loadedState(c)}\u0000${lang}\u0000${JSON.stringify(times)}\u0000${has}`,
      values: {
        ...(Object.fromEntries(Object.entries(member).filter(([, v]) => typeof v === 'string')) as Record<string, string>),
        replyToLocal: member.replyTo?.split('@')[0] ?? '',
      },
      async compose(slots) {
        const marked = markedParts(member, slots);
        return answerable(ctx, c, template, await baseData(ctx, row, c, marked, memo), marked);
      },
    };
  };
  return Object.assign(compose, { copies });
}

async function recordedLines(ctx: Context, c: Consultation, memberId: number | null, lang: Language): Promise<string[]> {
  if (!memberId) return [];
  const [r] = await ctx.sql`
    select r.stance, r.readable from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${c.id} and e.member_id = ${memberId}`;
  return r?.readable ? describeIn(lang, methodOf(c, ctx.wiring.decisionMethods), r.stance, settingsOf(c)) : [];
}

const MEMBER_MAILS = ['consultation-copy', 'consultation-reminder', 'consultation-extended', 'consultation-cancelled', 'consultation-outcome'];

/** The member mails read their recipients' time zones for a whole delivery batch at once. */
export const consultationBatchLoaders: Readonly<Record<string, BatchLoader>> = Object.fromEntries(MEMBER_MAILS.map((kind) => [kind, preloadZones]));

/** The composers of the consultation mails, by outbox kind. */
export const consultationComposers: Readonly<Record<string, Composer>> = {
  'consultation-copy': answerableComposer('consultation-copy'),
  'consultation-reminder': answerableComposer('consultation-reminder'),
  'consultation-extended': async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    const recorded = await recordedLines(ctx, c, row.member_id, await recipientLanguage(ctx, row, memo));
    const member = memberParts(ctx, row, c, memberName);
    return answerable(ctx, c, 'consultation-extended', { ...(await baseData(ctx, row, c, member, memo)), recorded }, member);
  },
  'consultation-cancelled': async (row, ctx, memo) => {
    const { c, memberName } = await load(row, ctx, memo);
    const member = memberParts(ctx, row, c, memberName);
    const mail = renderMail('consultation-cancelled', await baseData(ctx, row, c, member, memo));
    return { from: consultFrom(ctx, c), subject: mail.subject, text: mail.text, headers: { 'Auto-Submitted': 'auto-generated', ...consultationHeaders(ctx, c, member.unsubscribeToken) } };
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
      headers: { 'Auto-Submitted': 'auto-generated', ...consultationHeaders(ctx, c, makeToken(ctx.secret, 'unsubscribe', [row.member_id ?? 0, c.group_id])) },
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
    const methodSilence = c ? (methodOf(c, ctx.wiring.decisionMethods).view(settingsOf(c)).silentMeans ?? null) : null;
    // The formal votes' one meaning of silence is in the catalogues; another method's own words stand.
    const silentMeans = methodSilence === translate('en', 'tally.silentMeans') ? translate(data.lang as string, 'tally.silentMeans') : methodSilence;
    const mail = composeTemplate({ ...row, params: { ...row.params, data: { ...data, filename, reissued, silentMeans } } }, ctx);
    // base64 keeps the bytes (LF line ends) exactly, so the saved file hashes to the stated digest.
    return { ...mail, attachments: [{ filename, content: Buffer.from(sheet.text, 'utf8'), contentType: 'text/plain; charset=utf-8', contentTransferEncoding: 'base64' }] };
  },
};
