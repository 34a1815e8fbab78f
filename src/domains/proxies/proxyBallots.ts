import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import type { Consultation } from '../consultations/consultation.ts';
import { consultationView, zoneView, type ConsultationView } from '../consultations/mail/views.ts';
import { memberLanguages } from '../org/memberLanguages.ts';
import { memberZones } from '../org/memberZones.ts';
import { consultFrom } from '../consultations/replies/replyAddress.ts';
import { ballotCode } from '../../shared/rules/tokens.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/rules/language.ts';
import { proxyReplyAddress } from './proxyAddress.ts';

/**
 * When a formal vote opens (in the transaction that freezes its electorate),
 * each proxy gets one mail listing the ballots they hold in it, each with a
 * proxy address of its own. Who holds whom is frozen here
 * (consultation_proxies):
 * - only accepted proxies count, the member's proxy for this vote's list
 *   before their proxy for every list;
 * - chains are not followed: a proxy holds the ballots of the members who
 *   named them, never those of members who named someone who named them;
 * - a proxy holds at most PROXY_LIMIT ballots in one vote (the earliest
 *   accepted), even if the limit was lowered after they accepted more;
 * - consultations (silence is consent) ignore proxies: only kind vote.
 * Each proxy reads the mail in their language (the question in their
 * version), the deadline in UTC and on their own clock.
 * Returns the number of proxies mailed.
 */
export async function writeProxyBallots(tools: HandlerTools, c: Consultation): Promise<number> {
  if (c.kind !== 'vote') return 0;
  const { tx, ctx } = tools;
  const held = await tx`
    with candidates as (
      select e.member_id, p.id as proxy_id, p.proxy_member_id, p.accepted_at,
             row_number() over (partition by e.member_id order by (p.group_id is null), p.accepted_at) as pick
      from consultation_electorate e
      join proxies p on p.member_id = e.member_id and p.state = 'active' and (p.group_id is null or p.group_id = ${c.group_id})
      join members pm on pm.id = p.proxy_member_id and pm.delivery_disabled_at is null
      where e.consultation_id = ${c.id}
    ),
    ranked as (
      select *, row_number() over (partition by proxy_member_id order by accepted_at, member_id) as place
      from candidates where pick = 1
    ),
    frozen as (
      insert into consultation_proxies (consultation_id, member_id, proxy_id, proxy_member_id)
      select ${c.id}, member_id, proxy_id, proxy_member_id from ranked where place <= ${ctx.config.proxyLimit}
      on conflict do nothing
      returning member_id, proxy_member_id
    )
    select f.member_id, f.proxy_member_id, m.name as member_name, m.email as member_email,
           pm.name as proxy_name, pm.email as proxy_email
    from frozen f join members m on m.id = f.member_id join members pm on pm.id = f.proxy_member_id
    order by f.proxy_member_id, m.email`;
  const byProxy = new Map<number, (typeof held)[number][]>();
  for (const row of held) {
    const id = row.proxy_member_id as number;
    byProxy.set(id, [...(byProxy.get(id) ?? []), row]);
  }
  const proxyIds = [...byProxy.keys()];
  // Sent together: one round trip.
  const [languages, zones] = await Promise.all([memberLanguages(tx, proxyIds), memberZones(tx, proxyIds)]);
  // One view per language the proxies read, not one per proxy.
  const views = new Map<Language, ConsultationView>();
  const viewIn = (lang: Language) => views.get(lang) ?? views.set(lang, consultationView(c, ctx.wiring.decisionMethods, lang)).get(lang)!;
  for (const [proxyId, rows] of byProxy) {
    const lang = languages.get(proxyId) ?? DEFAULT_LANGUAGE;
    const view = { ...viewIn(lang), ...zoneView(zones.get(proxyId) ?? null, { deadline: c.deadline }, lang) };
    const ballots = rows.map((r) => ({
      name: (r.member_name as string) || (r.member_email as string),
      email: r.member_email as string,
      address: proxyReplyAddress(ctx, c.id, r.member_id as number, proxyId),
    }));
    await tools.outbox.queue({
      kind: 'proxy-ballots',
      recipient: rows[0]!.proxy_email as string,
      memberId: proxyId,
      params: {
        data: { ...view, proxyName: rows[0]!.proxy_name, ballots, single: ballots.length === 1, proxyCode: ballotCode(ctx.secret, c.id, proxyId) },
        from: consultFrom(ctx, c),
        // With one ballot held, answering the mail is answering for that member.
        replyTo: ballots.length === 1 ? ballots[0]!.address : undefined,
        autoSubmitted: false,
      },
      dedupeKey: `proxy-ballots:${c.id}:${proxyId}`,
    });
  }
  return byProxy.size;
}
