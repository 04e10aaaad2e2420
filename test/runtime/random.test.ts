/**
 * `random` bit for bit (runtime/random.ts): programs that seed the generator (ints of any
 * size and sign, floats, strings) and draw with random/randint/randrange/choice/shuffle/
 * sample/uniform/getrandbits are read by the product's importer, run on the oracle and on the
 * port (as `check` runs them: compare/sides.ts), and must print the same, to the bit
 * (floats print as `repr`: equal text is equal bits).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portSide, runOnOracle } from '../../compare/sides.ts';
import type { SideResult } from '../../compare/verdict.ts';
import { DEFAULT_BUDGET, type Program, type RunResult } from '../../ir/program.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { pythonLiteral } from '../_support/values.ts';

function resultOf(side: SideResult): RunResult {
  if ('failure' in side) throw new Error(`the run failed: ${side.failure}`);
  return side;
}

/** A program whose `main` runs `lines` (Python statements) inside asyncio, between two sleeps. */
function programText(lines: string[]): string {
  return ['import asyncio', 'import random', '', 'async def main():', '    await asyncio.sleep(0.01)', ...lines.map((l) => `    ${l}`), '', 'asyncio.run(main())', ''].join('\n');
}

/** Reads `source` with the product's importer, runs it on both sides, under `clock`. */
async function bothSides(source: string, clock: 'ideal' | 'realistic' = 'ideal'): Promise<{ cpython: RunResult; port: RunResult; program: Program }> {
  const oracle = await sharedOracle();
  const program = await importPythonSource(source, 'rand.py', oracle);
  const options = { clock, budget: DEFAULT_BUDGET };
  const cpython = resultOf(await runOnOracle(oracle, program, options));
  const port = resultOf(await portSide.run(program, options));
  return { cpython, port, program };
}

const seedArb: fc.Arbitrary<string> = fc.oneof(
  fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n }).map((n) => pythonLiteral(n)),
  fc.bigInt({ min: -(2n ** 300n), max: 2n ** 300n }).map((n) => pythonLiteral(n)),
  fc.constantFrom('0', '1', '-1', 'True', '2 ** 32', '2 ** 32 - 1', '2 ** 64 + 1'),
  fc.double({ noNaN: true }).map((x) => pythonLiteral(x)),
  fc.string({ maxLength: 12 }).map((s) => pythonLiteral(s)),
);

const smallInt = fc.integer({ min: -50, max: 50 });
const listArb = fc.array(fc.integer({ min: -9, max: 99 }), { minLength: 1, maxLength: 40 }).map((xs) => `[${xs.join(', ')}]`);

/** One draw, as Python statements that print what it gave. */
const drawArb: fc.Arbitrary<string[]> = fc.oneof(
  fc.constant<string[]>(['print(random.random())']),
  fc.tuple(smallInt, fc.integer({ min: 0, max: 2 ** 40 })).map(([a, w]) => [`print(random.randint(${a}, ${a + w}))`]),
  fc.bigInt({ min: 1n, max: 2n ** 130n }).map((n) => [`print(random.randrange(${pythonLiteral(n)}))`]),
  fc.tuple(smallInt, fc.integer({ min: 1, max: 1000 }), fc.integer({ min: -7, max: 7 }).filter((s) => s !== 0)).map(([a, w, s]) =>
    s > 0 ? [`print(random.randrange(${a}, ${a + w}, ${s}))`] : [`print(random.randrange(${a + w}, ${a}, ${s}))`],
  ),
  listArb.map((xs) => [`print(random.choice(${xs}))`]),
  fc.string({ minLength: 1, maxLength: 8 }).map((s) => [`print(random.choice(${pythonLiteral(s)}))`]),
  listArb.map((xs) => [`xs = ${xs}`, 'random.shuffle(xs)', 'print(xs)']),
  listArb.chain((xs) => fc.integer({ min: 0, max: xs.split(',').length }).map((k) => [`print(random.sample(${xs}, ${k}))`])),
  fc.tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 60 })).map(([n, k]) => [`print(random.sample(range(${n + k}), k=${k}))`]),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true })).map(([a, b]) => [
    `print(random.uniform(${pythonLiteral(a)}, ${pythonLiteral(b)}))`,
  ]),
  fc.tuple(smallInt, smallInt).map(([a, b]) => [`print(random.uniform(${a}, ${b}))`]),
  fc.integer({ min: 0, max: 300 }).map((k) => [`print(random.getrandbits(${k}))`]),
);

