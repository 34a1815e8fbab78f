import type { Queryable } from '../../shared/db/database.ts';
import type { InboundMail } from '../../pipeline/routing/inboundMail.ts';
import { findGroup, groupTree, type Group } from '../org/groups.ts';
import { findMemberByAddress, hasRole, membershipOf, membershipsOf, type Member } from '../org/members.ts';
import { isWaitingForChapter } from '../org/residence.ts';
import { formatUtc } from '../../shared/rules/formatUtc.ts';
import { memberTimeZone } from '../../shared/rules/timeZone.ts';
import { LANGUAGES, describeLanguage } from '../../shared/rules/language.ts';
import { memberLanguageSources, memberLanguages } from '../org/memberLanguages.ts';
import { statusLines, type CommandResult, type CommandRunners, type StatusSection } from './mailCommandTables.ts';
import { modeText } from './changes.ts';

/**
 * The list commands of request@D and LIST-request@D. Anything that would
 * change a subscription is only checked here and returned as `pending`: it
 * happens when the sender confirms by replying to the results mail.
 */
const WAITING = 'Waiting for your confirmation: reply "yes" to this mail to carry it out.';
const WHO_LIMIT = 1000;

const noList = (slug: string): CommandResult => ({
  line: slug,
  result: `There is no list named ${slug}. Send "lists" to see the lists.`,
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
  lists: async (_command, mail, { tx, ctx }) => {
    const member = await sender(tx, mail);
    const mine = new Map((member ? await membershipsOf(tx, member.id) : []).map((m) => [m.group_id, m.mode]));
    const groups = await groupTree(tx);
    if (groups.length === 0) return { line: 'lists', result: 'There are no lists yet.' };
    const lines = groups.map((g) => {
      const mode = mine.get(g.id);
      const notes = [g.subscription === 'closed' ? 'closed' : '', mode ? `you: ${mode}` : ''].filter(Boolean).join(', ');
      return `${'  '.repeat(g.depth)}${g.slug}@${ctx.config.domain}  ${g.name}${notes ? ` (${notes})` : ''}`;
    });
    return { line: 'lists', result: lines.join('\n') };
  },

  join: async ({ details }, mail) => {
    if (!details.country || !details.city) {
      const problem = details.countryInput && !details.country
        ? `Tacit could not read the country "${details.countryInput}": write a two-letter code such as GB, or the country's name.`
        : 'To join, write where you live on lines of their own under "join".';
      return { line: 'join', result: `${problem}\n  Name: Your Name\n  Country: GB\n  City: London` };
    }
    const name = details.name ?? mail.fromName;
    return {
      line: `join (${details.city}, ${details.country})`,
      result: WAITING,
      pending: { kind: 'join', name, country: details.country, city: details.city },
    };
  },

  leave: async (_command, mail, { tx }) => {
    const member = await sender(tx, mail);
    const lists = member ? await membershipsOf(tx, member.id) : [];
    if (lists.length === 0) return { line: 'leave', result: 'This address is on no list.' };
    return { line: 'leave', result: `You are on ${lists.map((l) => l.slug).join(', ')}. ${WAITING}`, pending: { kind: 'leave' } };
  },

  subscribe: async ({ list, mode }, mail, { tx }) => {
    const line = `subscribe ${list}${mode === 'digest' ? ' digest' : ''}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list), line };
    const member = await sender(tx, mail);
    if (await closedTo(tx, group, member)) {
      return { line, result: `${group.slug} is a closed list: its owners add its members (write to ${group.slug}-owner@).` };
    }
    const current = member ? await membershipOf(tx, member.id, group.id) : null;
    if (current?.mode === mode) return { line, result: `You are already subscribed to ${group.slug} (${mode}).` };
    return { line, result: WAITING, pending: { kind: 'subscribe', list: group.slug, mode } };
  },

  unsubscribe: async ({ list }, mail, { tx }) => {
    const line = `unsubscribe ${list}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list), line };
    const member = await sender(tx, mail);
    if (!member || !(await membershipOf(tx, member.id, group.id))) return { line, result: `This address is not on ${group.slug}.` };
    return { line, result: WAITING, pending: { kind: 'unsubscribe', list: group.slug } };
  },

  set: async ({ list, mode }, mail, { tx }) => {
    const line = `set ${list} ${mode}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list), line };
    const member = await sender(tx, mail);
    const current = member ? await membershipOf(tx, member.id, group.id) : null;
    if (!current) return { line, result: `This address is not on ${group.slug}; send "subscribe ${group.slug}" first.` };
    if (current.mode === mode) return { line, result: `Already so: ${modeText(mode)}.` };
    return { line, result: WAITING, pending: { kind: 'set', list: group.slug, mode } };
  },

  'set-timezone': async ({ zone, input }, mail, { tx }) => {
    const line = `set timezone ${zone ?? input}`;
    if (!zone) return { line, result: `Tacit knows no time zone "${input}": write it as IANA names it, Region/City, such as Europe/Lisbon or America/New_York.` };
    const member = await sender(tx, mail);
    if (!member) return { line, result: 'This address is not a member yet: send "join" with Name:, Country: and City: lines.' };
    return { line, result: WAITING, pending: { kind: 'set-timezone', zone } };
  },

  'set-language': async ({ language, input }, mail, { tx }) => {
    const line = `set language ${language ?? input}`;
    if (!language) return { line, result: `Tacit does not write in "${input}"; it writes in ${LANGUAGES.join(', ')}.` };
    const member = await sender(tx, mail);
    if (!member) return { line, result: 'This address is not a member yet: send "join" with Name:, Country: and City: lines.' };
    return { line, result: WAITING, pending: { kind: 'set-language', language } };
  },

  move: async ({ country, city }, mail, { tx }) => {
    const line = `move ${country} ${city}`;
    const member = await sender(tx, mail);
    if (!member) return { line, result: 'This address is not a member yet: send "join" with Name:, Country: and City: lines.' };
    const [same] = await tx`select ${member.country} = ${country} and city_key(${member.city}) = city_key(${city}) as same`;
    if (same?.same) return { line, result: `You already live in ${member.city} (${member.country}) as far as Tacit knows.` };
    return { line, result: WAITING, pending: { kind: 'move', country, city } };
  },

  who: async ({ list }, mail, { tx }) => {
    const line = `who ${list}`;
    const group = await findGroup(tx, list);
    if (!group) return { ...noList(list), line };
    const member = await sender(tx, mail);
    if (!member || !(await hasRole(tx, member.id, ['owner'], group.slug))) {
      return { line, result: `Only the owners of ${group.slug} may see who is on it.` };
    }
    const rows = await tx`
      select m.id, m.email, m.name, ms.mode, m.delivery_disabled_at is not null as disabled, count(*) over ()::int as total
      from memberships ms join members m on m.id = ms.member_id
      where ms.group_id = ${group.id} order by m.email limit ${WHO_LIMIT}`;
    if (rows.length === 0) return { line, result: `${group.slug} has no members.` };
    const total = rows[0]!.total as number;
    const languages = await memberLanguages(tx, rows.map((r) => Number(r.id)));
    const lines = rows.map((r) => `  ${r.email}${r.name ? ` (${r.name})` : ''} ${r.mode}, ${languages.get(Number(r.id)) ?? 'en'}${r.disabled ? ', delivery disabled' : ''}`);
    if (total > rows.length) lines.push(`  … and ${total - rows.length} more`);
    return { line, result: [`${group.slug} has ${total} member${total === 1 ? '' : 's'}:`, ...lines].join('\n') };
  },

  status: async (_command, mail, tools) => {
    const member = await sender(tools.tx, mail);
    if (!member) {
      return { line: 'status', result: 'Tacit does not know this address. To join, send "join" with Name:, Country: and City: lines.' };
    }
    const lines = await statusLines(member.id, tools);
    if (!member.delivery_disabled_at) return { line: 'status', result: lines.join('\n') };
    return { line: 'status', result: [...lines, 'Reply to this mail to turn delivery back on.'].join('\n'), pending: { kind: 'enable-delivery' } };
  },
};

/** The lists part of "status"; consultations add theirs after it (the mail-commands manifest comes first). */
export const listsStatusSection: StatusSection = async (memberId, { tx, ctx }) => {
  const [m] = await tx`select email, name, country, city, timezone, delivery_disabled_at from members where id = ${memberId}`;
  if (!m) return [];
  const lists = await membershipsOf(tx, memberId);
  const lines = [`Address: ${m.email}${m.name ? ` (${m.name})` : ''}`];
  if (m.country) {
    const waiting = await isWaitingForChapter(tx, memberId);
    lines.push(`Residence: ${m.city ?? '?'}, ${m.country}${waiting ? ' (waiting for a chapter there)' : ''}`);
  }
  const zone = memberTimeZone(m);
  lines.push(zone ? `Time zone: ${zone}${m.timezone ? '' : ' (from your residence)'}` : 'Time zone: UTC only (send "set timezone Region/City" to see times in yours too)');
  const language: { language?: string | null } = (await memberLanguageSources(tx, [memberId])).get(memberId) ?? {};
  lines.push(`Language: ${describeLanguage(language)}${language.language ? '' : '; send "set language CODE" to choose'}`);
  lines.push(lists.length ? 'Lists:' : 'Lists: none');
  for (const l of lists) lines.push(`  ${l.slug}@${ctx.config.domain}  ${l.mode}`);
  if (m.delivery_disabled_at) {
    lines.push(`Delivery: disabled since ${formatUtc(m.delivery_disabled_at)} after repeated bounces.`);
  }
  return lines;
};
