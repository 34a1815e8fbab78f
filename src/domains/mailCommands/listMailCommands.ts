import type { Queryable } from '../../shared/db/database.ts';
import type { InboundMail } from '../../pipeline/routing/inboundMail.ts';
import { findGroup, groupTree, type Group } from '../org/groups.ts';
import { findMemberByAddress, hasRole, membershipOf, membershipsOf, type Member } from '../org/members.ts';
import { isWaitingForChapter } from '../org/residence.ts';
import { memberTimeZone } from '../../shared/rules/timeZone.ts';
import { LANGUAGES, languageName, languageSource, memberLanguage, type Language } from '../../shared/rules/language.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import { memberLanguageSources, memberLanguages } from '../org/memberLanguages.ts';
import { readerTime, type Reader } from '../org/reader.ts';
import { statusLines, type CommandResult, type CommandRunners, type StatusSection } from './mailCommandTables.ts';
import { modeText } from './changes.ts';

/**
 * The list commands of request@D and LIST-request@D. Anything that would
 * change a subscription is only checked here and returned as `pending`: it
 * happens when the sender confirms by replying to the results mail.
 */
const WHO_LIMIT = 1000;

const waiting = (lang: Language) => translate(lang, 'cmd.waiting');

const noList = (slug: string, lang: Language): CommandResult => ({
  line: slug,
  result: translate(lang, 'cmd.noList', { list: slug }),
});

async function sender(db: Queryable, mail: InboundMail): Promise<Member | null> {
  return mail.from ? findMemberByAddress(db, mail.from) : null;
}

async function closedTo(db: Queryable, group: Group, member: Member | null): Promise<boolean> {
  const [row] = await db`select subscription from groups where id = ${group.id}`;
  if (row?.subscription !== 'closed') return false;
  return !(member && (await hasRole(db, member.id, ['owner'], group.slug)));
}

/** The list commands of request@ and LIST-request@, by command kind. */
export const listCommandRunners: CommandRunners = {
  lists: async (_command, mail, { tx, ctx }, { lang }) => {
    const member = await sender(tx, mail);
    const mine = new Map((member ? await membershipsOf(tx, member.id) : []).map((m) => [m.group_id, m.mode]));
    const groups = await groupTree(tx);
    if (groups.length === 0) return { line: 'lists', result: translate(lang, 'cmd.lists.none') };
    const lines = groups.map((g) => {
      const mode = mine.get(g.id);
      const notes = [g.subscription === 'closed' ? translate(lang, 'cmd.lists.closed') : '', mode ? translate(lang, 'cmd.lists.you', { mode }) : ''].filter(Boolean).join(', ');
      return `${'  '.repeat(g.depth)}${g.slug}@${ctx.config.domain}  ${g.name}${notes ? ` (${notes})` : ''}`;
    });
    return { line: 'lists', result: lines.join('\n') };
  },

  join: async ({ details }, mail, _tools, { lang }) => {
    if (!details.country || !details.city) {
      const problem = details.countryInput && !details.country
        ? translate(lang, 'cmd.join.badCountry', { input: details.countryInput })
        : translate(lang, 'cmd.join.where');
      return { line: 'join', result: `${problem}\n${translate(lang, 'cmd.join.example')}` };
    }
    const name = details.name ?? mail.fromName;
    return {
      line: `join (${details.city}, ${details.country})`,
      result: waiting(lang),
      pending: { kind: 'join', name, country: details.country, city: details.city },
    };
  },

  leave: async (_command, mail, { tx }, { lang }) => {
    const member = await sender(tx, mail);
    const lists = member ? await membershipsOf(tx, member.id) : [];
    if (lists.length === 0) return { line: 'leave', result: translate(lang, 'cmd.leave.none') };
    const on = translate(lang, 'cmd.leave.on', { lists: lists.map((l) => l.slug).join(', ') });
    return { line: 'leave', result: `${on} ${waiting(lang)}`, pending: { kind: 'leave' } };
  },

  subscribe: async ({ list, mode }, mail, { tx }, { lang }) => {
    const line = `subscribe ${list}${mode === 'digest' ? ' digest' : ''}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list, lang), line };
    const member = await sender(tx, mail);
    if (await closedTo(tx, group, member)) {
      return { line, result: translate(lang, 'cmd.subscribe.closed', { list: group.slug }) };
    }
    const current = member ? await membershipOf(tx, member.id, group.id) : null;
    if (current?.mode === mode) return { line, result: translate(lang, 'cmd.subscribe.already', { list: group.slug, mode }) };
    return { line, result: waiting(lang), pending: { kind: 'subscribe', list: group.slug, mode } };
  },

  unsubscribe: async ({ list }, mail, { tx }, { lang }) => {
    const line = `unsubscribe ${list}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list, lang), line };
    const member = await sender(tx, mail);
    if (!member || !(await membershipOf(tx, member.id, group.id))) return { line, result: translate(lang, 'cmd.notOn', { list: group.slug }) };
    return { line, result: waiting(lang), pending: { kind: 'unsubscribe', list: group.slug } };
  },

  set: async ({ list, mode }, mail, { tx }, { lang }) => {
    const line = `set ${list} ${mode}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list, lang), line };
    const member = await sender(tx, mail);
    const current = member ? await membershipOf(tx, member.id, group.id) : null;
    if (!current) return { line, result: translate(lang, 'cmd.set.notOn', { list: group.slug }) };
    if (current.mode === mode) return { line, result: translate(lang, 'cmd.set.already', { mode: modeText(mode, lang) }) };
    return { line, result: waiting(lang), pending: { kind: 'set', list: group.slug, mode } };
  },

  'set-timezone': async ({ zone, input }, mail, { tx }, { lang }) => {
    const line = `set timezone ${zone ?? input}`;
    if (!zone) return { line, result: translate(lang, 'cmd.timezone.unknown', { input }) };
    const member = await sender(tx, mail);
    if (!member) return { line, result: translate(lang, 'cmd.notMember') };
    return { line, result: waiting(lang), pending: { kind: 'set-timezone', zone } };
  },

  'set-language': async ({ language, input }, mail, { tx }, { lang }) => {
    const line = `set language ${language ?? input}`;
    if (!language) return { line, result: translate(lang, 'cmd.language.unknown', { input, languages: LANGUAGES.join(', ') }) };
    const member = await sender(tx, mail);
    if (!member) return { line, result: translate(lang, 'cmd.notMember') };
    return { line, result: waiting(lang), pending: { kind: 'set-language', language } };
  },

  move: async ({ country, city }, mail, { tx }, { lang }) => {
    const line = `move ${country} ${city}`;
    const member = await sender(tx, mail);
    if (!member) return { line, result: translate(lang, 'cmd.notMember') };
    const [same] = await tx`select ${member.country} = ${country} and city_key(${member.city}) = city_key(${city}) as same`;
    if (same?.same) return { line, result: translate(lang, 'cmd.move.same', { city: member.city, country: member.country }) };
    return { line, result: waiting(lang), pending: { kind: 'move', country, city } };
  },

  who: async ({ list }, mail, { tx }, { lang }) => {
    const line = `who ${list}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list, lang), line };
    const member = await sender(tx, mail);
    if (!member || !(await hasRole(tx, member.id, ['owner'], group.slug))) {
      return { line, result: translate(lang, 'cmd.who.ownersOnly', { list: group.slug }) };
    }
    const rows = await tx`
      select m.id, m.email, m.name, ms.mode, m.delivery_disabled_at is not null as disabled, count(*) over ()::int as total
      from memberships ms join members m on m.id = ms.member_id
      where ms.group_id = ${group.id} order by m.email limit ${WHO_LIMIT}`;
    if (rows.length === 0) return { line, result: translate(lang, 'cmd.who.empty', { list: group.slug }) };
    const total = rows[0]!.total as number;
    const languages = await memberLanguages(tx, rows.map((r) => Number(r.id)));
    const lines = rows.map((r) => `  ${r.email}${r.name ? ` (${r.name})` : ''} ${r.mode}, ${languages.get(Number(r.id)) ?? 'en'}${r.disabled ? `, ${translate(lang, 'cmd.who.disabled')}` : ''}`);
    if (total > rows.length) lines.push(`  ${translate(lang, 'cmd.who.more', { n: String(total - rows.length) })}`);
    return { line, result: [translate(lang, 'cmd.who.count', { list: group.slug, n: total }), ...lines].join('\n') };
  },

  status: async (_command, mail, tools, reader) => {
    const member = await sender(tools.tx, mail);
    if (!member) {
      return { line: 'status', result: translate(reader.lang, 'cmd.status.unknown') };
    }
    const lines = await statusLines(member.id, tools, reader);
    if (!member.delivery_disabled_at) return { line: 'status', result: lines.join('\n') };
    return { line: 'status', result: [...lines, translate(reader.lang, 'cmd.status.enable')].join('\n'), pending: { kind: 'enable-delivery' } };
  },
};

