import type { DomainManifest } from '../manifest.ts';
import { requestHandler } from './requestHandler.ts';
import { listCommandRunners, listsStatusSection } from './listMailCommands.ts';
import { confirmCommands } from './commandConfirmer.ts';
import { COMMANDS_PURPOSE } from './pendingChanges.ts';

/** Mail commands to request@ and LIST-request@: the handler, every runner, and the confirmer of changes. */
export const mailCommandsManifest: DomainManifest = {
  name: 'mailCommands',
  handlers: { request: requestHandler },
  commandRunners: {
    help: async () => ({ line: 'help', result: 'The commands are listed below.', showHelp: true }),
    ...listCommandRunners,
  },
  confirmers: { [COMMANDS_PURPOSE]: confirmCommands },
  statusSections: [listsStatusSection],
};
