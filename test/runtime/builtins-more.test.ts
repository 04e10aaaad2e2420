/**
 * The builtins and list methods of issue 8 item 7 against CPython through the oracle
 * (_cpython.ts): fixed calls covering results and error messages, and random lists through
 * sort/sorted/min/max with `key=`/`reverse=`/`default=` (seed 42 and a random seed).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { py, PyTuple, type PyValue } from '../../runtime/index.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';

const b = (name: string) => py.builtinValue(name);
const t = (...xs: PyValue[]) => new PyTuple(xs);
const call = (pySource: string, args: PyValue[], port: (...a: PyValue[]) => PyValue): DualCall => ({ py: pySource, args, port });
const method = (name: string) => (obj: PyValue, ...args: PyValue[]) => py.callMethod(obj, name, ...args);

const FIXED: DualCall[] = [
  call('lambda xs: any(xs)', [[0n, '', null]], (xs) => py.any(xs)),
  call('lambda xs: all(xs)', [[1n, 'a', [0n]]], (xs) => py.all(xs)),
  call('lambda x: any(x)', [3n], (x) => py.any(x)),
  call('lambda a, b: divmod(a, b)', [-7n, 2n], (a, c) => py.divmod(a, c)),
  call('lambda a, b: divmod(a, b)', [7.5, -2n], (a, c) => py.divmod(a, c)),
  call('lambda a, b: divmod(a, b)', [1n, 0n], (a, c) => py.divmod(a, c)),
  call('lambda a, b: divmod(a, b)', [1.0, 0n], (a, c) => py.divmod(a, c)),
  call('lambda a, b: divmod(a, b)', ['a', 1n], (a, c) => py.divmod(a, c)),
  call('lambda x: list(reversed(x))', ['héllo'], (x) => py.list(py.reversed(x))),
  call('lambda x: list(reversed(x))', [t(1n, 2n)], (x) => py.list(py.reversed(x))),
  call('lambda: list(reversed(range(2, 9, 3)))', [], () => py.list(py.reversed(py.range(2n, 9n, 3n)))),
  call('lambda x: list(reversed(x))', [5n], (x) => py.list(py.reversed(x))),
  call('lambda x: isinstance(x, int)', [true], (x) => py.isinstance(x, b('int'))),
  call('lambda x: isinstance(x, (str, (list, float)))', [1.5], (x) => py.isinstance(x, t(b('str'), t(b('list'), b('float'))))),
  call('lambda x: isinstance(x, bool)', [1n], (x) => py.isinstance(x, b('bool'))),
  call('lambda x: isinstance(x, 3)', [1n], (x) => py.isinstance(x, 3n)),
  call('lambda x: isinstance(x, (int, 3))', [1n], (x) => py.isinstance(x, t(b('int'), 3n))),
  call('lambda x: hash(x)', [2n ** 61n - 1n], (x) => py.hash(x)),
  call('lambda x: hash(x)', [-(2n ** 70n)], (x) => py.hash(x)),
  call('lambda x: hash(x)', [-2.5], (x) => py.hash(x)),
  call('lambda x: hash(x)', [1e-300], (x) => py.hash(x)),
  call('lambda x: hash(x)', [t(t(1n, -1n), 2.5, true)], (x) => py.hash(x)),
  call('lambda x: hash(x)', [[1n]], (x) => py.hash(x)),
  call('lambda x: chr(x)', [0x1f600n], (x) => py.chr(x)),
  call('lambda x: chr(x)', [0x110000n], (x) => py.chr(x)),
  call('lambda x: chr(x)', ['a'], (x) => py.chr(x)),
  call('lambda x: ord(x)', ['😀'], (x) => py.ord(x)),
  call('lambda x: ord(x)', ['ab'], (x) => py.ord(x)),
  call('lambda x: ord(x)', [1n], (x) => py.ord(x)),
  call('lambda s, n: int(s, n)', ['0x_ff', 16n], (s, n) => py.int(s, n)),
  call('lambda s, n: int(s, n)', ['z', 36n], (s, n) => py.int(s, n)),
  call('lambda s, n: int(s, n)', ['12', 2n], (s, n) => py.int(s, n)),
  call('lambda s: float(s)', ['-Infinity'], (s) => py.float(s)),
  call('lambda xs: list(map(str, xs))', [[1n, 2.0, null, 'a']], (xs) => py.list(py.map(b('str'), xs))),
  call('lambda a, c: list(map(divmod, a, c))', [[7n, 8n, 9n], [2n, 3n]], (a, c) => py.list(py.map(b('divmod'), a, c))),
  call('lambda xs: list(filter(None, xs))', [[0n, 1n, '', 'a', [], [0n]]], (xs) => py.list(py.filter(null, xs))),
  call('lambda xs: list(filter(str, xs))', [[0n, '']], (xs) => py.list(py.filter(b('str'), xs))),
  call('lambda xs: list(map(len, xs))', [['ab', 3n]], (xs) => py.list(py.map(b('len'), xs))),
  call('lambda: [len, int, str, map, isinstance]', [], () => [b('len'), b('int'), b('str'), b('map'), b('isinstance')]),
  call('lambda xs: sorted(xs, key=str)', [[10n, 9n, 1n]], (xs) => py.sorted(xs, { key: b('str') })),
  call('lambda xs: max(xs, key=len, default=None)', [[]], (xs) => py.max(xs, { key: b('len'), default: null })),
  call('lambda: max(1, 2, default=0)', [], () => py.max(1n, 2n, { default: 0n })),
  call('lambda xs: min(*xs, key=abs)', [[3n, -1n, 1n]], (...xs) => py.min(...xs, { key: b('abs') })),
  call('lambda xs: sorted(xs, key=3)', [[1n, 2n]], (xs) => py.sorted(xs, { key: 3n })),
  call('lambda: sum([[1], [2]], [])', [], () => py.sum([[1n], [2n]], [])),
  call('lambda xs: list(enumerate(xs, -2))', [['a', 'b']], (xs) => py.list(py.enumerate(xs, -2n))),
  call('lambda xs, x: xs.remove(x)', [[1n, 2n], 3n], method('remove')),
  call('lambda xs, x: xs.index(x)', [[1n, 2n], 'a'], method('index')),
  call('lambda xs, x, i: xs.index(x, i)', [[1n, 2n, 1n], 1n, -1n], method('index')),
  call('lambda xs, i, x: [xs.insert(i, x), xs][1]', [[1n, 2n], -10n, 0n], (xs, i, x) => [py.callMethod(xs, 'insert', i, x), xs][1]),
  call('lambda xs: xs.insert(1)', [[1n]], (xs) => py.callMethod(xs, 'insert', 1n)),
  call('lambda xs: [xs.extend(xs), xs][1]', [[1n, 2n]], (xs) => [py.callMethod(xs, 'extend', xs), xs][1]),
  call('lambda xs: xs.extend(3)', [[1n]], (xs) => py.callMethod(xs, 'extend', 3n)),
  call('lambda xs: xs.sort(1)', [[1n]], (xs) => py.callMethod(xs, 'sort', 1n)),
  call('lambda xs: xs.reverse(1)', [[1n]], (xs) => py.callMethod(xs, 'reverse', 1n)),
  call('lambda xs: xs.count(1)', [[1n, 1.0, true, '1']], (xs) => py.callMethod(xs, 'count', 1n)),
  call('lambda t: t.index(3)', [t(1n, 2n)], (x) => py.callMethod(x, 'index', 3n)),
  call('lambda t: t.count(2)', [t(2n, 2n)], (x) => py.callMethod(x, 'count', 2n)),
  call('lambda xs: xs[1:-1:2]', [[1n, 2n, 3n, 4n, 5n]], (xs) => py.getitem(xs, py.slice(1n, -1n, 2n))),
  call('lambda xs: xs[::0]', [[1n]], (xs) => py.getitem(xs, py.slice(null, null, 0n))),
  call('lambda xs: xs[::-2]', [t(1n, 2n, 3n)], (xs) => py.getitem(xs, py.slice(null, null, -2n))),
  call("lambda xs: xs['a':]", [[1n]], (xs) => py.getitem(xs, py.slice('a', null, null))),
  call('lambda s: s[-100:2]', ['h😀llo'], (s) => py.getitem(s, py.slice(-100n, 2n, null))),
  call('lambda: range(0, 20, 3)[-2:1:-2]', [], () => py.getitem(py.range(0n, 20n, 3n), py.slice(-2n, 1n, -2n))),
];

/** Random lists for sort/sorted/min/max: ints, or strs, or (rarely) a mix that raises. */
const item = fc.oneof(fc.integer({ min: -5, max: 5 }).map(BigInt), fc.constantFrom('a', 'bb', 'B', ''));
const list = fc.oneof(fc.array(fc.integer({ min: -9, max: 9 }).map(BigInt), { maxLength: 70 }), fc.array(fc.constantFrom('a', 'bb', 'B', '', 'ccc'), { maxLength: 9 }), fc.array(item, { maxLength: 5 }));
const key = fc.constantFrom('None', 'abs', 'str', 'len', 'bool');

