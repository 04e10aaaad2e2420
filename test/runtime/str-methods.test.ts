/**
 * str methods and str.format on random inputs, against CPython through the oracle
 * (_cpython.ts): each call is a lambda the importer reads, run on CPython and on the runtime;
 * results (repr) and errors (`Type: message`) must be identical.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonStringRepr } from '../../ir/python.ts';
import { py, PyTuple, type PyValue } from '../../runtime/index.ts';
import { mismatches, randomSeed, type DualCall } from './_cpython.ts';

/** Text with what the methods care about: spaces of several kinds, separators, case, digits, non-ASCII. */
const ALPHABET = ['a', 'b', 'A', 'B', 'z', 'Z', '1', '0', ' ', ' ', '  ', '\t', '\n', '\x1c', '\xa0', ',', ', ', '-', '.', 'é', 'É', 'Ω', 'ω', '²', '٣', '😀', 'ab', 'ba'];
const text = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((parts) => parts.join(''));
const sub = fc.oneof(fc.constantFrom('', 'a', 'b', ' ', ',', 'ab', 'ba', 'x', '😀'), text);
const smallInt = fc.integer({ min: -4, max: 12 }).map((n) => BigInt(n));
const maybeIndex = fc.oneof(fc.constant(null), smallInt);

type Port = (...a: PyValue[]) => PyValue;
type Case = { py: string; args: PyValue[]; port: Port };
const m = (method: string, ...args: PyValue[]) => (s: PyValue) => py.callMethod(s, method, ...args);

/** One random call of a str method; the arguments are the lambda's, so CPython sees the same values. */
const strCall: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(text, fc.constantFrom('upper', 'lower', 'title', 'capitalize', 'swapcase', 'isdigit', 'isalpha', 'isspace', 'isupper', 'islower', 'isdecimal', 'isalnum', 'strip', 'lstrip', 'rstrip', 'split', 'rsplit')).map(([s, name]) => ({
    py: `lambda s: s.${name}()`, args: [s], port: (x: PyValue) => m(name)(x),
  })),
  fc.tuple(text, sub, smallInt, fc.constantFrom('split', 'rsplit')).map(([s, sep, n, name]) => ({
    py: `lambda s, sep, n: s.${name}(sep, n)`, args: [s, sep, n], port: (x: PyValue, y: PyValue, z: PyValue) => py.callMethod(x, name, y, z),
  })),
  fc.tuple(text, smallInt, fc.constantFrom('split', 'rsplit')).map(([s, n, name]) => ({
    py: `lambda s, n: s.${name}(maxsplit=n)`, args: [s, n], port: (x: PyValue, z: PyValue) => py.callMethod(x, name, { maxsplit: z }),
  })),
  fc.tuple(text, fc.oneof(sub, fc.constant(null)), fc.constantFrom('strip', 'lstrip', 'rstrip')).map(([s, chars, name]) => ({
    py: `lambda s, c: s.${name}(c)`, args: [s, chars], port: (x: PyValue, c: PyValue) => py.callMethod(x, name, c),
  })),
  fc.tuple(text, sub, sub, fc.option(smallInt, { nil: undefined })).map(([s, a, b, n]) => ({
    py: n === undefined ? 'lambda s, a, b: s.replace(a, b)' : 'lambda s, a, b, n: s.replace(a, b, n)',
    args: n === undefined ? [s, a, b] : [s, a, b, n],
    port: (...xs: PyValue[]) => py.callMethod(xs[0], 'replace', ...xs.slice(1)),
  })),
  fc.tuple(text, sub, maybeIndex, maybeIndex, fc.constantFrom('find', 'rfind', 'index', 'rindex', 'count', 'startswith', 'endswith')).map(([s, x, a, b, name]) => ({
    py: `lambda s, x, a, b: s.${name}(x, a, b)`, args: [s, x, a, b], port: (...xs: PyValue[]) => py.callMethod(xs[0], name, ...xs.slice(1)),
  })),
  fc.tuple(text, fc.array(sub, { maxLength: 3 }), fc.constantFrom('startswith', 'endswith')).map(([s, xs, name]) => ({
    py: `lambda s, t: s.${name}(t)`, args: [s, new PyTuple(xs)], port: (x: PyValue, t: PyValue) => py.callMethod(x, name, t),
  })),
  fc.tuple(text, smallInt, fc.constantFrom(' ', '*', '-', 'ab', ''), fc.constantFrom('ljust', 'rjust', 'center')).map(([s, w, fill, name]) => ({
    py: `lambda s, w, f: s.${name}(w, f)`, args: [s, w, fill], port: (...xs: PyValue[]) => py.callMethod(xs[0], name, ...xs.slice(1)),
  })),
  fc.tuple(text, sub, fc.constantFrom('partition', 'rpartition', 'removeprefix', 'removesuffix')).map(([s, x, name]) => ({
    py: `lambda s, x: s.${name}(x)`, args: [s, x], port: (a: PyValue, y: PyValue) => py.callMethod(a, name, y),
  })),
  fc.tuple(fc.array(fc.constantFrom('ab', ' ', '\n', '\r', '\r\n', '\x0b', '\x1c', '\u2028', 'é'), { maxLength: 8 }).map((xs) => xs.join('')), fc.constantFrom(true, false, 0n, 2n)).map(([s, keep]) => ({
    py: 'lambda s, k: [s.splitlines(), s.splitlines(k), s.splitlines(keepends=k)]', args: [s, keep],
    port: (a: PyValue, k: PyValue) => [py.callMethod(a, 'splitlines'), py.callMethod(a, 'splitlines', k), py.callMethod(a, 'splitlines', { keepends: k })],
  })),
  fc.tuple(fc.oneof(text, fc.constantFrom('-42', '+7', '3.5', '-')), smallInt).map(([s, w]) => ({
    py: 'lambda s, w: s.zfill(w)', args: [s, w], port: (x: PyValue, y: PyValue) => py.callMethod(x, 'zfill', y),
  })),
  fc.tuple(sub, fc.array(fc.oneof({ weight: 5, arbitrary: text }, { weight: 1, arbitrary: smallInt }), { maxLength: 4 })).map(([sep, xs]) => ({
    py: 'lambda sep, xs: sep.join(xs)', args: [sep, xs], port: (s: PyValue, x: PyValue) => py.callMethod(s, 'join', x),
  })),
);

