import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import type { Language } from '../../../shared/rules/language.ts';
import { findMembersByAddresses, type Member } from '../../org/members.ts';
import { memberLanguages } from '../../org/memberLanguages.ts';
import { memberZones } from '../../org/memberZones.ts';
import { loadConsultations, type Consultation } from '../consultation.ts';
import { readReplyToken } from './replyAddress.ts';

/**
 * What the reply handler reads for each reply before recording it (the
 * consultation, share-locked; the member's electorate row; who the From is;
 * the member's time zone and language for the receipt), read for a run of a
 * batch's replies at once: one round trip, not two a reply. Replies change
 * none of it (recording a reply writes the reply and the electorate row's
 * latest reply, which recordReplies reads under its lock).
 */
export interface PreparedReplies {
  consultations: Map<number, Consultation>;
  voters: Map<string, { email: string; name: string }>;
  senders: Map<string, Member>;
  zones: Map<number, string | null>;
  languages: Map<number, Language>;
}

export const voterKey = (consultationId: number, memberId: number) => `${consultationId}:${memberId}`;

export async function prepareReplies(mails: readonly InboundMail[], { tx, ctx }: Pick<HandlerTools, 'tx' | 'ctx'>): Promise<PreparedReplies> {
  const asked: { consultationId: number; memberId: number; from: string }[] = [];
  for (const mail of mails) {
    // Only replies the handler records read these; auto-replies, bounces and bad tokens go their own way.
    if (mail.address.kind !== 'reply' || mail.kind !== 'ordinary') continue;
    const ids = readReplyToken(ctx, mail.address.token);
    if (ids) asked.push({ ...ids, from: mail.from });
  }
  if (asked.length === 0) return { consultations: new Map(), voters: new Map(), senders: new Map(), zones: new Map(), languages: new Map() };
  const memberIds = [...new Set(asked.map((a) => a.memberId))];
  // Sent together, the consultations' share locks first (in id order): one round trip.
  const [consultations, voterRows, senders, zones, languages] = await Promise.all([
    loadConsultations(tx, asked.map((a) => a.consultationId), 'share'),
    tx`
      select e.consultation_id, e.member_id, e.email, m.name
      from consultation_electorate e join members m on m.id = e.member_id
      where (e.consultation_id, e.member_id) in (
        select * from unnest(${asked.map((a) => a.consultationId)}::bigint[], ${asked.map((a) => a.memberId)}::bigint[]))`,
    findMembersByAddresses(tx, asked.map((a) => a.from).filter(Boolean)),
    memberZones(tx, memberIds),
    memberLanguages(tx, memberIds),
  ]);
  const voters = new Map(voterRows.map((v) => [voterKey(Number(v.consultation_id), Number(v.member_id)), { email: v.email as string, name: v.name as string }]));
  return { consultations, voters, senders, zones, languages };
}
