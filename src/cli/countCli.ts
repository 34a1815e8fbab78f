import type { Command } from 'commander';
import type { CountFlags } from '../decisions/counting/countInput.ts';
import { readInput } from './readInput.ts';
import { UsageError } from './usageError.ts';
import { output } from './withRuntime.ts';

/**
 * `tacit count`: recounts a vote's tally sheet, or counts ballots given as
 * JSON, with the same code that closes a vote. No database, no services:
 * anyone holding a published sheet can run it.
 */
export function registerCountCommand(program: Command): void {
  program
    .command('count')
    .description("count ballots (a vote's tally sheet or JSON) by majority, two-thirds, N/D, Schulze, IRV or STV")
    .argument('[file]', 'the tally sheet or JSON file; - or none for standard input')
    .option('--method <method>', 'majority, two-thirds, double-majority, schulze, irv or stv')
    .option('--fraction <N/D>', 'a motion adopted when yes ≥ N/D × (yes + no)')
    .option('--seats <N>', 'stv: seats to fill')
    .option('--rules <rules>', 'stv: scottish (default), wigm or meek')
    .option('--quota <quota>', 'stv: droop (default), hare or hagenbach-bischoff')
    .option('--quorum <N>', 'ballots cast needed (abstentions included): a number or a percentage such as 20%')
    .option('--electorate <N>', 'the electorate size (for a quorum in percent or a motion counted over the electorate)')
    .option('--default <on|off>', 'schulze: add "None of the above"')
    .option('--branch-quorum <N>', 'double-majority: ballots a place needs to count among the places')
    .option('--json', 'one JSON document')
    .action(async (file: string | undefined, opts: CountFlags & { json?: boolean }) => {
      const text = (await readInput(file)).toString('utf8');
      // Imported when the command runs, as every command's modules are (main.ts).
      const [{ CountInputError }, { countWithPlaces, partsReport }, { parseCountInput, resolveCountSpec }, { countReport }] = await Promise.all([
        import('../decisions/counting/ballot.ts'),
        import('../decisions/counting/placeCount.ts'),
        import('../decisions/counting/countInput.ts'),
        import('../decisions/counting/countReport.ts'),
      ]);
      try {
        const input = parseCountInput(text);
        const spec = resolveCountSpec(input, opts);
        // With places (a sheet of a parent list's vote, or JSON ballots with "place"): each place counted too.
        const result = countWithPlaces(spec, input);
        const parts = result.parts as Parameters<typeof partsReport>[0] | undefined;
        output(!!opts.json, result, () => [countReport(spec, result), ...(parts ? ['per place:', ...partsReport(parts)] : [])].join('\n'));
      } catch (err) {
        if (err instanceof CountInputError) throw new UsageError(err.message);
        throw err;
      }
    });
}
