import type { DeliveryMode } from '../../shared/rules/requestCommands.ts';
import type { HandlerTools } from '../../pipeline/routing/inboundMail.ts';
import { findGroup } from '../org/groups.ts';
import { clearUnsubscription, findMemberByAddress, leaveAll, markReturned, setMode, unsubscribe, upsertMember, type Member } from '../org/members.ts';
import { describeEnrolment, enrolMember, enrolmentLines } from '../org/enrol.ts';
import { placeByResidence } from '../org/residence.ts';
import { DEFAULT_LANGUAGE, languageName, normalizeLanguage, type Language } from '../../shared/rules/language.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import { ENGLISH_READER, type Reader } from '../org/reader.ts';

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

export type DeferredApplier = (data: Record<string, unknown>, email: string, tools: HandlerTools, reader: Reader) => Promise<string>;

declare module '../../shared/context.ts' {
  interface Wiring {
    /** Appliers of other domains' deferred changes, by applier name. */
    deferredAppliers: Map<string, DeferredApplier>;
  }
}

export function describeChange(change: Change, reader: Reader = ENGLISH_READER): string {
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
      return translate(reader.lang, 'change.enableLine');
    case 'deferred':
      return change.line;
    default:
      return change.kind;
  }
}

/** Applies one confirmed change for `email`; the answer line says what happened. */
export async function applyChange(change: Change, email: string, nameHint: string, tools: HandlerTools, reader: Reader): Promise<string> {
  const { tx, ctx } = tools;
  const lang = reader.lang;
  const t = (key: string, values?: Record<string, unknown>) => translate(lang, key, values);
  const domain = ctx.config.domain;
  const member = await findMemberByAddress(tx, email);
  switch (change.kind) {
    case 'join': {
      const e = await enrolMember(tx, { email: member?.email ?? email, name: change.name || nameHint, country: change.country, city: change.city });
      return [t(e.created ? 'change.welcome' : 'change.upToDate'), ...enrolmentLines(e, domain, lang)].join('\n');
    }
    case 'leave': {
      if (!member) return t('change.notOnAny');
      const n = await leaveAll(tx, member.id);
      return n ? t('change.left', { n }) : t('change.onNoList');
    }
    case 'subscribe': {
      const group = await findGroup(tx, change.list);
      if (!group) return t('change.listGone', { list: change.list });
      const m = member ?? (await upsertMember(tx, { email, name: nameHint }));
      await markReturned(tx, m.id);
      await clearUnsubscription(tx, m.id, [group.id]);
      await tx`
        insert into memberships (group_id, member_id, mode) values (${group.id}, ${m.id}, ${change.mode})
        on conflict (group_id, member_id) do update set mode = excluded.mode`;
      return t(change.mode === 'digest' ? 'change.subscribedDigest' : 'change.subscribedImmediate', { address: `${group.slug}@${domain}` });
    }
    case 'unsubscribe': {
      const group = await findGroup(tx, change.list);
      if (!group || !member) return t('change.wasNotOn', { list: change.list });
      return (await unsubscribe(tx, member.id, group.id)) ? t('change.unsubscribed', { address: `${group.slug}@${domain}` }) : t('change.wasNotOn', { list: group.slug });
    }
    case 'set': {
      const group = await findGroup(tx, change.list);
      if (!group || !member) return t('change.notOn', { list: change.list });
      return (await setMode(tx, member.id, group.id, change.mode))
        ? t('change.set', { list: group.slug, mode: modeText(change.mode, lang) })
        : t('change.notOn', { list: group.slug });
    }
    case 'set-timezone': {
      if (!member) return t('change.notMember');
      await tx`update members set timezone = ${change.zone} where id = ${member.id}`;
      return t('change.timezone', { zone: change.zone });
    }
    case 'set-language': {
      if (!member) return t('change.notMember');
      await tx`update members set language = ${change.language} where id = ${member.id}`;
      // Said in the language chosen: the first words Tacit writes in it.
      const chosen = normalizeLanguage(change.language) ?? lang;
      return translate(chosen, 'change.language', { name: languageName(change.language, chosen), code: change.language });
    }
    case 'move': {
      if (!member) return t('change.notMember');
      const [moved] = await tx<Member[]>`
        update members set country = ${change.country}, city = ${change.city} where id = ${member.id}
        returning id, email, name, country, city, delivery_disabled_at`;
      await placeByResidence(tx, [member.id]);
      const e = await describeEnrolment(tx, moved!);
      return [t('change.moved', { city: change.city, country: change.country }), ...enrolmentLines(e, domain, lang)].join('\n');
    }
    case 'enable-delivery': {
      if (!member) return t('change.notMemberAtAll');
      await tx`update members set delivery_disabled_at = null, bounce_score = 0, bounce_scored_at = null where id = ${member.id}`;
      return t('change.enabled');
    }
    case 'deferred': {
      const apply = ctx.wiring.deferredAppliers.get(change.applier);
      return apply ? apply(change.data, email, tools, reader) : t('change.gone');
    }
  }
}

export function modeText(mode: DeliveryMode, lang: Language = DEFAULT_LANGUAGE): string {
  return translate(lang, `mode.${mode}`);
}
