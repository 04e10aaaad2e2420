/** Command-line flags for the generator's constraints, shared by `generate` and `check`. */
import type { Command } from 'commander';
import { programArbitrary, type ProgramConstraints } from '../generators/index.ts';
import { UsageError } from './errors.ts';
import { parsePositiveInt } from './options.ts';

export interface ConstraintFlags {
  maxFunctions?: number;
  maxStatements?: number;
  maxDepth?: number;
  features?: string;
  constraints?: string;
}

export function constraintOptions(command: Command): Command {
  return command
    .option('--max-functions <n>', 'functions per program, main included (1 to 100)', parsePositiveInt)
    .option('--max-statements <n>', 'statements per function (1 to 100)', parsePositiveInt)
    .option('--max-depth <n>', 'nesting depth of loops (1 to 50)', parsePositiveInt)
    .option('--features <list>', 'comma-separated features to switch on (+name) or off (-name), e.g. +gather,-forLoop')
    .option('--constraints <json>', 'all constraints as JSON (what a program header\'s replay line passes)');
}

/**
 * The largest value of each size constraint the CLI passes on: past these a program is too
 * large to shrink or read (and a loop nesting of 100,000 overflows the generator's stack).
 */
const MOST: Record<string, number> = { maxFunctions: 100, maxStatements: 100, maxDepth: 50, maxLoopIterations: 1000 };

/** Only what the user set: the generator's own defaults stay in one place. */
export function constraintsFrom(flags: ConstraintFlags): ProgramConstraints | undefined {
  const constraints: Record<string, unknown> = flags.constraints ? parseJsonObject(flags.constraints) : {};
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
  if (Object.keys(constraints).length === 0) return undefined;
  for (const [key, most] of Object.entries(MOST)) {
    const value = constraints[key];
    if (typeof value === 'number' && value > most) throw new UsageError(`bad generator constraints: ${key} is at most ${most}, got ${value}`);
  }
  try {
    programArbitrary(constraints as ProgramConstraints); // validates, naming what is wrong
  } catch (error) {
    throw new UsageError(`bad generator constraints: ${(error as Error).message}`);
  }
  return constraints as ProgramConstraints;
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new UsageError(`--constraints expects a JSON object such as '{"maxFunctions":3}', got ${text}`);
}
