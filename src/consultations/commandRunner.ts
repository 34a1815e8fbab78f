import type { CommandResult } from '../commands/commandRunners.ts';
import { findMemberByAddress, hasRole, type Member } from '../org/members.ts';
import type { HandlerTools, InboundMail } from '../routing/inboundMail.ts';
import { closeInTransaction } from './close.ts';
import { loadConsultation, type Consultation } from './consultation.ts';
import { cancelConsultation, extendDeadline } from './extend.ts';
import { displayId, numericId } from './ids.ts';
import { memberStatusFor, memberStatusLines } from './memberStatus.ts';
import { countConsultation, type Outcome } from './outcome.ts';
import { outcomeLines } from './outcomeView.ts';
import type { ConsultationCommand } from './rules/commands.ts';
import { formatUtc, isWhenError, parseExtension } from './rules/deadline.ts';

/**
 * Runs one consultation command mailed to consult@ or request@. Coordinators
 * of the consultation's list may do everything; a member may ask `status`
 * (what Tacit recorded for them) and see a closed consultation's results.
 * Every answer is one line or a few, gathered into the results mail.
 */
export async function runConsultationCommand(command: ConsultationCommand, mail: InboundMail, tools: HandlerTools): Promise<CommandResult> {
  const line = command.name === 'extend' ? `extend ${command.id} ${command.when}` : `${command.name}${command.id ? ` ${command.id}` : ''}`;
  const answer = (result: string): CommandResult => ({ line, result });
  const { tx } = tools;
  const sender = mail.from ? await findMemberByAddress(tx, mail.from) : null;
  if (!sender) return answer(`${mail.from || 'This address'} is not a member address on ${tools.ctx.config.domain}.`);

  if (command.name === 'status' && command.id === null) return answer((await memberStatusLines(tx, sender.id)).join('\n'));

  const id = numericId(command.id!);
  const mutating = command.name === 'extend' || command.name === 'close' || command.name === 'cancel';
  const c = id ? await loadConsultation(tx, id, mutating ? 'update' : undefined) : null;
  if (!c || c.status === 'draft') return answer(`There is no consultation ${command.id}.`);
  const coordinator = await hasRole(tx, sender.id, ['coordinator'], c.list);

  if (!coordinator) {
    if (command.name === 'status') {
      const mine = await memberStatusFor(tx, c.id, sender.id);
      if (mine) return answer(mine);
    }
    if (command.name === 'results' && c.status === 'closed' && c.outcome) return answer(outcomeLines(c.outcome as Outcome, c).join('\n'));
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
  }
}

async function coordinatorStatus({ tx }: HandlerTools, c: Consultation): Promise<string> {
  const head = `${displayId(c.id)} (${c.list}) "${c.question}": ${c.status}`;
  if (c.status === 'cancelled') return `${head} at ${formatUtc(c.cancelled_at!)}.`;
  if (c.status === 'closed') return [`${head} at ${formatUtc(c.closed_at!)}.`, ...outcomeLines(c.outcome as Outcome, c)].join('\n');
  const tally = await countConsultation(tx, c, false);
  // Members whose latest reply could not be read: coordinators may want to ask them.
  const unreadable = await tx`
    select e.email from consultation_electorate e join consultation_replies r on r.id = e.latest_reply_id
    where e.consultation_id = ${c.id} and not r.readable order by e.email limit 50`;
  return [
    `${head}, closes ${formatUtc(c.deadline)}${c.reminder_at ? `, reminder ${formatUtc(c.reminder_at)}${c.reminded_for ? ' (sent)' : ''}` : ''}.`,
    `Electorate ${tally.electorate}: replied ${tally.buckets.replied}, not replied yet ${tally.buckets.silent}` +
      `${tally.unreadable ? ` (of which ${tally.unreadable} unreadable)` : ''}, unreachable ${tally.buckets.unreachable}, away ${tally.buckets.away}.`,
    ...(unreadable.length > 0 ? [`Replies Tacit could not read (told how to answer): ${unreadable.map((r) => r.email as string).join(', ')}.`] : []),
  ].join('\n');
}

async function results({ tx }: HandlerTools, c: Consultation): Promise<string> {
  if (c.status === 'cancelled') return `${displayId(c.id)} was cancelled; nothing was counted.`;
  if (c.status === 'closed') return [`${displayId(c.id)} closed at ${formatUtc(c.closed_at!)}. Final outcome:`, ...outcomeLines(c.outcome as Outcome, c)].join('\n');
  const tally = await countConsultation(tx, c, false);
  return [
    `PROVISIONAL: ${displayId(c.id)} is open until ${formatUtc(c.deadline)}; this is what it would be if it closed now`,
    '(members who have not replied count as silent, that is, consenting).',
    ...outcomeLines(tally, c),
  ].join('\n');
}

async function extend(tools: HandlerTools, c: Consultation, when: string): Promise<string> {
  if (c.status !== 'open') return `${displayId(c.id)} is ${c.status}; only an open consultation can be extended.`;
  const deadline = parseExtension(when, c.deadline, new Date());
  if (isWhenError(deadline)) return `Not extended: ${deadline.error}`;
  const { reminder, notified } = await extendDeadline(tools.tx, tools.ctx, c, deadline);
  return `${displayId(c.id)} now closes at ${formatUtc(deadline)}${reminder ? `; reminder at ${formatUtc(reminder)}` : ''}. ` +
    `${notified} ${notified === 1 ? 'member is' : 'members are'} told the new deadline.`;
}

async function closeNow(tools: HandlerTools, c: Consultation): Promise<string> {
  if (c.status !== 'open') return `${displayId(c.id)} is already ${c.status}.`;
  await tools.tx`update consultations set deadline = least(deadline, now()) where id = ${c.id}`;
  const result = await closeInTransaction(tools.tx, tools.ctx, c.id);
  if (!result.closed) return `${displayId(c.id)} was not closed: ${result.reason}.`;
  return [`${displayId(c.id)} is closed. The outcome is mailed to ${c.list} and to you:`, ...outcomeLines(result.outcome, c)].join('\n');
}

async function cancel(tools: HandlerTools, c: Consultation, sender: Member): Promise<string> {
  if (c.status !== 'open') return `${displayId(c.id)} is ${c.status}; only an open consultation can be cancelled.`;
  const notified = await cancelConsultation(tools.tx, tools.ctx, c);
  tools.ctx.log.info({ consultation: c.id, by: sender.email }, 'consultation cancelled');
  return `${displayId(c.id)} is cancelled; nothing will be counted. ${notified} ${notified === 1 ? 'member is' : 'members are'} told.`;
}
