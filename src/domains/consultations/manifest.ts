import type { DomainManifest } from '../manifest.ts';
import { applyConfirmedCommand, COMMAND_APPLIER, runConsultationCommand } from './commands/consultationCommandRunner.ts';
import { consultationBatchLoaders, consultationComposers } from './mail/consultationComposers.ts';
import { confirmOpen } from './open/confirmOpen.ts';
import { consultHandler } from './open/consultHandler.ts';
import { memberStatusLines } from './commands/memberStatus.ts';
import { OPEN_PURPOSE } from './open/openConsultation.ts';
import { reconcileConsultations } from './reconcile.ts';
import { OUTCOME_MAILING } from './mail/mailings.ts';
import { outcomeMailingExpander } from './close/outcomeMailing.ts';
import { confirmHeldReply, HELD_REPLY_PURPOSE, replyHandler } from './replies/replyHandler.ts';
import { receiptComposer } from './replies/receiptComposer.ts';
import { parseCommands } from './rules/consultationCommands.ts';

/** Consultations: opening, replies, reminders, closing, commands. */
export const consultationsManifest: DomainManifest = {
  name: 'consultations',
  handlers: { consult: consultHandler, reply: replyHandler },
  confirmers: { [OPEN_PURPOSE]: confirmOpen, [HELD_REPLY_PURPOSE]: confirmHeldReply },
  composers: { ...consultationComposers, 'consultation-receipt': receiptComposer },
  batchLoaders: consultationBatchLoaders,
  expanders: { [OUTCOME_MAILING]: outcomeMailingExpander },
  lineCommands: [
    // `status C-12`, `close C-12`… sent to request@ reach us as lines the request grammar does not know.
    async (line, mail, tools, reader) => {
      const parsed = parseCommands(line);
      if (parsed.commands.length !== 1 || parsed.notUnderstood.length > 0) return null;
      return runConsultationCommand(parsed.commands[0]!, mail, tools, reader);
    },
  ],
  // extend/close/cancel from a sender that is not authenticated wait for a confirmation, then run here.
  deferredAppliers: { [COMMAND_APPLIER]: applyConfirmedCommand },
  statusSections: [(memberId, tools, reader) => memberStatusLines(tools.tx, memberId, tools.ctx.wiring.decisionMethods, reader)],
  reconcilers: [reconcileConsultations],
};
