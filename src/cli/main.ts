import { Command } from 'commander';
import { registerCoreCommands } from './coreCli.ts';
import { registerListCommands } from './listCli.ts';
import { registerConsultationCommands } from './consultationCli.ts';
import { registerDigestCommands } from './digestCli.ts';
import { registerCountCommand } from './countCli.ts';
import { registerDnsCommand } from './dnsCli.ts';
import { registerDkimCommands } from './dkimCli.ts';
import { registerDoctorCommand } from './doctorCli.ts';
import { registerProxiesCommand } from './proxiesCli.ts';
import { UsageError } from './usageError.ts';

/**
 * `tacit`: the operator's command line. Each domain adds its commands in a
 * file of its own; this file only assembles them and turns errors into a
 * clear message and a non-zero exit. A command's modules are imported when
 * it runs, so `tacit --help` answers at once and opens no database.
 */
const program = new Command('tacit').description('Email consultations and chapter lists').showHelpAfterError();
registerCoreCommands(program);
registerListCommands(program);
registerConsultationCommands(program);
registerDigestCommands(program);
registerCountCommand(program);
registerDnsCommand(program);
registerDkimCommands(program);
registerDoctorCommand(program);
registerProxiesCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Imported only on an error: --help loads neither the configuration's schema nor the services.
  const [{ ConfigError }, { MissingServiceError }] = await Promise.all([
    import('../shared/config/config.ts'), import('../shared/services/localServices.ts'),
  ]);
  if (err instanceof ConfigError || err instanceof MissingServiceError || err instanceof UsageError) {
    process.stderr.write(`tacit: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