function sortCalls(seed: number): DualCall[] {
  return fc.sample(fc.tuple(list, key, fc.boolean(), fc.constantFrom('sorted', 'sort', 'min', 'max')), { seed, numRuns: 300 }).map(([xs, k, reverse, fn]) => {
    const keyValue = k === 'None' ? null : b(k);
    const R = reverse ? 'True' : 'False';
    if (fn === 'sorted') return call(`lambda xs: sorted(xs, key=${k}, reverse=${R})`, [xs], (x) => py.sorted(x, { key: keyValue, reverse }));
    if (fn === 'sort') return call(`lambda xs: [xs.sort(key=${k}, reverse=${R}), xs][1]`, [xs], (x) => [py.callMethod(x, 'sort', { key: keyValue, reverse }), x][1]);
    return call(`lambda xs: ${fn}(xs, key=${k}, default='none')`, [xs], (x) => (fn === 'min' ? py.min : py.max)(x, { key: keyValue, default: 'none' }));
  });
}

describe('builtins and list methods match CPython', () => {
  it('fixed calls, results and errors', async () => {
    expect(await mismatches(FIXED)).toEqual([]);
  }, 120_000);

  it('sort, sorted, min, max with key/reverse/default (seed 42)', async () => {
    expect((await mismatches(sortCalls(42))).slice(0, 5)).toEqual([]);
  }, 120_000);

  it('sort, sorted, min, max with key/reverse/default (random seed)', async () => {
    expect((await mismatches(sortCalls(randomSeed('sort')))).slice(0, 5)).toEqual([]);
  }, 120_000);
});
