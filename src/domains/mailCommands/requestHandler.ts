import { parseRequestCommands } from '../../shared/rules/requestCommands.ts';
import { capText, MAX_COMMAND_CHARS } from '../../shared/rules/textBounds.ts';
import { bodyTextOf } from '../../reading/newText/replyText.ts';
import type { Handler } from '../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { describeCommand, tryLineCommands, type CommandResult } from './mailCommandTables.ts';
import { settlePendingChanges } from './pendingChanges.ts';
import { commandsHelp } from './commandsHelp.ts';
import { readerOf } from '../org/reader.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

export { COMMANDS_PURPOSE } from './pendingChanges.ts';

/**
 * request@D and LIST-request@D: read the commands, run each, and answer with
 * one results mail. Unknown commands get the help text, never silence;
 * bounces and auto-replies get nothing at all. Changes (subscriptions,
 * consultation commands) happen at once for an authenticated sender, else
 * wait for one confirmation: the results mail is its Reply-To.
 */
export const requestHandler: Handler = async (mail, tools) => {
  if (mail.kind !== 'ordinary') return { outcome: `${mail.kind} ignored` };
  // No single From to act for or to answer: one message must not make Tacit mail several strangers.
  if (mail.authority.level === 'nothing') return { outcome: `refused: ${mail.authority.reason}` };
  const body = bodyTextOf(mail.parsed);
  const defaultList = 'list' in mail.address ? mail.address.list : undefined;
  const { text: commandText, cut } = capText(body, MAX_COMMAND_CHARS);
  const parsed = parseRequestCommands({ subject: mail.subject, body: commandText, defaultList });
  // The answer is in the sender's language (a stranger's: the list's, else English).
  const reader = await readerOf(tools.tx, mail.from, defaultList);
  const lang = reader.lang;

  const results: CommandResult[] = [];
  for (const command of parsed.commands) {
    const runner = tools.ctx.wiring.commandRunners.get(command.kind);
    results.push(
      runner
        ? await runner(command, mail, tools, reader)
        : { line: describeCommand(command), result: translate(lang, 'cmd.notAvailable') },
    );
  }
  const unknown: string[] = [];
  for (const line of parsed.unknown) {
    const result = await tryLineCommands(line, mail, tools, reader);
    if (result) results.push(result);
    else unknown.push(line);
  }

  if (cut) {
    results.push({
      line: translate(lang, 'cmd.restOfMail'),
      result: translate(lang, 'cmd.tooLong', { length: String(body.length), max: String(MAX_COMMAND_CHARS) }),
    });
  }

  const { confirmAddress, pendingCount } = await settlePendingChanges(mail, tools, results, reader);
  const showHelp = results.length === 0 || unknown.length > 0 || results.some((r) => r.showHelp);
  await replyToSender(
    mail,
    tools,
    'request-results',
    { lang, results, unknown, showHelp, help: showHelp ? commandsHelp(lang, tools.ctx.config.domain) : null, confirmAddress, pendingCount },
    { replyTo: confirmAddress },
  );
  const summary = results.map((r) => `${r.line}${r.pending ? ' (to confirm)' : ''}`).join(', ');
  return { outcome: `commands: ${summary || 'none'}` };
};
