/**
 * MicroPython's asyncio as a target (`--target micropython`, issue 13 item 6): the program as
 * printed from the IR runs on MicroPython 1.27 compiled to WebAssembly
 * (`@micropython/micropython-webassembly-pyscript`), its own reimplementation of asyncio (a
 * pairing heap of tasks keyed by integer milliseconds, a C Task, its own gather and cancel),
 * with a virtual millisecond clock (instance.ts, driver.ts).
 *
 * comparesTime is false: MicroPython's clock is integer milliseconds (`sleep(t)` waits
 * `int(t * 1000)` ms of `ticks_ms`) where the oracle's is CPython's float seconds plus, on the
 * realistic clock, a microsecond per clock read. The two agree only where a float sum happens to
 * be a whole number of milliseconds (0.1 + 0.2 is 0.30000000000000004 s on CPython, 300 ms here),
 * so only the text, its order and the outcome are compared (as for the native side); the
 * trace still carries MicroPython's times, for people.
 *
 * Never throws: a program MicroPython cannot express (a missing API, another message) ends in
 * a Python exception and is a difference with a named cause (compare/buckets-micropython.ts);
 * a failure of the WebAssembly module itself is a `{ failure }`.
 */
import type { Program, RunResult } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { validateProgram } from '../../ir/validate.ts';
import type { RunOptions, Side } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { capMessage, STDERR_LIMIT_BYTES } from '../../compare/capped-text.ts';
import { serial } from '../../compare/serial.ts';
import { MICROPYTHON_MARK } from '../../compare/buckets-micropython.ts';
import { runSource } from './instance.ts';

const exclusive = serial();

function failureOf(error: unknown): SideResult {
  return { failure: capMessage(`micropython: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`) };
}

async function runOnMicroPython(program: Program, options: RunOptions): Promise<SideResult> {
  const source = printPython(validateProgram(program));
  const filename = program.header?.source ?? 'program.py';
  const { json, stderr } = await runSource(source, filename, options.budget.maxIterations, options.budget.maxTime * 1000, options.onStart);
  // Marked, so that compare/buckets-micropython.ts names only MicroPython's differences.
  const result: RunResult = { ...(JSON.parse(json) as RunResult), ...MICROPYTHON_MARK };
  for (const entry of result.trace) options.onPrint?.(entry);
  return stderr ? { ...result, stderr: stderr.slice(0, STDERR_LIMIT_BYTES) } : result;
}

const micropython: Side = {
  name: 'micropython',
  comparesTime: false,
  run: (program, options) => exclusive(() => runOnMicroPython(program, options)).catch((error: unknown) => failureOf(error)),
  typescript: async (program) => printPython(program),
};

export default micropython;
