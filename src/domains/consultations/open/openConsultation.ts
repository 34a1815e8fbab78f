import { createConfirmation } from '../../confirmations/confirmations.ts';
import { findGroup } from '../../org/groups.ts';
import { findMemberByAddress, hasRole } from '../../org/members.ts';
import type { HandlerTools, InboundMail, RouteResult } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { renderMail } from '../../../shared/templates/render.ts';
import { consultFrom } from '../replies/replyAddress.ts';
import { loadConsultation } from '../consultation.ts';
import { decisionUrl, displayId } from '../ids.ts';
import { methodOf } from '../../../decisions/methods/index.ts';
import { parseOpenRequest, type ConsultationSpec } from '../rules/openRequest.ts';
import { consultationView, versionsView, zoneView } from '../mail/views.ts';
import { MAX_OPENING_CHARS } from '../../../shared/rules/textBounds.ts';
import { memberLanguages } from '../../org/memberLanguages.ts';
import { memberZones } from '../../org/memberZones.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import { partOfErrors } from './partOf.ts';
import { reason, type Refusal } from '../rules/reason.ts';
import { reasonText } from '../mail/reasonText.ts';
import { readerOf } from '../../org/reader.ts';

export const OPEN_PURPOSE = 'consultation-open';

/** Without a Reminder line, members who have not replied are reminded a day before the deadline. */
const DEFAULT_REMINDER_MS = 24 * 3600_000;
// Leading and inner spaces stay on their line: `\s*` would cross newlines and make these quadratic.
const REMINDER_LINE = /^[^\S\n]*remind(?:er)?[^\S\n]*:/im;
const LIST_LINE = /^[^\S\n]*(?:list|audience)[^\S\n]*:[^\S\n]*([a-z0-9][a-z0-9-]*)/im;

function defaultReminder(spec: ConsultationSpec, body: string, now: Date): Date | null {
  if (spec.reminder || REMINDER_LINE.test(body)) return spec.reminder;
  const at = new Date(spec.deadline.getTime() - DEFAULT_REMINDER_MS);
  return at.getTime() > now.getTime() + 3600_000 ? at : null;
}

/**
 * A coordinator's opening mail: read it with the rules, check who sent it
 * and to which list, store a draft and answer with a preview that is
 * exactly the members' copy. Nothing reaches members before the coordinator
 * confirms the preview. Every problem is listed in one answer.
 */
