import { createConfirmation, type Confirmer } from '../confirmations/confirmations.ts';
import { findMemberByAddress } from '../org/members.ts';
import { newTextOfMessage } from '../../reading/newText/replyText.ts';
import { translatePhrase } from '../../shared/i18n/phrase.ts';
import { sentTextOf } from '../consultations/defaultOption.ts';
import type { Handler, HandlerTools, InboundMail, RouteResult } from '../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { ballotCode } from '../../shared/rules/tokens.ts';
import { loadConsultation, type Consultation } from '../consultations/consultation.ts';
import { displayId } from '../consultations/ids.ts';
import { consultationView, zoneView } from '../consultations/mail/views.ts';
import { receiptIn } from '../consultations/mail/localWords.ts';
import { readerOf, type Reader } from '../org/reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import type { Language } from '../../shared/rules/language.ts';
import { consultFrom, replyAddress } from '../consultations/replies/replyAddress.ts';
import { recordReply } from '../consultations/replies/recordReply.ts';
import { methodOf, settingsOf } from '../../decisions/methods/index.ts';
import { proxyReplyAddress, readProxyToken } from './proxyAddress.ts';

export const HELD_PROXY_BALLOT_PURPOSE = 'proxy-ballot';

interface Holding {
  consultationId: number;
  memberId: number;
  proxyMemberId: number;
  memberEmail: string;
  memberName: string;
  proxyEmail: string;
  /** The proxy still holds the member's vote (not ended by `proxy off` since the vote opened). */
  active: boolean;
}

/**
 * proxy+TOKEN@D: a proxy's ballot for one member in one vote. The same
 * sender checks as a member's reply: the From must be the proxy (the token
 * reached the proxy's mailbox; the From says the proxy sent this), else the
 * ballot is held and the proxy (never the sender) is asked at their own
 * address; likewise when the proxy's domain says a DMARC failure is not
 * theirs. The member's own ballot always counts before the proxy's
 * (rules/ballotPrecedence.ts); each recorded ballot gets a receipt to the
 * proxy and a notice to the member, each in their own language and on their
 * own clock.
 */
