import type { Confirmer } from '../../confirmations/confirmations.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { consultFrom } from '../replies/replyAddress.ts';
import { setCloseAlarm, setReminderAlarm } from '../alarms.ts';
import { loadConsultation } from '../consultation.ts';
import { displayId } from '../ids.ts';
import { freezeElectorateAndWriteCopies, queueMailingJob } from '../mail/mailings.ts';
import { consultationView } from '../mail/views.ts';
import { writeProxyBallots } from '../../proxies/proxyBallots.ts';
import { methodOf } from '../../../decisions/methods/index.ts';
import { partCandidate, partOfErrors } from './partOf.ts';
import { readerOf, readerTime } from '../../org/reader.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import { openedCommandsHelp } from '../../mailCommands/commandsHelp.ts';
import { reasonText } from '../mail/reasonText.ts';

/**
 * The coordinator answered the preview. Confirming freezes the electorate
 * and writes every member's copy in the same transaction (set-based), then
 * sets the alarms; a 'mailings' job streams the copies to delivery after
 * the commit. "cancel" drops the draft; nothing is ever sent for it.
 */
export const confirmOpen: Confirmer = async (confirmation, decision, mail, tools) => {
  const { tx, ctx } = tools;
  const id = Number(confirmation.payload.consultationId);
  const c = await loadConsultation(tx, id, 'update');
  if (!c || c.status !== 'draft') return { outcome: `${displayId(id)} is ${c?.status ?? 'gone'}; confirmation ignored` };
  const from = { from: consultFrom(ctx, c) };
  // The coordinator reads the answer in their language, its times on their clock beside UTC.
  const reader = await readerOf(tx, confirmation.email, c.list);
  const { lang } = reader;

  if (decision === 'cancel') {
    await tx`update consultations set status = 'cancelled', cancelled_at = now() where id = ${id}`;
    await replyToSender(mail, tools, 'consultation-notice', { lang, lines: [translate(lang, 'opened.dropped', { id: displayId(id), list: c.list })] }, from);
    return { outcome: `${displayId(id)} dropped at preview` };
  }
  const now = Date.now();
  const reminderPast = !!c.reminder_at && c.reminder_at.getTime() <= now;
  if (c.deadline.getTime() <= now) {
    await tx`update consultations set status = 'cancelled', cancelled_at = now() where id = ${id}`;
    await replyToSender(mail, tools, 'consultation-notice', {
      lang, lines: translate(lang, 'opened.tooLate', { id: displayId(id), deadline: readerTime(reader, c.deadline) }).split('\n'),
    }, from);
    return { outcome: `${displayId(id)} not opened: deadline passed` };
  }

  if (c.part_of !== null) {
    // The parent's row lock orders this open against the parent's close (which closes its open parts).
    await tx`select id from consultations where id = ${c.part_of} for share`;
    const problems = await partOfErrors(tx, c.part_of, partCandidate(c, ctx.wiring.decisionMethods), (p) => methodOf(p, ctx.wiring.decisionMethods).name);
    if (problems.length > 0) {
      await tx`update consultations set status = 'cancelled', cancelled_at = now() where id = ${id}`;
      const lines = [translate(lang, 'partOf.notOpened', { id: displayId(id) }), ...problems.map((p) => reasonText(lang, p))];
      await replyToSender(mail, tools, 'consultation-notice', { lang, lines }, from);
      return { outcome: `${displayId(id)} not opened: ${reasonText('en', problems[0]!)}`.slice(0, 300) };
    }
  }
  const electorate = await freezeElectorateAndWriteCopies(tx, c, ctx.secret);
  // A formal vote's proxies get the ballots they hold (proxies/proxyBallots.ts); a consultation ignores proxies.
  await writeProxyBallots(tools, c);
  const [opened] = await tx`
    update consultations set status = 'open', opened_at = now(), electorate_size = ${electorate},
      reminder_at = case when ${reminderPast} then null else reminder_at end
    where id = ${id} returning reminder_at`;
  await queueMailingJob(ctx, id, 'copy');
  await setCloseAlarm(ctx, id, c.deadline);
  if (opened.reminder_at) await setReminderAlarm(ctx, id, opened.reminder_at as Date);
  const view = consultationView({ ...c, reminder_at: opened.reminder_at as Date | null }, ctx.wiring.decisionMethods, lang);
  await replyToSender(mail, tools, 'consultation-opened', {
    ...view,
    deadline: readerTime(reader, c.deadline),
    reminder: opened.reminder_at ? readerTime(reader, opened.reminder_at as Date) : null,
    electorate,
    electorateText: String(electorate),
    commands: openedCommandsHelp(lang, view.id, view.countSecret === true),
  }, from);
  return { outcome: `${displayId(id)} open: ${electorate} copies written` };
};
