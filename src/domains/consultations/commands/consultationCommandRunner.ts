import type { CommandResult } from '../../mailCommands/mailCommandTables.ts';
import { findMemberByAddress, hasRole, type Member } from '../../org/members.ts';
import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { closeInTransaction } from '../close/close.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import { cancelConsultation, extendDeadline } from './extend.ts';
import { displayId, numericId } from '../ids.ts';
import { memberStatusFor, memberStatusLines } from './memberStatus.ts';
import { countConsultation, type Outcome } from '../close/outcome.ts';
import { outcomeLines, secretCountLines } from '../close/outcomeView.ts';
import { countVisible, turnoutOnly } from '../rules/countVisible.ts';
import type { ConsultationCommand } from '../rules/consultationCommands.ts';
import { sendTallySheet } from '../close/tallyCommand.ts';
import { isWhenError, parseExtension } from '../rules/deadline.ts';
import type { Language } from '../../../shared/rules/language.ts';
import { translate } from '../../../shared/i18n/catalogue.ts';
import { reasonText } from '../mail/reasonText.ts';
import { ENGLISH_READER, readerTime, type Reader } from '../../org/reader.ts';

export const COMMAND_APPLIER = 'consultation-command';

// The consultations one message has already changed (or asked to change):
// one state change per consultation per message, so 200 "extend" lines are one.
const changedBy = new WeakMap<InboundMail, Set<number>>();

/**
 * Runs one consultation command mailed to consult@ or request@. Coordinators
 * of the consultation's list may do everything; a member may ask `status`
 * (what Tacit recorded for them) and see a closed consultation's results.
 * `extend`, `close` and `cancel` act at once only for an authenticated
 * sender (aligned DKIM or DMARC pass); otherwise they become a change that
 * waits for the From address to confirm. Every answer is one line or a few,
 * gathered into the results mail.
 */
export async function runConsultationCommand(command: ConsultationCommand, mail: InboundMail, tools: HandlerTools, reader: Reader): Promise<CommandResult> {
  const line = commandLine(command);
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  if (!isMutating(command)) return runAs(command, mail.from, tools, reader, mail);
  const { level, reason } = mail.authority;
  if (level === 'nothing') return { line, result: t('cmd.unknownSender', { reason }) };
  const checked = await checkCoordinator(command, mail.from, tools, reader);
  if (checked.refusal) return { line, result: checked.refusal };
  const c = checked.consultation!;
  const seen = changedBy.get(mail) ?? new Set<number>();
  changedBy.set(mail, seen);
  if (seen.has(c.id)) return { line, result: t('consult.onceAMessage', { id: displayId(c.id) }) };
  seen.add(c.id);
  if (level === 'act') return runAs(command, mail.from, tools, reader);
  return { line, result: t('cmd.waiting'), pending: { kind: 'deferred', applier: COMMAND_APPLIER, line, data: { command } } };
}

/** A confirmed consultation command: carried out for the address that confirmed it, with every check made again. */
export async function applyConfirmedCommand(data: Record<string, unknown>, email: string, tools: HandlerTools, reader: Reader = ENGLISH_READER): Promise<string> {
  return (await runAs(data.command as ConsultationCommand, email, tools, reader)).result;
}

function isMutating(command: ConsultationCommand): boolean {
  return command.name === 'extend' || command.name === 'close' || command.name === 'cancel';
}

function commandLine(command: ConsultationCommand): string {
  return command.name === 'extend' ? `extend ${command.id} ${command.when}` : `${command.name}${command.id ? ` ${command.id}` : ''}`;
}

/** For a state change: the consultation, if `email` is one of its coordinators; otherwise why not. */
async function checkCoordinator(command: ConsultationCommand, email: string, { tx, ctx }: HandlerTools, { lang }: Reader): Promise<{ refusal?: string; consultation?: Consultation }> {
  const sender = email ? await findMemberByAddress(tx, email) : null;
  if (!sender) return { refusal: notMember(email, ctx.config.domain, lang) };
  const id = command.id ? numericId(command.id) : null;
  const c = id ? await loadConsultation(tx, id) : null;
  if (!c || c.status === 'draft') return { refusal: translate(lang, 'consult.noSuch', { id: command.id }) };
  if (!(await hasRole(tx, sender.id, ['coordinator'], c.list))) return { refusal: coordinatorsOnly(command, c, lang) };
  return { consultation: c };
}

