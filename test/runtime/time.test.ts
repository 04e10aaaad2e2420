/**
 * `time` on the virtual clock (runtime/time.ts, the oracle worker's time module):
 * perf_counter/monotonic/time read the run's clock, time.sleep blocks the loop and moves the
 * clock on. Programs are read by the product's importer and run on the oracle and the port
 * under both clock models: same prints, same virtual times to the bit, same outcome. The
 * tutorial case also runs as `run --target port` against `python3 FILE` itself (real sleeps,
 * printed at a precision real timing cannot change).
 */
import { describe, expect, it } from 'vitest';
import { nativeSide, runOnOracle } from '../../compare/sides.ts';
import { DEFAULT_BUDGET, type ClockModel } from '../../ir/program.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { cliInProcess, python, writeProgram } from '../cli/_cli.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { bothSides as bothSidesOf, resultOf } from '../_support/both-sides.ts';

const bothSides = (source: string, clock: ClockModel) => bothSidesOf(source, clock, 'timed.py');

/** The tutorial shape: gather some sleeps, print how long it took. */
const TUTORIAL = `import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    start = time.perf_counter()
    await asyncio.gather(say_after(0.1, "hello"), say_after(0.2, "world"))
    elapsed = time.perf_counter() - start
    print(f"took {elapsed:0.1f} seconds")
    print(f"exactly {elapsed!r}")


asyncio.run(main())
`;

/** The lesson: a blocking time.sleep stalls every task; asyncio.sleep lets the others run. */
const BLOCKING = `import asyncio
import time


async def blocker(name):
    print(name, "blocks at", round(time.monotonic(), 3))
    time.sleep(0.25)
    print(name, "unblocked at", round(time.monotonic(), 3))


async def ticker():
    for i in range(3):
        print("tick", i, time.monotonic())
        await asyncio.sleep(0.1)


async def main():
    t = asyncio.create_task(ticker())
    await asyncio.sleep(0.05)
    await blocker("a")
    await blocker("b")
    await t
    print("wall", time.time() - 1700000000.0, time.perf_counter())


time.sleep(1)
print("before", round(time.monotonic(), 3))
asyncio.run(main())
time.sleep(0.5)
print("after", time.perf_counter())
`;

describe('time on the virtual clock', () => {
  it.each(['ideal', 'realistic'] as const)('the tutorial prints the same on the port as on the oracle (%s clock)', async (clock) => {
    const { cpython, port } = await bothSides(TUTORIAL, clock);
    expect(cpython.trace.map((e) => e.text).slice(0, 3)).toEqual(['hello\n', 'world\n', 'took 0.2 seconds\n']);
    expect(port).toEqual(cpython);
  });

  it.each(['ideal', 'realistic'] as const)('time.sleep blocks every task and moves the clock (%s clock)', async (clock) => {
    const { cpython, port } = await bothSides(BLOCKING, clock);
    const texts = cpython.trace.map((e) => e.text.split(' ').slice(0, 2).join(' '));
    // b blocks right after a: the ticker never runs in between, and its next tick comes late.
    expect(texts.slice(0, 7)).toEqual(['before 1.0\n', 'tick 0', 'a blocks', 'a unblocked', 'b blocks', 'b unblocked', 'tick 1']);
    expect(cpython.endTime).toBeGreaterThan(2.0);
    expect(port).toEqual(cpython);
  });

  it('run --target port prints what python3 prints for the tutorial', async () => {
    const file = writeProgram('time_tutorial.py', TUTORIAL.replace('    print(f"exactly {elapsed!r}")\n', ''));
    const real = await python(file);
    const port = await cliInProcess(['run', file, '--target', 'port']);
    expect(real.exitCode).toBe(0);
    expect(port).toEqual({ stdout: real.stdout, stderr: '', exitCode: 0 });
  });

  it.each([
    ['time.sleep(-1)', 'ValueError', 'sleep length must be non-negative'],
    ['time.sleep("1")', 'TypeError', "'str' object cannot be interpreted as an integer"],
    ["time.sleep(float('nan'))", 'ValueError', 'Invalid value NaN (not a number)'],
    ["time.sleep(float('inf'))", 'OverflowError', 'timestamp out of range for platform time_t'],
    ['time.sleep(2 ** 62)', 'OverflowError', 'timestamp too large to convert to C _PyTime_t'],
  ])('%s raises as in CPython', async (call, type, message) => {
    const source = `import asyncio\nimport time\n\n\nasync def main():\n    await asyncio.sleep(0)\n    ${call}\n\n\nasyncio.run(main())\n`;
    const { cpython, port } = await bothSides(source, 'realistic');
    expect(cpython.outcome).toEqual({ kind: 'exception', type, message });
    expect(port).toEqual(cpython);
  });

  it('an uncaught error ends run --target port as python3 ends: exit 1, the traceback\'s last line', async () => {
    const file = writeProgram('time_raises.py', 'import asyncio\nimport time\n\n\nasync def main():\n    time.sleep(-0.5)\n\n\nasyncio.run(main())\n');
    const real = await python(file);
    const port = await cliInProcess(['run', file, '--target', 'port']);
    expect(real.exitCode).toBe(1);
    expect(port.exitCode).toBe(1);
    const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';
    expect(lastLine(port.stderr)).toBe(lastLine(real.stderr));
    expect(lastLine(real.stderr)).toBe('ValueError: sleep length must be non-negative');
  });

  it('the native profile runs the blocking lesson on its own clock: the same prints in the same order', async () => {
    const oracle = await sharedOracle();
    const program = await importPythonSource(BLOCKING.replaceAll('time.monotonic()', '0').replaceAll('time.perf_counter()', '0').replace('time.time() - 1700000000.0', '0'), 'timed.py', oracle);
    const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
    const native = resultOf(await nativeSide.run(program, options));
    const cpython = resultOf(await runOnOracle(oracle, program, options));
    expect(native.outcome).toEqual({ kind: 'ok' });
    expect(native.trace.map((e) => e.text)).toEqual(cpython.trace.map((e) => e.text));
  });
});