/** Templates of str.format: auto and manual numbering, names, conversions, specs (nested too), escapes, and malformed ones. */
const TEMPLATES = [
  '{}', '{} and {}', '{0} {1} {0}', '{name}', '{0!r}', '{!s:>6}', '{:>8.2f}', '{:^9}', '{{}} {}', '{{{0}}}', '{:{}}',
  '{0:{1}}', '{:*<7}', '{:,}', '{}{1}', '{1}{}', '{2}', '{', '}', '{!}', '{0!x}', '{:{:{}}}', '{0:.{1}f}', '{name!r:^10}', 'plain',
  '{:d}', '{:5.1%}', '{!a}', '{0}}', '{:}',
];
const formatArg: fc.Arbitrary<PyValue> = fc.oneof(text, smallInt, fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.boolean(), fc.constant(null), fc.constantFrom(3n, 2n, '>5'));

const formatCall: fc.Arbitrary<Case> = fc.tuple(fc.constantFrom(...TEMPLATES), formatArg, formatArg, formatArg).map(([t, a, b, n]) => ({
  py: `lambda a, b, n: ${pythonStringRepr(t)}.format(a, b, name=n)`,
  args: [a, b, n],
  port: (x: PyValue, y: PyValue, z: PyValue) => py.callMethod(t, 'format', x, y, { name: z }),
}));

function calls(seed: number, numRuns: number): DualCall[] {
  return fc.sample(fc.oneof({ weight: 3, arbitrary: strCall }, { weight: 1, arbitrary: formatCall }), { seed, numRuns });
}

describe('str methods and str.format match CPython', () => {
  it('fixed examples', () => {
    expect(py.callMethod('  a b  c ', 'split', null, 1n)).toEqual(['a', 'b  c ']);
    expect(py.callMethod('abc', 'center', 8n, '*')).toBe('**abc***');
    expect(py.callMethod('{0}-{name}', 'format', 1n, { name: 'x' })).toBe('1-x');
    expect(() => py.callMethod(', ', 'join', [1n])).toThrow('sequence item 0: expected str instance, int found');
    expect(() => py.callMethod('abc', 'index', 'z')).toThrow('substring not found');
  });

  it('random calls (seed 42)', async () => {
    expect((await mismatches(calls(42, 3000))).slice(0, 10)).toEqual([]);
  }, 120_000);

  it('random calls (random seed)', async () => {
    expect((await mismatches(calls(randomSeed('str methods'), 1500))).slice(0, 10)).toEqual([]);
  }, 120_000);
});