/** The lists part of "status"; consultations add theirs after it (the mail-commands manifest comes first). */
export const listsStatusSection: StatusSection = async (memberId, { tx, ctx }, reader) => {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const [m] = await tx`select email, name, country, city, timezone, delivery_disabled_at from members where id = ${memberId}`;
  if (!m) return [];
  const lists = await membershipsOf(tx, memberId);
  const lines = [t('status.address', { address: `${m.email}${m.name ? ` (${m.name})` : ''}` })];
  if (m.country) {
    const waiting = await isWaitingForChapter(tx, memberId);
    lines.push(t(waiting ? 'status.residenceWaiting' : 'status.residence', { city: m.city ?? '?', country: m.country }));
  }
  const zone = memberTimeZone(m);
  lines.push(zone ? t(m.timezone ? 'status.zone' : 'status.zoneFromResidence', { zone }) : t('status.zoneNone'));
  const language: { language?: string | null } = (await memberLanguageSources(tx, [memberId])).get(memberId) ?? {};
  lines.push(t(language.language ? 'status.language' : 'status.languageChoose', { language: languageLine(language, reader) }));
  lines.push(lists.length ? t('status.lists') : t('status.listsNone'));
  for (const l of lists) lines.push(`  ${l.slug}@${ctx.config.domain}  ${l.mode}`);
  if (m.delivery_disabled_at) {
    lines.push(t('status.deliveryDisabled', { date: readerTime(reader, m.delivery_disabled_at as Date) }));
  }
  return lines;
};

/** "fr (French, from your list)", in the reader's words: a member's language and where it was found. */
function languageLine(sources: { language?: string | null }, reader: Reader): string {
  const code = memberLanguage(sources);
  const key = { chosen: 'status.languageChosen', list: 'status.languageList', country: 'status.languageCountry', default: 'status.languageDefault' }[languageSource(sources)];
  return translate(reader.lang, key, { code, name: languageName(code, reader.lang) });
}