const caseArb = fc.array(fc.record({ seed: seedArb, draws: fc.array(drawArb, { minLength: 1, maxLength: 12 }) }), { minLength: 1, maxLength: 5 });

/** Several seeded cases in one program (one oracle round trip). */
async function checkCases(cases: Array<{ seed: string; draws: string[][] }>): Promise<void> {
  const { cpython, port } = await bothSides(programText(cases.flatMap((c) => [`random.seed(${c.seed})`, ...c.draws.flat()])));
  expect(cpython.outcome).toEqual({ kind: 'ok' });
  expect(port).toEqual(cpython);
}

describe('random on the port draws what CPython draws', () => {
  it('seeded draws, 15 random programs (seed 42)', async () => {
    await fc.assert(fc.asyncProperty(caseArb, checkCases), { seed: 42, numRuns: 15 });
  }, 120_000);

  it('seeded draws, 15 random programs (random seed)', async () => {
    const seed = Date.now() ^ Math.floor(Math.random() * 0x7fffffff);
    console.log(`random.test.ts: fast-check seed ${seed}`);
    await fc.assert(fc.asyncProperty(caseArb, checkCases), { seed, numRuns: 15 });
  }, 120_000);

  it('an unseeded generator starts from the same state on both sides, in every run', async () => {
    const source = programText(['print(random.random(), random.randint(1, 6), random.getrandbits(64))']);
    const first = await bothSides(source);
    expect(first.port).toEqual(first.cpython);
    const again = await bothSides(source, 'realistic');
    expect(again.port.trace.map((e) => e.text)).toEqual(first.cpython.trace.map((e) => e.text));
  });

  it.each([
    ['random.choice([])', 'IndexError', 'Cannot choose from an empty sequence'],
    ['random.randrange(0)', 'ValueError', 'empty range for randrange()'],
    ['random.randrange(5, 5)', 'ValueError', 'empty range for randrange() (5, 5, 0)'],
    ['random.randrange(1, 9, 0)', 'ValueError', 'zero step for randrange()'],
    ['random.randrange(1.5)', 'ValueError', 'non-integer arg 1 for randrange()'],
    ['random.randint(1, 2.5)', 'ValueError', 'non-integer stop for randrange()'],
    ['random.randint("a", 3)', 'ValueError', "invalid literal for int() with base 10: 'a'"],
    ['random.sample([1, 2], 3)', 'ValueError', 'Sample larger than population or is negative'],
    ['random.sample(5, 1)', 'TypeError', 'Population must be a sequence.  For dicts or sets, use sorted(d).'],
    ['random.shuffle((1, 2, 3))', 'TypeError', "'tuple' object does not support item assignment"],
    ['random.getrandbits(-1)', 'ValueError', 'number of bits must be non-negative'],
    ['random.getrandbits(1.0)', 'TypeError', "'float' object cannot be interpreted as an integer"],
    ['random.seed([1])', 'TypeError', 'The only supported seed types are: None,\nint, float, str, bytes, and bytearray.'],
  ])('%s raises as in CPython', async (call, type, message) => {
    const { cpython, port } = await bothSides(programText(['random.seed(7)', `print(${call})`]));
    expect(cpython.outcome).toEqual({ kind: 'exception', type, message });
    expect(port).toEqual(cpython);
  });
});
