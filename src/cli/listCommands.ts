import type { Command } from 'commander';

/** Operator commands for groups, members, roles and imports. */
export function registerListCommands(program: Command): void {}
