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
import { translate } from '../../../shared/i18n/catalogue.ts';
import { readerOf } from '../../org/reader.ts';
import { reasonText } from '../mail/reasonText.ts';
import { consultCommandsHelp } from '../../mailCommands/commandsHelp.ts';


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
    const list = mail.address.kind === 'consult' ? mail.address.list : undefined;
    // The answer is in the sender's language (a stranger's: the list's, else English).
    const reader = await readerOf(tools.tx, mail.from, list);
    const { lang } = reader;
    const notUnderstood = fromBody.notUnderstood.map((n) => ({ line: n.line, result: reasonText(lang, n.reason) }));
    if (cut) {
      const reason = translate(lang, 'consult.restOfMail', { length: String(body.length), max: String(MAX_COMMAND_CHARS) });
      notUnderstood.push({ line: translate(lang, 'cmd.restOfMail'), result: reason });
    }
    const fromSubject = parseCommands(withoutReplyPrefixes(mail.subject));
    const subjectIsCommand = fromSubject.commands.length === 1 && fromSubject.notUnderstood.length === 0;
    const commands = [...(subjectIsCommand ? fromSubject.commands : []), ...fromBody.commands];
    if (commands.length > 0) {
      const results: CommandResult[] = [];
      for (const command of commands) results.push(await runConsultationCommand(command, mail, tools, reader));
      for (const n of notUnderstood) results.push({ line: n.line.trim().slice(0, 200), result: n.result });
      const { confirmAddress, pendingCount } = await settlePendingChanges(mail, tools, results, reader);
      await replyToSender(
        mail,
        tools,
        'consultation-commands',
        { lang, results, list, help: consultCommandsHelp(lang, tools.ctx.config.domain, list), confirmAddress, pendingCount },
        { replyTo: confirmAddress },
      );
      return { outcome: `consultation commands: ${results.map((r) => r.line).join(', ')}`.slice(0, 300) };
    }
  }
  return openConsultation(mail, tools, body);
};
