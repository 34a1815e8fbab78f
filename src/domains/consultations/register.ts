import { registerLineCommand, registerStatusSection } from '../mailCommands/mailCommandRegistry.ts';
import { registerConfirmer } from '../confirmations/confirmations.ts';
import { registerReconciler } from '../../shared/queue/reconcilerRegistry.ts';
import { registerHandler, routeInTransaction } from '../../pipeline/routing/router.ts';
import { applyConfirmedCommand, COMMAND_APPLIER, runConsultationCommand } from './commands/consultationCommandRunner.ts';
import { registerDeferredChange } from '../mailCommands/changes.ts';
import { registerConsultationComposers } from './mail/consultationComposers.ts';
import { confirmOpen } from './open/confirmOpen.ts';
import { consultHandler } from './open/consultHandler.ts';
import { memberStatusLines } from './commands/memberStatus.ts';
import { OPEN_PURPOSE } from './open/openConsultation.ts';
import { reconcileConsultations } from './reconcile.ts';
import { OUTCOME_MAILING } from './mail/mailings.ts';
import { outcomeMailingExpander } from './close/outcomeMailing.ts';
import { registerExpander } from '../../pipeline/outbound/expand.ts';
import { confirmHeldReply, HELD_REPLY_PURPOSE, replyHandler } from './replies/replyHandler.ts';
import { parseCommands } from './rules/consultationCommands.ts';
import { setReplyRouter } from './replyRouting.ts';

/** Consultations: opening, replies, reminders, closing, commands. */
export function registerConsultationsDomain(): void {
  registerHandler('consult', consultHandler);
  registerHandler('reply', replyHandler);
  registerConfirmer(OPEN_PURPOSE, confirmOpen);
  registerConfirmer(HELD_REPLY_PURPOSE, confirmHeldReply);
  registerConsultationComposers();
  registerExpander(OUTCOME_MAILING, outcomeMailingExpander);
  // `status C-12`, `close C-12`… sent to request@ reach us as lines the request grammar does not know.
  registerLineCommand(async (line, mail, tools) => {
    const parsed = parseCommands(line);
    if (parsed.commands.length !== 1 || parsed.notUnderstood.length > 0) return null;
    return runConsultationCommand(parsed.commands[0]!, mail, tools);
  });
  // extend/close/cancel from a sender that is not authenticated wait for a confirmation, then run here.
  registerDeferredChange(COMMAND_APPLIER, applyConfirmedCommand);
  registerStatusSection((memberId, tools) => memberStatusLines(tools.tx, memberId, tools.ctx.wiring.decisionMethods));
  registerReconciler(reconcileConsultations);
  // Closing routes the replies received in time that still wait in the route queue.
  setReplyRouter(routeInTransaction);
}
