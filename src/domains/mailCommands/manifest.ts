import type { DomainManifest } from '../manifest.ts';
import { requestHandler } from './requestHandler.ts';
import { listCommandRunners, listsStatusSection } from './listMailCommands.ts';
import { confirmCommands } from './commandConfirmer.ts';
import { COMMANDS_PURPOSE } from './pendingChanges.ts';
import { translate } from '../../shared/i18n/catalogue.ts';

/** Mail commands to request@ and LIST-request@: the handler, every runner, and the confirmer of changes. */
export const mailCommandsManifest: DomainManifest = {
  name: 'mailCommands',
  handlers: { request: requestHandler },
  commandRunners: {
    help: async (_command, _mail, _tools, { lang }) => ({ line: 'help', result: translate(lang, 'cmd.help'), showHelp: true }),
    ...listCommandRunners,
  },
  confirmers: { [COMMANDS_PURPOSE]: confirmCommands },
  statusSections: [listsStatusSection],
};
