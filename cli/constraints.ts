/** Command-line flags for the generator's constraints, shared by `generate` and `check`. */
import type { Command } from 'commander';
import type { ProgramConstraints } from '../generators/index.ts';
import { parsePositiveInt } from './options.ts';

export interface ConstraintFlags {
  maxFunctions?: number;
  maxStatements?: number;
  maxDepth?: number;
  features?: string;
}

export function constraintOptions(command: Command): Command {
  return command
    .option('--max-functions <n>', 'functions per program, main included', parsePositiveInt)
    .option('--max-statements <n>', 'statements per function', parsePositiveInt)
    .option('--max-depth <n>', 'nesting depth of loops', parsePositiveInt)
    .option('--features <list>', 'comma-separated features to switch on (+name) or off (-name), e.g. +gather,-forLoop');
}

/** Only what the user set: the generator's own defaults stay in one place. */
export function constraintsFrom(flags: ConstraintFlags): ProgramConstraints | undefined {
  const constraints: Record<string, unknown> = {};
  if (flags.maxFunctions !== undefined) constraints.maxFunctions = flags.maxFunctions;
  if (flags.maxStatements !== undefined) constraints.maxStatements = flags.maxStatements;
  if (flags.maxDepth !== undefined) constraints.maxDepth = flags.maxDepth;
  if (flags.features) {
    const features: Record<string, boolean> = {};
    for (const item of flags.features.split(',').map((s) => s.trim()).filter(Boolean)) {
      const on = !item.startsWith('-');
      features[item.replace(/^[+-]/, '')] = on;
    }
    constraints.features = features;
  }
  return Object.keys(constraints).length > 0 ? (constraints as ProgramConstraints) : undefined;
}
