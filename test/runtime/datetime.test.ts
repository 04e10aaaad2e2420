/**
 * timedelta arithmetic bit for bit (runtime/datetime.ts, ports _datetimemodule.c's number
 * slots): programs that multiply and divide timedeltas by ints and floats (rounded half to even
 * on microseconds), floor-divide, take remainders and divmod, negate, take abs, hash and print
 * them are read by the product's importer, run on the oracle and on the port (as `check` runs
 * them: compare/sides.ts), and must print the same, errors included (zero divisors, overflow
 * past 999999999 days or a C int, NaN and infinite factors).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portSide, runOnOracle } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { DEFAULT_BUDGET, type RunResult } from '../../ir/program.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { pythonLiteral } from '../_support/values.ts';
import { randomSeed } from './_cpython.ts';

function resultOf(side: SideResult): RunResult {
  if ('failure' in side) throw new Error(`the run failed: ${side.failure}`);
  return side;
}

/** A program printing each expression (or the error it raises), through one helper. */
function programText(expressions: string[]): string {
  return [
    'import asyncio',
    'import datetime',
    'from datetime import timedelta',
    '',
    '',
    'def show(f):',
    '    try:',
    '        print(repr(f()))',
    '    except (ZeroDivisionError, OverflowError, ValueError, TypeError) as e:',
    '        print(type(e).__name__, e)',
    '',
    '',
    'async def main():',
    ...expressions.map((e) => `    show(lambda: ${e})`),
    '',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');
}

async function traces(source: string): Promise<{ cpython: string[]; port: string[] }> {
  const oracle = await sharedOracle();
  const program = await importPythonSource(source, 'timedelta.py', oracle);
  const options = { clock: 'ideal' as const, budget: DEFAULT_BUDGET };
  const cpython = resultOf(await runOnOracle(oracle, program, options));
  const port = resultOf(await portSide.run(program, options));
  return { cpython: cpython.trace.map((e) => e.text), port: port.trace.map((e) => e.text) };
}

/** A timedelta literal: microseconds up to about 3000 years, either sign, and the small ones where rounding shows. */
const deltaArb: fc.Arbitrary<string> = fc
  .oneof(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.bigInt({ min: -20n, max: 20n }))
  .map((us) => `timedelta(microseconds=${pythonLiteral(us)})`);
const intArb: fc.Arbitrary<string> = fc.oneof(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -(2 ** 40), max: 2 ** 40 })).map((n) => pythonLiteral(BigInt(n)));
const floatArb: fc.Arbitrary<string> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
  fc.constantFrom(0.5, -0.5, 1.5, 2.5, 0.1, 1e-7, 1e20, 0.0, -0.0, Number.MIN_VALUE),
).map((x) => pythonLiteral(x));
const specialFloat = fc.constantFrom('float("nan")', 'float("inf")', '-float("inf")');

/** One expression on timedeltas. */
const expressionArb: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(deltaArb, intArb).map(([d, n]) => `${d} * ${n}`),
  fc.tuple(deltaArb, floatArb).map(([d, x]) => `${x} * ${d}`),
  fc.tuple(deltaArb, fc.oneof(floatArb, specialFloat)).map(([d, x]) => `${d} * ${x}`),
  fc.tuple(deltaArb, fc.oneof(floatArb, specialFloat)).map(([d, x]) => `${d} / ${x}`),
  fc.tuple(deltaArb, intArb).map(([d, n]) => `${d} / ${n}`),
  fc.tuple(deltaArb, intArb).map(([d, n]) => `${d} // ${n}`),
  fc.tuple(deltaArb, deltaArb).map(([a, b]) => `${a} / ${b}`),
  fc.tuple(deltaArb, deltaArb).map(([a, b]) => `${a} // ${b}`),
  fc.tuple(deltaArb, deltaArb).map(([a, b]) => `${a} % ${b}`),
  fc.tuple(deltaArb, deltaArb).map(([a, b]) => `divmod(${a}, ${b})`),
  deltaArb.map((d) => `(-${d}, abs(${d}), +${d}, bool(${d}))`),
  deltaArb.map((d) => `(str(${d}), hash(${d}), ${d}.total_seconds())`),
  fc.tuple(deltaArb, deltaArb).map(([a, b]) => `(${a} - ${b}, ${a} < ${b}, ${a} == ${b})`),
);

async function agree(seed: number, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(expressionArb, { minLength: 10, maxLength: 30 }), async (expressions) => {
      const { cpython, port } = await traces(programText(expressions));
      expect(port).toEqual(cpython);
    }),
    { seed, numRuns },
  );
}

describe('timedelta arithmetic prints on the port what CPython prints', () => {
  it('random expressions (seed 42)', async () => {
    await agree(42, 12);
  }, 120_000);

  it('random expressions, random seed', async () => {
    await agree(randomSeed('timedelta arithmetic'), 6);
  }, 120_000);

  it('the cases that round: half to even on the microsecond, both signs', async () => {
    const cases = [1n, 3n, 5n, 7n, -1n, -3n, -5n].flatMap((us) => [`timedelta(microseconds=${us}) * 0.5`, `timedelta(microseconds=${us}) / 2`, `timedelta(microseconds=${us}) / -2.0`]);
    const { cpython, port } = await traces(programText(cases));
    expect(cpython).toContain('datetime.timedelta(microseconds=2)\n'); // 5 * 0.5 = 2.5 -> 2
    expect(port).toEqual(cpython);
  }, 60_000);
});
