/**
 * A Python source read by the importer and run on CPython (the product's oracle) and on the
 * port, under the product's own runners (compare/sides.ts), for tests that compare the two.
 */
import { portSide, runOnOracle } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { expect } from 'vitest';
import { DEFAULT_BUDGET, type ClockModel, type RunResult } from '../../ir/program.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { sharedOracle } from './oracle.ts';

/** A side's result; a failed run (the side crashed, the oracle could not run it) fails the test. */
export function resultOf(side: SideResult): RunResult {
  if ('failure' in side) throw new Error(`the run failed: ${side.failure}`);
  return side;
}

/** `source` (read as `file`) on CPython and on the port, under `clock`. */
export async function bothSides(source: string, clock: ClockModel = 'ideal', file = 'm.py'): Promise<{ cpython: RunResult; port: RunResult }> {
  const oracle = await sharedOracle();
  const program = await importPythonSource(source, file, oracle);
  const options = { clock, budget: DEFAULT_BUDGET };
  return { cpython: resultOf(await runOnOracle(oracle, program, options)), port: resultOf(await portSide.run(program, options)) };
}

/** A module whose `async def main()` runs `lines` (after one `await`), with `imports` above it. */
export const inMain = (imports: readonly string[], lines: readonly string[]): string =>
  ['import asyncio', ...imports, '', 'async def main():', '    await asyncio.sleep(0)', ...lines.map((l) => `    ${l}`), '', 'asyncio.run(main())', ''].join('\n');

/** `lines` in main raise `type(message)` on CPython, and the port ends the same way, with the same output. */
export async function expectRaisesAsCPython(imports: readonly string[], lines: readonly string[], type: string, message: string): Promise<void> {
  const { cpython, port } = await bothSides(inMain(imports, lines));
  expect(cpython.outcome).toEqual({ kind: 'exception', type, message });
  expect(port).toEqual(cpython);
}
