import { withoutReplyPrefixes } from '../../../shared/rules/subjectPrefixes.ts';
import type { CommandResult } from '../../mailCommands/mailCommandTables.ts';
import { bodyTextOf, newTextOfBody } from '../../../reading/newText/replyText.ts';
import type { Handler } from '../../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../../pipeline/routing/answers/replyToSender.ts';
import { settlePendingChanges } from '../../mailCommands/pendingChanges.ts';
import { runConsultationCommand } from '../commands/consultationCommandRunner.ts';
import { openConsultation } from './openConsultation.ts';
import { parseCommands } from '../rules/consultationCommands.ts';
import { capText, MAX_COMMAND_CHARS } from '../../../shared/rules/textBounds.ts';

const tooLongReason = (length: number) =>
  `this mail is ${length} characters long; only the first ${MAX_COMMAND_CHARS} of a command mail are read.`;

/** Key lines of an opening mail (the rules' openRequest keys): such a mail is never read as commands. */
// `[^\S\n]*`, not `\s*`: a run that may cross newlines is retried from every line start (quadratic).
export const OPENING_KEY = /^[^\S\n]*(?:kind|type|method|deadline|closes|closing|until|due|reminder|remind|options|choices|block|threshold|blocking|list|audience|question|part[^\S\n]+of)\s*:/im;

/**
 * consult@D and LIST-consult@D: a mail with key lines opens a consultation;
 * a mail of command lines (status C-12, close C-12…) runs them. Either way
 * the sender gets one answer; bounces and auto-replies get none.
 */
export const consultHandler: Handler = async (mail, tools) => {
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} ignored` };
  // No single From to act for or to ask: neither an opening nor a command.
  if (mail.authority.level === 'nothing') return { outcome: `refused: ${mail.authority.reason}` };
  const body = bodyTextOf(mail.parsed);
  if (!OPENING_KEY.test(body)) {
    const { text: commandText, cut } = capText(body, MAX_COMMAND_CHARS);
    const fromBody = parseCommands(newTextOfBody(commandText));
    if (cut) fromBody.notUnderstood.push({ line: '(the rest of the mail)', reason: tooLongReason(body.length) });
    const fromSubject = parseCommands(withoutReplyPrefixes(mail.subject));
    const subjectIsCommand = fromSubject.commands.length === 1 && fromSubject.notUnderstood.length === 0;
    const commands = [...(subjectIsCommand ? fromSubject.commands : []), ...fromBody.commands];
    if (commands.length > 0) {
      const results: CommandResult[] = [];
      for (const command of commands) results.push(await runConsultationCommand(command, mail, tools));
      for (const n of fromBody.notUnderstood) results.push({ line: n.line.trim().slice(0, 200), result: n.reason });
      const { confirmAddress, pendingCount } = await settlePendingChanges(mail, tools, results);
      await replyToSender(
        mail,
        tools,
        'consultation-commands',
        { results, list: mail.address.kind === 'consult' ? mail.address.list : undefined, confirmAddress, pendingCount },
        { replyTo: confirmAddress },
      );
      return { outcome: `consultation commands: ${results.map((r) => r.line).join(', ')}`.slice(0, 300) };
    }
  }
  return openConsultation(mail, tools, body);
};
