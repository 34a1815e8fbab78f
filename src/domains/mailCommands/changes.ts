import type { DeliveryMode } from '../../shared/rules/requestCommands.ts';
import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import { findGroup } from '../org/groups.ts';
import { clearUnsubscription, findMemberByAddress, leaveAll, markReturned, setMode, unsubscribe, upsertMember, type Member } from '../org/members.ts';
import { describeEnrolment, enrolMember, enrolmentLines } from '../org/enrol.ts';
import { placeByResidence } from '../org/residence.ts';
import { languageName } from '../../shared/rules/language.ts';

/**
 * Changes to someone's subscriptions wait for a reply from their address:
 * the request handler stores them in one confirmation per message, and this
 * applies them when the reply comes. Each is checked again then (a list may
 * have gone meanwhile) and reads back as one line of the answer.
 */
export type Change =
  | { kind: 'join'; name?: string; country: string; city: string }
  | { kind: 'leave' }
  | { kind: 'subscribe'; list: string; mode: 'immediate' | 'digest' }
  | { kind: 'unsubscribe'; list: string }
  | { kind: 'set'; list: string; mode: DeliveryMode }
  | { kind: 'set-timezone'; zone: string }
  | { kind: 'set-language'; language: string }
  | { kind: 'move'; country: string; city: string }
  | { kind: 'enable-delivery' }
  /** Another domain's change (a consultation command), carried out by the applier its manifest names. */
  | { kind: 'deferred'; applier: string; line: string; data: Record<string, unknown> };

export type DeferredApplier = (data: Record<string, unknown>, email: string, tools: HandlerTools) => Promise<string>;

declare module '../../shared/context.ts' {
  interface Wiring {
    /** Appliers of other domains' deferred changes, by applier name. */
    deferredAppliers: Map<string, DeferredApplier>;
  }
}

export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'join':
      return `join (${change.city}, ${change.country})`;
    case 'subscribe':
      return `subscribe ${change.list}${change.mode === 'digest' ? ' digest' : ''}`;
    case 'unsubscribe':
      return `unsubscribe ${change.list}`;
    case 'set':
      return `set ${change.list} ${change.mode}`;
    case 'set-timezone':
      return `set timezone ${change.zone}`;
    case 'set-language':
      return `set language ${change.language}`;
    case 'move':
      return `move ${change.country} ${change.city}`;
    case 'enable-delivery':
      return 'turn delivery back on';
    case 'deferred':
      return change.line;
    default:
      return change.kind;
  }
}

/** Applies one confirmed change for `email`; the answer line says what happened. */
export async function applyChange(change: Change, email: string, nameHint: string, tools: HandlerTools): Promise<string> {
  const { tx, ctx } = tools;
  const domain = ctx.config.domain;
  const member = await findMemberByAddress(tx, email);
  switch (change.kind) {
    case 'join': {
      const e = await enrolMember(tx, { email: member?.email ?? email, name: change.name || nameHint, country: change.country, city: change.city });
      return [e.created ? 'Welcome! You are now a member.' : 'Your membership is up to date.', ...enrolmentLines(e, domain)].join('\n');
    }
    case 'leave': {
      if (!member) return 'This address was not on any list.';
      const n = await leaveAll(tx, member.id);
      return n ? `You have left ${n} list${n === 1 ? '' : 's'}. To come back, send "join".` : 'You were on no list.';
    }
    case 'subscribe': {
      const group = await findGroup(tx, change.list);
      if (!group) return `There is no list named ${change.list} any more.`;
      const m = member ?? (await upsertMember(tx, { email, name: nameHint }));
      await markReturned(tx, m.id);
      await clearUnsubscription(tx, m.id, [group.id]);
      await tx`
        insert into memberships (group_id, member_id, mode) values (${group.id}, ${m.id}, ${change.mode})
        on conflict (group_id, member_id) do update set mode = excluded.mode`;
      return `You are subscribed to ${group.slug}@${domain} (${change.mode === 'digest' ? 'weekly digest' : 'every message'}).`;
    }
    case 'unsubscribe': {
      const group = await findGroup(tx, change.list);
      if (!group || !member) return `You were not on ${change.list}.`;
      return (await unsubscribe(tx, member.id, group.id)) ? `You are no longer on ${group.slug}@${domain}.` : `You were not on ${group.slug}.`;
    }
    case 'set': {
      const group = await findGroup(tx, change.list);
      if (!group || !member) return `You are not on ${change.list}.`;
      return (await setMode(tx, member.id, group.id, change.mode))
        ? `${group.slug}: ${modeText(change.mode)}.`
        : `You are not on ${group.slug}.`;
    }
    case 'set-timezone': {
      if (!member) return 'This address is not a member; send "join" first.';
      await tx`update members set timezone = ${change.zone} where id = ${member.id}`;
      return `Times in Tacit's mail to you are now also given in ${change.zone}.`;
    }
    case 'set-language': {
      if (!member) return 'This address is not a member; send "join" first.';
      await tx`update members set language = ${change.language} where id = ${member.id}`;
      return `Tacit now writes to you in ${languageName(change.language)} (${change.language}).`;
    }
    case 'move': {
      if (!member) return 'This address is not a member; send "join" first.';
      const [moved] = await tx<Member[]>`
        update members set country = ${change.country}, city = ${change.city} where id = ${member.id}
        returning id, email, name, country, city, delivery_disabled_at`;
      await placeByResidence(tx, [member.id]);
      const e = await describeEnrolment(tx, moved!);
      return [`You now live in ${change.city} (${change.country}).`, ...enrolmentLines(e, domain)].join('\n');
    }
    case 'enable-delivery': {
      if (!member) return 'This address is not a member.';
      await tx`update members set delivery_disabled_at = null, bounce_score = 0, bounce_scored_at = null where id = ${member.id}`;
      return 'Delivery to you is on again.';
    }
    case 'deferred': {
      const apply = ctx.wiring.deferredAppliers.get(change.applier);
      return apply ? apply(change.data, email, tools) : 'This can no longer be done on this server.';
    }
  }
}

export function modeText(mode: DeliveryMode): string {
  return mode === 'immediate' ? 'you receive every message' : mode === 'digest' ? 'you receive the weekly digest' : 'you receive no mail from it (you stay a member)';
}