export const proxyReplyHandler: Handler = async (mail, tools) => {
  if (mail.address.kind !== 'proxy') return { outcome: 'not a proxy address' };
  const ids = readProxyToken(tools.ctx, mail.address.token);
  if (!ids) {
    const { lang } = await readerOf(tools.tx, mail.from);
    await replyToSender(mail, tools, 'proxy-notice', { lang, lines: [translate(lang, 'proxy.ballot.badAddress', { address: mail.recipient })] });
    return { outcome: 'bad proxy token' };
  }
  // Vacation notices and bounces speak for nobody's vote.
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} at a proxy address ignored` };
  const c = await loadConsultation(tools.tx, ids.consultationId, 'share');
  const holding = c ? await loadHolding(tools, ids) : null;
  if (!c || !holding) {
    const { lang } = await readerOf(tools.tx, mail.from);
    await replyToSender(mail, tools, 'proxy-notice', { lang, lines: [translate(lang, 'proxy.ballot.none', { id: displayId(ids.consultationId) })] });
    return { outcome: `no proxy ballot for member ${ids.memberId} by ${ids.proxyMemberId} in ${displayId(ids.consultationId)}` };
  }
  const sender = mail.from ? await findMemberByAddress(tools.tx, mail.from) : null;
  if (sender?.id !== ids.proxyMemberId || mail.authority.level === 'nothing') return holdForgedBallot(mail, tools, c, holding, false);
  if (mail.authority.dmarcRejects) return holdForgedBallot(mail, tools, c, holding, true);
  return castProxyBallot(mail, tools, c, holding, mail.messageRowId, await receivedAt(tools, mail.messageRowId), mail.raw);
};

async function loadHolding(tools: HandlerTools, ids: { consultationId: number; memberId: number; proxyMemberId: number }): Promise<Holding | null> {
  const [row] = await tools.tx`
    select m.email as member_email, m.name as member_name, pm.email as proxy_email, p.state = 'active' as active
    from consultation_proxies cp
    join proxies p on p.id = cp.proxy_id
    join members m on m.id = cp.member_id
    join members pm on pm.id = cp.proxy_member_id
    where cp.consultation_id = ${ids.consultationId} and cp.member_id = ${ids.memberId} and cp.proxy_member_id = ${ids.proxyMemberId}`;
  if (!row) return null;
  return { ...ids, memberEmail: row.member_email, memberName: row.member_name || row.member_email, proxyEmail: row.proxy_email, active: row.active };
}

async function receivedAt(tools: HandlerTools, messageRowId: number): Promise<Date> {
  const [row] = await tools.tx`select received_at from inbound_messages where id = ${messageRowId}`;
  return row.received_at as Date;
}

/** What a mail about this ballot shows its reader: the consultation in their language and version, the deadline on their clock too. */
function viewFor(tools: HandlerTools, c: Consultation, h: Holding, reader: Reader) {
  const moments = { deadline: c.deadline, closedAt: c.closed_at };
  return { ...consultationView(c, tools.ctx.wiring.decisionMethods, reader.lang), ...zoneView(reader.zone, moments, reader.lang), memberName: h.memberName, memberEmail: h.memberEmail };
}

/** Records the proxy's ballot for the member and answers both. `mail` is what is answered (the ballot, or the proxy's confirmation of it). */
async function castProxyBallot(mail: InboundMail, tools: HandlerTools, c: Consultation, h: Holding, messageRowId: number, received: Date, raw: Buffer): Promise<RouteResult> {
  const { ctx } = tools;
  const methods = ctx.wiring.decisionMethods;
  const proxyReader = await readerOf(tools.tx, h.proxyEmail);
  const lang = proxyReader.lang;
  const view = viewFor(tools, c, h, proxyReader);
  const from = consultFrom(ctx, c);
  if (!h.active) {
    await replyToSender(mail, tools, 'proxy-notice', { lang, lines: [translate(lang, 'proxy.ballot.ended', { member: h.memberEmail, id: displayId(c.id) })] }, { from, to: h.proxyEmail });
    return { outcome: `${displayId(c.id)} proxy ballot for member ${h.memberId} refused: proxy ended` };
  }
  const proxyCode = ballotCode(ctx.secret, c.id, h.proxyMemberId);
  const result = await recordReply(tools.tx, c, {
    memberId: h.memberId,
    text: await newTextOfMessage(raw, { sent: sentTextOf(c) }),
    inboundMessageId: messageRowId,
    receivedAt: received,
    castBy: { memberId: h.proxyMemberId, code: proxyCode },
  }, methods);
  if (result.state === 'duplicate') return { outcome: `${displayId(c.id)} proxy ballot duplicate` };
  const toProxy = { from, to: h.proxyEmail, replyTo: proxyReplyAddress(ctx, c.id, h.memberId, h.proxyMemberId), key: String(h.memberId) };
  if (result.state === 'late') {
    await replyToSender(mail, tools, 'proxy-notice', { lang, lines: [translate(lang, 'proxy.ballot.late', { id: view.id, question: view.question, member: h.memberEmail })] }, toProxy);
    return { outcome: `${displayId(c.id)} proxy ballot late` };
  }
  const method = methodOf(c, methods);
  // Read back to each in their own language: the proxy here, the member below.
  const receiptFor = (reader: Language) => (result.readable ? receiptIn(reader, method, result.stance, result.comment, settingsOf(c)) : null);
  const receipt = receiptFor(lang);
  await replyToSender(mail, tools, 'proxy-receipt', {
    ...view,
    readable: result.readable,
    recorded: receipt?.recorded ?? [],
    readAs: receipt?.readAs ?? '',
    proxyCode,
    ownBallotCounts: result.superseded,
    doubt: !result.readable && result.doubt ? translatePhrase(lang, result.doubt) : null,
  }, toProxy);
  if (result.readable) {
    // The member hears what was cast for them, with their own reply address: answering overrides it.
    const memberReader = await readerOf(tools.tx, h.memberEmail);
    const memberView = viewFor(tools, c, h, memberReader);
    const memberReceipt = receiptFor(memberReader.lang)!;
    await tools.outbox.queue({
      kind: 'proxy-cast',
      recipient: h.memberEmail,
      memberId: h.memberId,
      params: {
        data: { ...memberView, proxyEmail: h.proxyEmail, recorded: memberReceipt.recorded, readAs: memberReceipt.readAs, proxyCode, ballotCode: ballotCode(ctx.secret, c.id, h.memberId), ownBallotCounts: result.superseded },
        from,
        replyTo: replyAddress(ctx, c.id, h.memberId),
      },
      dedupeKey: `proxy-cast:${c.id}:${h.memberId}:${messageRowId}`,
    });
  }
  const how = result.readable ? (result.superseded ? 'recorded, the member\'s own ballot counts' : 'recorded') : 'unreadable';
  return { outcome: `${displayId(c.id)} proxy ballot for member ${h.memberId} ${how}` };
}

/** The From is not the proxy: keep the message, and ask the proxy at their own address. */
async function holdForgedBallot(mail: InboundMail, tools: HandlerTools, c: Consultation, h: Holding, dmarcFailed: boolean): Promise<RouteResult> {
  const confirmation = await createConfirmation(tools.tx, tools.ctx, {
    purpose: HELD_PROXY_BALLOT_PURPOSE,
    email: h.proxyEmail,
    memberId: h.proxyMemberId,
    payload: { consultationId: c.id, memberId: h.memberId, proxyMemberId: h.proxyMemberId, messageRowId: mail.messageRowId, sender: mail.from },
  });
  const text = await newTextOfMessage(mail.raw);
  const { lang } = await readerOf(tools.tx, h.proxyEmail);
  await replyToSender(mail, tools, 'proxy-ballot-held', {
    ...consultationView(c, tools.ctx.wiring.decisionMethods, lang),
    memberEmail: h.memberEmail,
    sender: mail.from || translate(lang, 'proxyHeld.noSender'),
    dmarcFailed,
    excerpt: text.split('\n').slice(0, 8),
  }, { to: h.proxyEmail, from: consultFrom(tools.ctx, c), replyTo: confirmation.address });
  return { outcome: `proxy ballot for member ${h.memberId} in ${displayId(c.id)} from ${mail.from || 'nobody'} held for proxy ${h.proxyMemberId}`, state: 'held' };
}

/** The proxy confirmed (or refused) a ballot that came from another address. */
export const confirmHeldProxyBallot: Confirmer = async (confirmation, decision, mail, tools) => {
  const p = confirmation.payload as { consultationId: number; memberId: number; proxyMemberId: number; messageRowId: number };
  if (decision === 'cancel') return { outcome: `held proxy ballot in ${displayId(p.consultationId)} discarded by the proxy` };
  const c = await loadConsultation(tools.tx, p.consultationId, 'share');
  const holding = c ? await loadHolding(tools, p) : null;
  const [message] = await tools.tx`select raw, received_at from inbound_messages where id = ${p.messageRowId}`;
  if (!c || !holding || !message) return { outcome: 'held proxy ballot no longer available' };
  return castProxyBallot(mail, tools, c, holding, p.messageRowId, message.received_at as Date, message.raw as Buffer);
};
