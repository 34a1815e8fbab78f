import { registerHandler } from '../../pipeline/routing/router.ts';
import { registerCommand } from './mailCommandRegistry.ts';
import { registerListCommandRunners } from './listMailCommands.ts';
import { registerCommandConfirmer } from './commandConfirmer.ts';
import { requestHandler } from './requestHandler.ts';

/** Mail commands to request@ and LIST-request@: the handler, every runner, and the confirmer of changes. */
export function registerMailCommandsDomain(): void {
  registerHandler('request', requestHandler);
  registerCommand('help', async () => ({ line: 'help', result: 'The commands are listed below.', showHelp: true }));
  registerListCommandRunners();
  registerCommandConfirmer();
}