const notMember = (email: string, domain: string, lang: Language) =>
  email ? translate(lang, 'consult.notMember', { address: email, domain }) : translate(lang, 'consult.thisNotMember', { domain });

const coordinatorsOnly = (command: ConsultationCommand, c: Consultation, lang: Language) =>
  translate(lang, 'consult.coordinatorsOnly', { list: c.list, command: command.name, id: displayId(c.id) });

/** "open", "closed", "cancelled" in the reader's words. */
const stateWord = (c: Consultation, lang: Language) => translate(lang, 'consult.state', { state: c.status });

/** Runs `command` for `email`; `mail` is the message asking, when the command is not a confirmed change. */
async function runAs(command: ConsultationCommand, email: string, tools: HandlerTools, reader: Reader, mail?: InboundMail): Promise<CommandResult> {
  const line = commandLine(command);
  const answer = (result: string): CommandResult => ({ line, result });
  const { tx } = tools;
  const { lang } = reader;
  const sender = email ? await findMemberByAddress(tx, email) : null;
  if (!sender) return answer(notMember(email, tools.ctx.config.domain, lang));

  if (command.name === 'status' && command.id === null) return answer((await memberStatusLines(tx, sender.id, tools.ctx.wiring.decisionMethods, reader)).join('\n'));

  const id = numericId(command.id!);
  const c = id ? await loadConsultation(tx, id, isMutating(command) ? 'update' : undefined) : null;
  if (!c || c.status === 'draft') return answer(translate(lang, 'consult.noSuch', { id: command.id }));
  const coordinator = await hasRole(tx, sender.id, ['coordinator'], c.list);
  // The sheet goes back to the asking member as an attachment, in a mail of its own (never a deferred change).
  if (command.name === 'tally' && mail) return answer(await sendTallySheet(mail, tools, c, sender.id, coordinator, lang));

  if (!coordinator) {
    if (command.name === 'status') {
      const mine = await memberStatusFor(tx, c.id, sender.id, tools.ctx.wiring.decisionMethods, reader);
      if (mine) return answer(mine);
    }
    if (command.name === 'results' && c.status === 'closed' && c.outcome) return answer(outcomeLines(c.outcome as Outcome, c, tools.ctx.wiring.decisionMethods, lang).join('\n'));
    return answer(coordinatorsOnly(command, c, lang));
  }

  switch (command.name) {
    case 'status':
      return answer(await coordinatorStatus(tools, c, reader));
    case 'results':
      return answer(await results(tools, c, reader));
    case 'extend':
      return answer(await extend(tools, c, command.when, reader));
    case 'close':
      return answer(await closeNow(tools, c, reader));
    case 'cancel':
      return answer(await cancel(tools, c, sender, reader));
    case 'tally':
      return answer(translate(lang, 'consult.tallyByMail'));
  }
}

async function coordinatorStatus({ tx, ctx }: HandlerTools, c: Consultation, reader: Reader): Promise<string> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const when = (date: Date) => readerTime(reader, date);
  const head = { id: displayId(c.id), list: c.list, question: c.question, state: stateWord(c, reader.lang) };
  if (c.status === 'cancelled') return t('consult.endedAt', { ...head, time: when(c.cancelled_at!) });
  if (c.status === 'closed') return [t('consult.endedAt', { ...head, time: when(c.closed_at!) }), ...outcomeLines(c.outcome as Outcome, c, ctx.wiring.decisionMethods, reader.lang)].join('\n');
  const tally = await countConsultation(tx, c, false, ctx.wiring.decisionMethods);
  // Members whose latest reply could not be read: coordinators may want to ask them.
  const unreadable = await tx`
    select e.email from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${c.id} and not r.readable order by e.email limit 50`;
  const replied = t(tally.unreadable ? 'turnout.repliedUnreadable' : 'turnout.replied', { replied: String(tally.buckets.replied), electorate: String(tally.electorate), unreadable: String(tally.unreadable) });
  return [
    c.reminder_at
      ? t('consult.openReminder', { ...head, deadline: when(c.deadline), reminder: when(c.reminder_at), sent: c.reminded_for ? 'yes' : 'no' })
      : t('consult.openUntil', { ...head, deadline: when(c.deadline) }),
    t('consult.figures', {
      replied, silent: String(tally.buckets.silent - tally.unreadable), unreachable: String(tally.buckets.unreachable), away: String(tally.buckets.away),
    }),
    ...(unreadable.length > 0 ? [t('consult.unreadable', { emails: unreadable.map((r) => r.email as string).join(', ') })] : []),
  ].join('\n');
}

