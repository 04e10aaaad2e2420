import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { print, py, setStdout, type PyValue } from '../../runtime/index.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';
import { pyFloat, pyInt, pyNumber, pyValue } from './_arbitraries.ts';

const port = (fn: (...a: PyValue[]) => PyValue): DualCall['port'] => fn as DualCall['port'];
const list = (n: number) => fc.array(pyNumber, { maxLength: n });

function builtinCalls(seed: number): DualCall[] {
  const calls: DualCall[] = [];
  const sample = <T,>(arb: fc.Arbitrary<T>, numRuns = 400): T[] => fc.sample(arb, { seed, numRuns });
  for (const x of sample(fc.oneof(pyFloat, pyInt, fc.boolean()), 2000)) {
    calls.push({ py: 'lambda x: round(x)', args: [x], port: port((v) => py.round(v)) });
    calls.push({ py: 'lambda x: abs(x)', args: [x], port: port((v) => py.abs(v)) });
    calls.push({ py: 'lambda x: int(x)', args: [x], port: port((v) => py.int(v)) });
    calls.push({ py: 'lambda x: float(x)', args: [x], port: port((v) => py.float(v)) });
  }
  for (const [x, n] of sample(fc.tuple(fc.oneof(pyFloat, pyInt), fc.bigInt({ min: -5n, max: 8n })), 2000)) {
    calls.push({ py: 'lambda x, n: round(x, n)', args: [x, n], port: port((v, k) => py.round(v, k)) });
  }
  const numericText = fc.oneof(
    fc.constantFrom(' 12 ', '+5', '-0', '1_000', '1__0', '_1', '0x10', '1e5', '1.5', '.5', '5.', 'inf', '-Infinity', 'nan', 'abc', '', ' ', '1 2', '١٢'),
    pyNumber.map((v) => py.str(v)),
  );
  for (const t of sample(numericText)) {
    calls.push({ py: 'lambda s: int(s)', args: [t], port: port((v) => py.int(v)) });
    calls.push({ py: 'lambda s: float(s)', args: [t], port: port((v) => py.float(v)) });
  }
  for (const xs of sample(list(5))) {
    calls.push({ py: 'lambda xs: min(xs)', args: [xs], port: port((v) => py.min(v)) });
    calls.push({ py: 'lambda xs: max(*xs)', args: [xs], port: port((v) => py.max(...(v as PyValue[]))) });
    calls.push({ py: 'lambda xs: sum(xs)', args: [xs], port: port((v) => py.sum(v)) });
    calls.push({ py: 'lambda xs: sum(xs, 0.5)', args: [xs], port: port((v) => py.sum(v, 0.5)) });
    calls.push({ py: 'lambda xs: sorted(xs)', args: [xs], port: port((v) => py.sorted(v)) });
    calls.push({ py: 'lambda xs: sorted(xs, reverse=True)', args: [xs], port: port((v) => py.sorted(v, { reverse: true })) });
    calls.push({ py: 'lambda xs: list(enumerate(xs, 1))', args: [xs], port: port((v) => py.list(py.enumerate(v, 1n))) });
    calls.push({ py: 'lambda xs: list(zip(xs, range(3), "ab"))', args: [xs], port: port((v) => py.list(py.zip(v, py.range(3n), 'ab'))) });
    calls.push({ py: 'lambda xs: xs.pop()', args: [xs], port: port((v) => py.pop(v as PyValue[])) });
  }
  for (const [v, i] of sample(fc.tuple(pyValue, fc.oneof(fc.bigInt({ min: -4n, max: 4n }), fc.constant('a'), fc.boolean())), 800)) {
    calls.push({ py: 'lambda v, i: v[i]', args: [v, i], port: port((a, b) => py.getitem(a, b)) });
    calls.push({ py: 'lambda v: len(v)', args: [v], port: port((a) => py.len(a)) });
    calls.push({ py: 'lambda v: list(v)', args: [v], port: port((a) => py.list(a)) });
    calls.push({ py: 'lambda v: tuple(v)', args: [v], port: port((a) => py.tuple(a)) });
    calls.push({ py: 'lambda v: [(b, a) for a, b in [v]][0]', args: [v], port: port((a) => { const [x, y] = py.unpack(a, 2); return py.tup(y, x); }) });
    calls.push({ py: 'lambda v, i: [v for v[i] in [0]][0]', args: [v, i], port: port((a, b) => (py.setitem(a, b, 0n), a)) });
  }
  for (const args of sample(fc.array(fc.oneof(fc.bigInt({ min: -6n, max: 6n }), fc.constant(0n), fc.constant(1.5)), { maxLength: 3 }))) {
    calls.push({ py: 'lambda *a: list(range(*a))', args, port: port((...a) => py.list(py.range(...a))) });
    calls.push({ py: 'lambda *a: str(range(*a))', args, port: port((...a) => py.str(py.range(...a))) });
  }
  return calls;
}

describe('builtins match CPython', () => {
  afterEach(() => setStdout(null));

  it('print joins with sep and end, to the sink', () => {
    const out: string[] = [];
    setStdout((t) => out.push(t));
    print('a', 1n, 2.5, py.tup(1n), null);
    print('x', 'y', { sep: '-', end: '!' });
    expect(out).toEqual(["a 1 2.5 (1,) None\n", 'x-y!']);
  });

  it('round ties to even', () => {
    expect([py.round(0.5), py.round(1.5), py.round(2.5), py.round(2.675, 2n), py.round(15n, -1n)]).toEqual([0n, 2n, 2n, 2.67, 20n]);
  });

  it('random builtin calls (seed 42)', async () => {
    expect((await mismatches(builtinCalls(42))).slice(0, 10)).toEqual([]);
  });

  it('random builtin calls (random seed)', async () => {
    expect((await mismatches(builtinCalls(randomSeed('builtins')))).slice(0, 10)).toEqual([]);
  });
});
