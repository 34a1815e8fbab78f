import type { Command } from '../../shared/rules/requestCommands.ts';
import type { HandlerTools, InboundMail } from '../../pipeline/routing/inboundMail.ts';
import type { Change } from './changes.ts';
import type { Reader } from '../org/reader.ts';

/** What one command did, as the member reads it in the results mail. */
export interface CommandResult {
  line: string;
  result: string;
  /** Ask the results mail to include the command reference. */
  showHelp?: boolean;
  /** A change to the sender's subscriptions, carried out when they confirm by replying. */
  pending?: Change;
}

export type CommandRunner<K extends Command['kind'] = Command['kind']> = (
  command: Extract<Command, { kind: K }>,
  mail: InboundMail,
  tools: HandlerTools,
  /** Who reads the answer: its words and times are in their language and zone. */
  reader: Reader,
) => Promise<CommandResult>;

/** The runners a domain implements (lists, help), each typed by the command it runs. */
export type CommandRunners = { [K in Command['kind']]?: CommandRunner<K> };

declare module '../../shared/context.ts' {
  interface Wiring {
    /** The runner of each request-grammar command, from the domains' manifests. */
    commandRunners: Map<Command['kind'], CommandRunner<any>>;
    /** Readers of the lines the request grammar does not know, asked in order. */
    lineCommands: readonly LineCommand[];
    /** The parts of the `status` answer, in order. */
    statusSections: readonly StatusSection[];
  }
}

/** How a command reads back to the member ("subscribe gb digest"). */
export function describeCommand(command: Command): string {
  switch (command.kind) {
    case 'subscribe':
      return `subscribe ${command.list}${command.mode === 'digest' ? ' digest' : ''}`;
    case 'unsubscribe':
    case 'who':
      return `${command.kind} ${command.list}`;
    case 'set':
      return `set ${command.list} ${command.mode}`;
    case 'set-timezone':
      return `set timezone ${command.zone ?? command.input}`;
    case 'set-language':
      return `set language ${command.language ?? command.input}`;
    case 'move':
      return `move ${command.country} ${command.city}`;
    default:
      return command.kind;
  }
}

/**
 * Lines the request grammar does not know may be another domain's commands
 * (consultation commands such as `status C-12`): each reader in ctx.wiring gets
 * a chance before the line is reported as not understood.
 */
export type LineCommand = (line: string, mail: InboundMail, tools: HandlerTools, reader: Reader) => Promise<CommandResult | null>;

export async function tryLineCommands(line: string, mail: InboundMail, tools: HandlerTools, reader: Reader): Promise<CommandResult | null> {
  for (const read of tools.ctx.wiring.lineCommands) {
    const result = await read(line, mail, tools, reader);
    if (result) return result;
  }
  return null;
}

/** Parts of the `status` answer contributed by each domain (lists, consultations) for one member. */
export type StatusSection = (memberId: number, tools: HandlerTools, reader: Reader) => Promise<string[]>;

export async function statusLines(memberId: number, tools: HandlerTools, reader: Reader): Promise<string[]> {
  const lines: string[] = [];
  for (const section of tools.ctx.wiring.statusSections) lines.push(...(await section(memberId, tools, reader)));
  return lines;
}
