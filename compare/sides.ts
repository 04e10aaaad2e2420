/**
 * The two sides of a differential run: CPython (the oracle) and the side under test (the
 * port, or the native-JS profile). Each turns a Program into a SideResult and never
 * throws: a crash becomes a SideFailure, so one bad program never loses the others.
 */
import type { Budget, ClockModel, Program } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import type { Oracle } from '../oracle/pool.ts';
import { executeOnPort } from '../port/transpile/execute.ts';
import { compileForNative, formatTypeScript, transpile } from '../port/transpile/index.ts';
import { executeNative } from '../native/index.ts';
import { serial } from './serial.ts';
import type { SideResult } from './verdict.ts';

export interface RunOptions {
  clock: ClockModel;
  budget: Budget;
}

export type SideName = 'port' | 'native';

export interface Side {
  name: SideName;
  /** Whether virtual times are compared to the bit (the port) or only the text (a side with another clock model). */
  comparesTime: boolean;
  run(program: Program, options: RunOptions): Promise<SideResult>;
  /** The TypeScript that ran, formatted for people. */
  typescript(program: Program): Promise<string>;
}

const exclusive = serial();

function failureOf(error: unknown): SideResult {
  return { failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
}

export const portSide: Side = {
  name: 'port',
  comparesTime: true,
  run: (program, options) =>
    exclusive(() => executeOnPort(program, options)).catch((error: unknown) => failureOf(error)),
  typescript: (program) => formatTypeScript(transpile(program)),
};

/**
 * The same program ported the way a person would port it to plain JS promises, run on Node's
 * timer order with a virtual millisecond clock (native/). Its clock is another model, so only
 * the printed text and the order are compared.
 */
export const nativeSide: Side = {
  name: 'native',
  comparesTime: false,
  run: (program, options) =>
    exclusive(() => executeNative(compileForNative(program).program, { budget: options.budget })).catch((error: unknown) => failureOf(error)),
  typescript: (program) => formatTypeScript(transpile(program, { profile: 'native' })),
};

export function sideNamed(name: SideName): Side {
  return name === 'port' ? portSide : nativeSide;
}

/** CPython runs the program as printed from the IR (a generated program) or as the user wrote it. */
export async function runOnOracle(
  oracle: Oracle,
  program: Program,
  options: RunOptions,
  source: string = printPython(program),
): Promise<SideResult> {
  try {
    return await oracle.run(source, { ...options, filename: program.header?.source ?? 'program.py' });
  } catch (error) {
    const rejected = error instanceof Error && error.name === 'ProgramInputError';
    return { ...(failureOf(error) as { failure: string }), rejected };
  }
}
