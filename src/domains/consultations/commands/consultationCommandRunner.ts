import type { CommandResult } from '../../mailCommands/mailCommandTables.ts';
import { findMemberByAddress, hasRole, type Member } from '../../org/members.ts';
import type { HandlerTools, InboundMail } from '../../../pipeline/routing/inboundMail.ts';
import { closeInTransaction } from '../close/close.ts';
import { loadConsultation, type Consultation } from '../consultation.ts';
import { cancelConsultation, extendDeadline } from './extend.ts';
import { displayId, numericId } from '../ids.ts';
import { memberStatusFor, memberStatusLines } from './memberStatus.ts';
import { countConsultation, type Outcome } from '../close/outcome.ts';
import { outcomeLines, repliedFigure, secretCountLines } from '../close/outcomeView.ts';
import { countVisible, turnoutOnly } from '../rules/countVisible.ts';
import type { ConsultationCommand } from '../rules/consultationCommands.ts';
import { sendTallySheet } from '../close/tallyCommand.ts';
import { formatUtc } from '../../../shared/rules/formatUtc.ts';
import { isWhenError, parseExtension } from '../rules/deadline.ts';

export const COMMAND_APPLIER = 'consultation-command';
const WAITING = 'Waiting for your confirmation: reply "yes" to this mail to carry it out.';

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
export async function runConsultationCommand(command: ConsultationCommand, mail: InboundMail, tools: HandlerTools): Promise<CommandResult> {
  const line = commandLine(command);
  if (!isMutating(command)) return runAs(command, mail.from, tools, mail);
  const { level, reason } = mail.authority;
  if (level === 'nothing') return { line, result: `Not done: Tacit cannot tell who sent this message (${reason}).` };
  const checked = await checkCoordinator(command, mail.from, tools);
  if (checked.refusal) return { line, result: checked.refusal };
  const c = checked.consultation!;
  const seen = changedBy.get(mail) ?? new Set<number>();
  changedBy.set(mail, seen);
  if (seen.has(c.id)) return { line, result: `Not done: one message changes ${displayId(c.id)} once; send this again on its own.` };
  seen.add(c.id);
  if (level === 'act') return runAs(command, mail.from, tools);
  return { line, result: WAITING, pending: { kind: 'deferred', applier: COMMAND_APPLIER, line, data: { command } } };
}

/** A confirmed consultation command: carried out for the address that confirmed it, with every check made again. */
export async function applyConfirmedCommand(data: Record<string, unknown>, email: string, tools: HandlerTools): Promise<string> {
  return (await runAs(data.command as ConsultationCommand, email, tools)).result;
}

function isMutating(command: ConsultationCommand): boolean {
  return command.name === 'extend' || command.name === 'close' || command.name === 'cancel';
}

function commandLine(command: ConsultationCommand): string {
  return command.name === 'extend' ? `extend ${command.id} ${command.when}` : `${command.name}${command.id ? ` ${command.id}` : ''}`;
}

/** For a state change: the consultation, if `email` is one of its coordinators; otherwise why not. */
async function checkCoordinator(command: ConsultationCommand, email: string, { tx, ctx }: HandlerTools): Promise<{ refusal?: string; consultation?: Consultation }> {
  const sender = email ? await findMemberByAddress(tx, email) : null;
  if (!sender) return { refusal: `${email || 'This address'} is not a member address on ${ctx.config.domain}.` };
  const id = command.id ? numericId(command.id) : null;
  const c = id ? await loadConsultation(tx, id) : null;
  if (!c || c.status === 'draft') return { refusal: `There is no consultation ${command.id}.` };
  if (!(await hasRole(tx, sender.id, ['coordinator'], c.list))) return { refusal: `Only coordinators of ${c.list} may ${command.name} ${displayId(c.id)}.` };
  return { consultation: c };
}

/** Runs `command` for `email`; `mail` is the message asking, when the command is not a confirmed change. */
async function runAs(command: ConsultationCommand, email: string, tools: HandlerTools, mail?: InboundMail): Promise<CommandResult> {
  const line = commandLine(command);
  const answer = (result: string): CommandResult => ({ line, result });
  const { tx } = tools;
  const sender = email ? await findMemberByAddress(tx, email) : null;
  if (!sender) return answer(`${email || 'This address'} is not a member address on ${tools.ctx.config.domain}.`);

  if (command.name === 'status' && command.id === null) return answer((await memberStatusLines(tx, sender.id, tools.ctx.wiring.decisionMethods)).join('\n'));

  const id = numericId(command.id!);
  const c = id ? await loadConsultation(tx, id, isMutating(command) ? 'update' : undefined) : null;
  if (!c || c.status === 'draft') return answer(`There is no consultation ${command.id}.`);
  const coordinator = await hasRole(tx, sender.id, ['coordinator'], c.list);
  // The sheet goes back to the asking member as an attachment, in a mail of its own (never a deferred change).
  if (command.name === 'tally' && mail) return answer(await sendTallySheet(mail, tools, c, sender.id, coordinator));

  if (!coordinator) {
    if (command.name === 'status') {
      const mine = await memberStatusFor(tx, c.id, sender.id, tools.ctx.wiring.decisionMethods);
      if (mine) return answer(mine);
    }
    if (command.name === 'results' && c.status === 'closed' && c.outcome) return answer(outcomeLines(c.outcome as Outcome, c, tools.ctx.wiring.decisionMethods).join('\n'));
    return answer(`Only coordinators of ${c.list} may ${command.name} ${displayId(c.id)}.`);
  }

  switch (command.name) {
    case 'status':
      return answer(await coordinatorStatus(tools, c));
    case 'results':
      return answer(await results(tools, c));
    case 'extend':
      return answer(await extend(tools, c, command.when));
    case 'close':
      return answer(await closeNow(tools, c));
    case 'cancel':
      return answer(await cancel(tools, c, sender));
    case 'tally':
      return answer('The tally sheet is sent in answer to a mail asking for it.');
  }
}

