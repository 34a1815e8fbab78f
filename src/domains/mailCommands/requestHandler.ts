import { parseRequestCommands } from '../../shared/rules/requestCommands.ts';
import { capText, MAX_COMMAND_CHARS } from '../../shared/rules/textBounds.ts';
import { bodyTextOf } from '../../reading/newText/replyText.ts';
import type { Handler } from '../../pipeline/routing/inboundMail.ts';
import { replyToSender } from '../../pipeline/routing/answers/replyToSender.ts';
import { describeCommand, tryLineCommands, type CommandResult } from './mailCommandTables.ts';
import { settlePendingChanges } from './pendingChanges.ts';

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

  const results: CommandResult[] = [];
  for (const command of parsed.commands) {
    const runner = tools.ctx.wiring.commandRunners.get(command.kind);
    results.push(
      runner
        ? await runner(command, mail, tools)
        : { line: describeCommand(command), result: 'This command is not available yet on this server.' },
    );
  }
  const unknown: string[] = [];
  for (const line of parsed.unknown) {
    const result = await tryLineCommands(line, mail, tools);
    if (result) results.push(result);
    else unknown.push(line);
  }

  if (cut) {
    results.push({
      line: '(the rest of the mail)',
      result: `This mail is ${body.length} characters long; only the first ${MAX_COMMAND_CHARS} of a command mail are read.`,
    });
  }

  const { confirmAddress, pendingCount } = await settlePendingChanges(mail, tools, results);
  const showHelp = results.length === 0 || unknown.length > 0 || results.some((r) => r.showHelp);
  await replyToSender(
    mail,
    tools,
    'request-results',
    { results, unknown, showHelp, confirmAddress, pendingCount },
    { replyTo: confirmAddress },
  );
  const summary = results.map((r) => `${r.line}${r.pending ? ' (to confirm)' : ''}`).join(', ');
  return { outcome: `commands: ${summary || 'none'}` };
};
