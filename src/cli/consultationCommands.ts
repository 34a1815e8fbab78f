import type { Command } from 'commander';

/** Operator commands for consultations. */
export function registerConsultationCommands(program: Command): void {}