export async function openConsultation(mail: InboundMail, tools: HandlerTools, body: string): Promise<RouteResult> {
  const { tx, ctx } = tools;
  if (body.length > MAX_OPENING_CHARS) {
    return refuse(mail, tools, [reason('opening.tooLong', { length: String(body.length), max: String(MAX_OPENING_CHARS) })], addressListOf(mail));
  }
  const now = new Date();
  const addressList = addressListOf(mail);
  const parsed = parseOpenRequest({ subject: mail.subject, body, list: addressList }, now, ctx.wiring.decisionMethods);
  const listSlug = parsed.ok ? parsed.spec.list : addressList ?? LIST_LINE.exec(body)?.[1]?.toLowerCase() ?? null;

  const errors: Refusal[] = parsed.ok ? [] : [...parsed.errors];
  const sender = mail.from ? await findMemberByAddress(tx, mail.from) : null;
  const group = listSlug ? await findGroup(tx, listSlug) : null;
  if (listSlug && !group) {
    errors.unshift(reason('opening.noSuchList', { list: listSlug, domain: ctx.config.domain }));
  } else if (group && !(sender && (await hasRole(tx, sender.id, ['coordinator'], group.slug)))) {
    // Only the permission problem: a non-coordinator need not hear about the rest.
    return refuse(mail, tools, [
      mail.from ? reason('opening.notCoordinator', { address: mail.from, list: group.slug }) : reason('opening.senderNotCoordinator', { list: group.slug }),
      reason('opening.replyToCopy'),
    ], listSlug);
  }
  if (!parsed.ok || errors.length > 0 || !group || !sender) return refuse(mail, tools, errors, listSlug);

  const spec = parsed.spec;
  const methodName = spec.method ?? methodOf({ kind: spec.kind }, ctx.wiring.decisionMethods).name;
  if (spec.partOf !== undefined) {
    const problems = await partOfErrors(tx, spec.partOf, { ...spec, method: methodName, settings: spec.block, groupId: group.id }, (p) => methodOf(p, ctx.wiring.decisionMethods).name);
    if (problems.length > 0) return refuse(mail, tools, problems, listSlug);
  }
  const [{ n: electorate }] = await tx`
    select count(*)::int as n from memberships ms join members m on m.id = ms.member_id
    where ms.group_id = ${group.id} and ms.mode <> 'nomail' and m.delivery_disabled_at is null`;
  if (electorate === 0) return refuse(mail, tools, [reason('opening.nobody', { list: group.slug })], listSlug);

  const reminder = defaultReminder(spec, body, now);
  const [row] = await tx`
    insert into consultations (group_id, coordinator_id, kind, method, question, description, options, versions, block_threshold,
                               deadline, reminder_at, reminder_lead_ms, source_message_id, objections_named, part_of)
    values (${group.id}, ${sender.id}, ${spec.kind}, ${methodName}, ${spec.question}, ${spec.description}, ${tx.json(spec.options as never)},
            ${tx.json((spec.versions ?? {}) as never)},
            ${spec.block === null ? null : tx.json(spec.block as never)}, ${spec.deadline}, ${reminder},
            ${reminder ? spec.deadline.getTime() - reminder.getTime() : null}, ${mail.messageId},
            (select objections = 'named' from groups where id = ${group.id}), ${spec.partOf ?? null})
    returning id`;
  const c = (await loadConsultation(tx, row.id as number))!;
  const confirmation = await createConfirmation(tx, ctx, {
    purpose: OPEN_PURPOSE,
    email: mail.from,
    memberId: sender.id,
    payload: { consultationId: c.id },
  });
  // The coordinator reads the preview in their language, the deadline on their clock too; each member's copy has their own.
  const lang = (await memberLanguages(tx, [sender.id])).get(sender.id) ?? 'en';
  const zone = (await memberZones(tx, [sender.id])).get(sender.id) ?? null;
  const view = { ...consultationView(c, ctx.wiring.decisionMethods, lang), ...zoneView(zone, { deadline: c.deadline }, lang), askZone: false };
  // The member's own time zone and ballot code are theirs; the link to the page is the same for all.
  const url = ctx.config.publicUrl ? decisionUrl(ctx.config.publicUrl, c.id) : null;
  const copy = renderMail('consultation-copy', { ...view, memberName: sender.name, domain: ctx.config.domain, ballotCode: translate(lang, 'preview.ballotCode'), url });
  // A question given in several languages: the preview lists each version (the copy below is the coordinator's).
  await replyToSender(mail, tools, 'consultation-preview', { ...view, ...versionsView(c, lang), electorate, copySubject: copy.subject, copyText: withoutSignature(copy.text) }, {
    from: consultFrom(ctx, c),
    replyTo: confirmation.address,
  });
  return { outcome: `${displayId(c.id)} drafted for ${group.slug} (${electorate} members); preview sent` };
}

/** The copy's own signature would end the preview early in mail clients that grey out signatures. */
function withoutSignature(text: string): string {
  const cut = text.lastIndexOf('\n-- \n');
  return (cut >= 0 ? text.slice(0, cut) : text).trimEnd();
}

const addressListOf = (mail: InboundMail) => (mail.address.kind === 'consult' ? mail.address.list ?? null : null);

/** The refusal, in the sender's language (a stranger's: the list's, else English); the log keeps it in English. */
async function refuse(mail: InboundMail, tools: HandlerTools, errors: Refusal[], list: string | null): Promise<RouteResult> {
  const { lang } = await readerOf(tools.tx, mail.from, list);
  await replyToSender(mail, tools, 'consultation-open-error', { lang, errors: errors.map((e) => reasonText(lang, e)) });
  return { outcome: `consultation not opened: ${errors[0] ? reasonText('en', errors[0]) : 'unknown error'}`.slice(0, 300) };
}