async function results({ tx, ctx }: HandlerTools, c: Consultation, reader: Reader): Promise<string> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const id = displayId(c.id);
  if (c.status === 'cancelled') return t('consult.wasCancelled', { id });
  if (c.status === 'closed') return [t('consult.closedFinal', { id, time: readerTime(reader, c.closed_at!) }), ...outcomeLines(c.outcome as Outcome, c, ctx.wiring.decisionMethods, reader.lang)].join('\n');
  const tally = await countConsultation(tx, c, false, ctx.wiring.decisionMethods);
  const deadline = readerTime(reader, c.deadline);
  if (!countVisible(c, ctx.wiring.decisionMethods)) {
    return [t('consult.openUntilSecret', { id, deadline }), ...secretCountLines(turnoutOnly(tally), reader.lang)].join('\n');
  }
  return [t('consult.provisional', { id, deadline }), ...outcomeLines(tally, c, ctx.wiring.decisionMethods, reader.lang)].join('\n');
}

async function extend(tools: HandlerTools, c: Consultation, when: string, reader: Reader): Promise<string> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const id = displayId(c.id);
  if (c.status !== 'open') return t('consult.notExtendable', { id, state: stateWord(c, reader.lang) });
  const deadline = parseExtension(when, c.deadline, new Date());
  if (isWhenError(deadline)) return t('consult.notExtended', { error: reasonText(reader.lang, deadline.error) });
  // A part closes no later than its parent (issue 22 item 3): the parent's close then finds its ballots final.
  if (c.part_of !== null) {
    const [parent] = await tools.tx`select deadline from consultations where id = ${c.part_of}`;
    if (parent && deadline.getTime() > (parent.deadline as Date).getTime()) {
      return t('consult.notExtendedPastParent', { id, parent: displayId(c.part_of), deadline: readerTime(reader, parent.deadline as Date) });
    }
  }
  const { reminder, notified } = await extendDeadline(tools.tx, tools.ctx, c, deadline);
  const values = { id, deadline: readerTime(reader, deadline), n: notified };
  return reminder ? t('consult.extendedReminder', { ...values, reminder: readerTime(reader, reminder) }) : t('consult.extended', values);
}

async function closeNow(tools: HandlerTools, c: Consultation, reader: Reader): Promise<string> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const id = displayId(c.id);
  if (c.status !== 'open') return t('consult.alreadyEnded', { id, state: stateWord(c, reader.lang) });
  const result = await closeInTransaction(tools.tx, tools.ctx, c.id, { early: true });
  if (!result.closed) return t('consult.notClosed', { id, reason: result.reason });
  return [t('consult.closed', { id, list: c.list }), ...outcomeLines(result.outcome, c, tools.ctx.wiring.decisionMethods, reader.lang)].join('\n');
}

async function cancel(tools: HandlerTools, c: Consultation, sender: Member, reader: Reader): Promise<string> {
  const t = (key: string, values?: Record<string, unknown>) => translate(reader.lang, key, values);
  const id = displayId(c.id);
  if (c.status !== 'open') return t('consult.notCancellable', { id, state: stateWord(c, reader.lang) });
  const notified = await cancelConsultation(tools.tx, tools.ctx, c);
  tools.ctx.log.info({ consultation: c.id, by: sender.email }, 'consultation cancelled');
  return t('consult.cancelled', { id, n: notified });
}
