import type { Queryable } from '../../shared/db/database.ts';
import { OrgError, requireGroup } from './groups.ts';
import { canonicalAddress } from '../../shared/rules/domains.ts';
import { markReturned, membershipsOf, upsertMember, type Member, type MembershipRow } from './members.ts';
import { groupsForResidence, isWaitingForChapter, placeByResidence } from './residence.ts';
import { translate } from '../../shared/i18n/catalogue.ts';
import { DEFAULT_LANGUAGE, type Language } from '../../shared/rules/language.ts';

export interface Enrolment {
  member: Member;
  created: boolean;
  memberships: MembershipRow[];
  /** Lives where no chapter exists yet. */
  waiting: boolean;
  /** The country has no branch yet. */
  noBranch: boolean;
}

/**
 * Puts someone in the organisation as joining does: the member row (created
 * or updated), memberships by residence (international, branch, chapter),
 * then any named lists. Used by a confirmed `join` and `tacit member add`
 * (the import does the same in set form); safe to run again.
 */
export async function enrolMember(
  db: Queryable,
  input: { email: string; name?: string; country?: string | null; city?: string | null; lists?: string[] },
): Promise<Enrolment> {
  if (input.city && !input.country) throw new OrgError('a city needs a country');
  const groups = [];
  for (const slug of input.lists ?? []) groups.push(await requireGroup(db, slug));
  const [before] = await db`select 1 from members where email = ${canonicalAddress(input.email)}`;
  const member = await upsertMember(db, input);
  await markReturned(db, member.id);
  // Joining (or an operator adding them) is explicit: lists they once left by themselves count again.
  await db`
    delete from unsubscriptions u using groups g
    where u.group_id = g.id and u.member_id = ${member.id}
      and (g.level = 'international'
           or (g.level = 'national' and g.country = ${member.country})
           or (g.level = 'local' and g.country = ${member.country} and city_key(g.city) = city_key(${member.city}))
           or g.id = any(${groups.map((g) => g.id)}))`;
  await placeByResidence(db, [member.id]);
  for (const group of groups) {
    // A membership they already have keeps its mode: running this again changes nothing.
    await db`insert into memberships (group_id, member_id) values (${group.id}, ${member.id}) on conflict do nothing`;
  }
  return describeEnrolment(db, member, !before);
}

export async function describeEnrolment(db: Queryable, member: Member, created = false): Promise<Enrolment> {
  const memberships = await membershipsOf(db, member.id);
  const waiting = await isWaitingForChapter(db, member.id);
  const noBranch = member.country ? !(await groupsForResidence(db, member.country, member.city)).branch : false;
  return { member, created, memberships, waiting, noBranch };
}

/** How an enrolment reads to the member or the operator. */
export function enrolmentLines(e: Enrolment, domain: string, lang: Language = DEFAULT_LANGUAGE): string[] {
  const lines = e.memberships.length
    ? [translate(lang, 'enrol.lists'), ...e.memberships.map((m) => `  ${m.slug}@${domain}  ${m.name} (${m.mode})`)]
    : [translate(lang, 'enrol.noList')];
  if (e.noBranch) lines.push(translate(lang, 'enrol.noBranch', { country: e.member.country }));
  else if (e.waiting) lines.push(translate(lang, 'enrol.waiting', { city: e.member.city }));
  return lines;
}