async function coordinatorStatus({ tx, ctx }: HandlerTools, c: Consultation): Promise<string> {
  const head = `${displayId(c.id)} (${c.list}) "${c.question}": ${c.status}`;
  if (c.status === 'cancelled') return `${head} at ${formatUtc(c.cancelled_at!)}.`;
  if (c.status === 'closed') return [`${head} at ${formatUtc(c.closed_at!)}.`, ...outcomeLines(c.outcome as Outcome, c, ctx.wiring.decisionMethods)].join('\n');
  const tally = await countConsultation(tx, c, false, ctx.wiring.decisionMethods);
  // Members whose latest reply could not be read: coordinators may want to ask them.
  const unreadable = await tx`
    select e.email from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${c.id} and not r.readable order by e.email limit 50`;
  return [
    `${head}, closes ${formatUtc(c.deadline)}${c.reminder_at ? `, reminder ${formatUtc(c.reminder_at)}${c.reminded_for ? ' (sent)' : ''}` : ''}.`,
    `${repliedFigure(tally.buckets.replied, tally.electorate, tally.unreadable)}; not replied yet ${tally.buckets.silent - tally.unreadable}` +
      `, unreachable ${tally.buckets.unreachable}, away ${tally.buckets.away}.`,
    ...(unreadable.length > 0 ? [`Replies Tacit could not read (told how to answer): ${unreadable.map((r) => r.email as string).join(', ')}.`] : []),
  ].join('\n');
}

async function results({ tx, ctx }: HandlerTools, c: Consultation): Promise<string> {
  if (c.status === 'cancelled') return `${displayId(c.id)} was cancelled; nothing was counted.`;
  if (c.status === 'closed') return [`${displayId(c.id)} closed at ${formatUtc(c.closed_at!)}. Final outcome:`, ...outcomeLines(c.outcome as Outcome, c, ctx.wiring.decisionMethods)].join('\n');
  const tally = await countConsultation(tx, c, false, ctx.wiring.decisionMethods);
  if (!countVisible(c, ctx.wiring.decisionMethods)) {
    return [`${displayId(c.id)} is open until ${formatUtc(c.deadline)}.`, ...secretCountLines(turnoutOnly(tally))].join('\n');
  }
  return [
    `PROVISIONAL: ${displayId(c.id)} is open until ${formatUtc(c.deadline)}; this is what it would be if it closed now`,
    '(members who have not replied count as silent, that is, consenting).',
    ...outcomeLines(tally, c, ctx.wiring.decisionMethods),
  ].join('\n');
}

async function extend(tools: HandlerTools, c: Consultation, when: string): Promise<string> {
  if (c.status !== 'open') return `${displayId(c.id)} is ${c.status}; only an open consultation can be extended.`;
  const deadline = parseExtension(when, c.deadline, new Date());
  if (isWhenError(deadline)) return `Not extended: ${deadline.error}`;
  // A part closes no later than its parent (issue 22 item 3): the parent's close then finds its ballots final.
  if (c.part_of !== null) {
    const [parent] = await tools.tx`select deadline from consultations where id = ${c.part_of}`;
    if (parent && deadline.getTime() > (parent.deadline as Date).getTime()) {
      return `Not extended: ${displayId(c.id)} is part of ${displayId(c.part_of)}, which closes at ${formatUtc(parent.deadline as Date)}; a part may not close later than its parent.`;
    }
  }
  const { reminder, notified } = await extendDeadline(tools.tx, tools.ctx, c, deadline);
  return `${displayId(c.id)} now closes at ${formatUtc(deadline)}${reminder ? `; reminder at ${formatUtc(reminder)}` : ''}. ` +
    `${notified} ${notified === 1 ? 'member is' : 'members are'} told the new deadline.`;
}

async function closeNow(tools: HandlerTools, c: Consultation): Promise<string> {
  if (c.status !== 'open') return `${displayId(c.id)} is already ${c.status}.`;
  const result = await closeInTransaction(tools.tx, tools.ctx, c.id, { early: true });
  if (!result.closed) return `${displayId(c.id)} was not closed: ${result.reason}.`;
  return [`${displayId(c.id)} is closed. The outcome is mailed to ${c.list} and to you:`, ...outcomeLines(result.outcome, c, tools.ctx.wiring.decisionMethods)].join('\n');
}

async function cancel(tools: HandlerTools, c: Consultation, sender: Member): Promise<string> {
  if (c.status !== 'open') return `${displayId(c.id)} is ${c.status}; only an open consultation can be cancelled.`;
  const notified = await cancelConsultation(tools.tx, tools.ctx, c);
  tools.ctx.log.info({ consultation: c.id, by: sender.email }, 'consultation cancelled');
  return `${displayId(c.id)} is cancelled; nothing will be counted. ${notified} ${notified === 1 ? 'member is' : 'members are'} told.`;
}
