/**
 * The builtins the IR may call (`BUILTINS` of ir/program.ts), with CPython 3.11's results
 * and error messages. Ports Python/bltinmodule.c and the constructors of int, float,
 * bool, list, tuple, range, enumerate and zip.
 *
 * Keyword arguments arrive as one trailing plain object (`print('a', 'b', { sep: '-' })`):
 * no Python value is a plain JS object, so it cannot be mistaken for an argument.
 */
import { OverflowError, TypeError, UnicodeEncodeError, ValueError } from './exceptions.ts';
import { roundHalfEven, roundToPlaces } from './decimal.ts';
import { add, gt, intToFloat, lt, truthy, valueUnary } from './ops.ts';
import { callMethod, chars, iter } from './sequences.ts';
import { printedStrs, repr as reprOf, str as strOf } from './str.ts';
import { check, checkPrintDepth } from './frames.ts';
import { callValue } from './callable.ts';
import { sortItems } from './list-methods.ts';
import { PyIterator, PyRange, PyTuple, typeName, type PyValue } from './values.ts';
import { containerHooks } from './container-hooks.ts';
import { objectHooks } from './object-hooks.ts';

/** Keyword arguments, as the transpiler passes them. */
export type Kwargs = Record<string, PyValue>;

function isKwargs(v: unknown): v is Kwargs {
  return v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
}

/** Split a trailing keyword object off `args`, refusing names `allowed` lacks. */
function splitKwargs(fn: string, args: unknown[], allowed: readonly string[]): [PyValue[], Kwargs] {
  const last = args[args.length - 1];
  if (!isKwargs(last)) return [args as PyValue[], {}];
  for (const name of Object.keys(last)) {
    if (!allowed.includes(name)) {
      throw new TypeError(allowed.length === 0 ? `${fn}() takes no keyword arguments` : `'${name}' is an invalid keyword argument for ${fn}()`);
    }
  }
  return [args.slice(0, -1) as PyValue[], last];
}

function arity(fn: string, args: unknown[], min: number, max: number): void {
  if (args.length >= min && args.length <= max) return;
  if (min === max) throw new TypeError(`${fn}() takes exactly ${plural(min, 'argument')} (${args.length} given)`);
  if (args.length < min) throw new TypeError(`${fn} expected at least ${plural(min, 'argument')}, got ${args.length}`);
  throw new TypeError(`${fn} expected at most ${plural(max, 'argument')}, got ${args.length}`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

// ---------------------------------------------------------------------------- print

type Sink = (text: string) => void;
const defaultSink: Sink = (text) => void process.stdout.write(text);
let stdout: Sink = defaultSink;

/** Where `print` writes; `null` restores `process.stdout.write`. */
export function setStdout(sink: Sink | null): void {
  stdout = sink ?? defaultSink;
}

/**
 * `print(*args, sep=' ', end='\n', file=None, flush=False)`: to stdout, one write of the whole line,
 * as the trace wants. A `file` (only through print as a value: a direct call takes sep= and end=)
 * gets CPython's writes, each argument, separator and end in turn, then flush() if asked.
 */
export function print(...args: Array<PyValue | Kwargs>): null {
  const [values, kw] = splitKwargs('print', args, ['sep', 'end', 'file', 'flush']);
  checkPrintDepth(values);
  const sep = textOption('sep', kw.sep, ' ');
  const end = textOption('end', kw.end, '\n');
  const pieces = printedStrs(values);
  if (kw.file !== undefined && kw.file !== null) {
    pieces.forEach((piece, i) => {
      if (i > 0) callMethod(kw.file, 'write', sep);
      callMethod(kw.file, 'write', piece);
    });
    callMethod(kw.file, 'write', end);
    if (kw.flush !== undefined && truthy(kw.flush)) callMethod(kw.file, 'flush');
    return null;
  }
  const text = pieces.join(sep) + end;
  if (LONE_SURROGATE.test(text)) refuseSurrogates(pieces, sep, end);
  stdout(text);
  return null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * CPython's print writes each argument, separator and end in turn to a UTF-8 stdout
 * (errors='strict'): the first piece holding a lone surrogate raises UnicodeEncodeError, after
 * the pieces before it were written. Ports Objects/unicodeobject.c's message for the run of
 * surrogates that starts there (positions in code points).
 */
function refuseSurrogates(pieces: string[], sep: string, end: string): never {
  const writes = pieces.flatMap((piece, i) => (i === 0 ? [piece] : [sep, piece])).concat(end);
  let written = '';
  for (const piece of writes) {
    const match = LONE_SURROGATE.exec(piece);
    if (!match) {
      written += piece;
      continue;
    }
    if (written !== '') stdout(written);
    const codePoints = [...piece];
    const start = [...piece.slice(0, match.index)].length;
    let stop = start;
    while (stop + 1 < codePoints.length && /^[\ud800-\udfff]$/.test(codePoints[stop + 1])) stop += 1;
    const hex = (cp: string) => `'\\u${cp.charCodeAt(0).toString(16).padStart(4, '0')}'`;
    throw new UnicodeEncodeError(
      stop === start
        ? `'utf-8' codec can't encode character ${hex(codePoints[start])} in position ${start}: surrogates not allowed`
        : `'utf-8' codec can't encode characters in position ${start}-${stop}: surrogates not allowed`,
    );
  }
  throw new UnicodeEncodeError("'utf-8' codec can't encode: surrogates not allowed");
}

function textOption(name: string, value: PyValue | undefined, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new TypeError(`${name} must be None or a string, not ${typeName(value)}`);
  return value;
}

// ---------------------------------------------------------------------------- conversions

/** `str(x='')`. */
export function str(...args: PyValue[]): string {
  arity('str', args, 0, 1);
  if (args.length === 0) return '';
  // PyObject_Str checks the recursion limit, except for a str (returned as is).
  if (typeof args[0] !== 'string') check(1, ' while getting the str of an object');
  return strOf(args[0]);
}

/** `repr(x)`. */
export function repr(...args: PyValue[]): string {
  arity('repr', args, 1, 1);
  return reprOf(args[0]);
}

/** `bool(x=False)`. */
export function bool(...args: PyValue[]): boolean {
  arity('bool', args, 0, 1);
  return args.length === 0 ? false : truthy(args[0]);
}

const DECIMAL_DIGIT = /\p{Nd}/u;

/**
 * Map every Unicode decimal digit to ASCII, as int() and float() accept them
 * (`int('١٢')` is 12). Nd digits come in runs of ten starting at zero, so a digit's
 * value is its distance from the start of its run of consecutive Nd code points, mod 10.
 */
function asciiDigits(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80 || !DECIMAL_DIGIT.test(ch)) {
      out += ch;
      continue;
    }
    let start = cp;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    out += String((cp - start) % 10);
  }
  return out;
}

const INT_DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

function parseInt(text: string, base: number): bigint | undefined {
  let body = asciiDigits(text).trim().toLowerCase();
  let negative = false;
  if (body.startsWith('-') || body.startsWith('+')) {
    negative = body.startsWith('-');
    body = body.slice(1);
  }
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : undefined;
  if (prefix && body.startsWith(prefix)) body = body.slice(2).replace(/^_/, '');
  if (body === '' || body.startsWith('_') || body.endsWith('_') || body.includes('__')) return undefined;
  let value = 0n;
  for (const ch of body.replaceAll('_', '')) {
    const digit = INT_DIGITS.indexOf(ch);
    if (digit < 0 || digit >= base) return undefined;
    value = value * BigInt(base) + BigInt(digit);
  }
  return negative ? -value : value;
}

/** `int(x=0)`, `int(text, base)`: floats truncate toward zero. */
export function int(...allArgs: Array<PyValue | Kwargs>): bigint {
  const [args, kw] = splitKwargs('int', allArgs, ['base']);
  arity('int', args, 0, 2);
  const x = args.length === 0 ? 0n : args[0];
  const baseArg = args.length === 2 ? args[1] : kw.base;
  if (baseArg !== undefined) {
    if (typeof x !== 'string') throw new TypeError("int() can't convert non-string with explicit base");
    const base = Number(baseArg);
    const parsed = parseInt(x, base);
    if (parsed === undefined) throw new ValueError(`invalid literal for int() with base ${base}: ${reprOf(x)}`);
    return parsed;
  }
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw new OverflowError('cannot convert float infinity to integer');
    return BigInt(Math.trunc(x));
  }
  if (typeof x === 'string') {
    const parsed = parseInt(x, 10);
    if (parsed === undefined) throw new ValueError(`invalid literal for int() with base 10: ${reprOf(x)}`);
    return parsed;
  }
  throw new TypeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

const FLOAT_TEXT = /^[+-]?(\d+(_\d+)*\.?(\d+(_\d+)*)?|\.\d+(_\d+)*)([eE][+-]?\d+(_\d+)*)?$/;

/** `float(x=0.0)`: ints round correctly; text as Python's `float()` reads it. */
export function float(...args: PyValue[]): number {
  arity('float', args, 0, 1);
  if (args.length === 0) return 0.0;
  const x = args[0];
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return intToFloat(x);
  if (typeof x === 'boolean') return x ? 1.0 : 0.0;
  if (typeof x === 'string') {
    const text = asciiDigits(x).trim();
    const special = /^([+-]?)(inf|infinity|nan)$/i.exec(text);
    if (special) {
      if (special[2].toLowerCase() === 'nan') return NaN;
      return special[1] === '-' ? -Infinity : Infinity;
    }
    if (FLOAT_TEXT.test(text)) return Number.parseFloat(text.replaceAll('_', ''));
    throw new ValueError(`could not convert string to float: ${reprOf(x)}`);
  }
  throw new TypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}

// ---------------------------------------------------------------------------- numbers

/** `abs(x)`. */
export function abs(...args: PyValue[]): PyValue {
  arity('abs', args, 1, 1);
  const x = args[0];
  if (typeof x === 'bigint') return x < 0n ? -x : x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') return Math.abs(x);
  const magnitude = valueUnary('abs', x); // timedelta (datetime.ts)
  if (magnitude !== undefined) return magnitude;
  throw new TypeError(`bad operand type for abs(): '${typeName(x)}'`);
}

/** `round(x, ndigits=None)`: ties to even, on the exact binary value. */
export function round(...allArgs: Array<PyValue | Kwargs>): PyValue {
  const [args, kw] = splitKwargs('round', allArgs, ['number', 'ndigits']);
  arity('round', args, kw.number === undefined ? 1 : 0, 2);
  const x = args.length > 0 ? args[0] : kw.number;
  const nd = args.length > 1 ? args[1] : kw.ndigits ?? null;
  if (nd !== null && typeof nd !== 'bigint' && typeof nd !== 'boolean') {
    throw new TypeError(`'${typeName(nd)}' object cannot be interpreted as an integer`);
  }
  if (typeof x === 'bigint' || typeof x === 'boolean') {
    const value = typeof x === 'bigint' ? x : x ? 1n : 0n;
    if (nd === null || nd === true || nd === false || nd >= 0n) return value;
    const drop = Number(-nd);
    const magnitude = roundHalfEven(value < 0n ? -value : value, drop) * 10n ** BigInt(drop);
    return value < 0n ? -magnitude : magnitude;
  }
  if (typeof x === 'number') {
    if (nd === null) {
      if (Number.isNaN(x)) throw new ValueError('cannot convert float NaN to integer');
      if (!Number.isFinite(x)) throw new OverflowError('cannot convert float infinity to integer');
      const units = roundToPlaces(x, 0);
      return x < 0 ? -units : units;
    }
    const places = Number(nd);
    if (!Number.isFinite(x) || x === 0 || places > 330) return x;
    if (places < -330) return x < 0 ? -0.0 : 0.0;
    const magnitude = Number.parseFloat(`${roundToPlaces(x, places)}e${-places}`);
    if (!Number.isFinite(magnitude)) throw new OverflowError('rounded value too large to represent');
    return x < 0 ? -magnitude : magnitude;
  }
  throw new TypeError(`type ${typeName(x)} doesn't define __round__ method`);
}

/** `sum(iterable, start=0)`: successive `+`, as CPython 3.11 (no compensated float sum). */
export function sum(...allArgs: Array<PyValue | Kwargs>): PyValue {
  const [args, kw] = splitKwargs('sum', allArgs, ['start']);
  arity('sum', args, 1, 2);
  const start = args.length > 1 ? args[1] : kw.start ?? 0n;
  if (typeof start === 'string') throw new TypeError("sum() can't sum strings [use ''.join(seq) instead]");
  let total: PyValue = start;
  for (const item of iter(args[0])) total = add(total, item);
  return total;
}

function extreme(fn: 'min' | 'max', allArgs: Array<PyValue | Kwargs>): PyValue {
  const [args, kw] = splitKwargs(fn, allArgs, ['key', 'default']);
  if (args.length === 0) throw new TypeError(`${fn} expected at least 1 argument, got 0`);
  if (args.length > 1 && kw.default !== undefined) {
    throw new TypeError(`Cannot specify a default for ${fn}() with multiple positional arguments`);
  }
  const items = args.length === 1 ? iter(args[0]) : args;
  const key = kw.key ?? null;
  const better = fn === 'min' ? lt : gt;
  let best: PyValue | undefined;
  let bestKey: PyValue | undefined;
  // The first of equal items wins: replace only when strictly better.
  for (const item of items) {
    const k = key === null ? item : callValue(key, item);
    if (bestKey === undefined || better(k, bestKey)) {
      best = item;
      bestKey = k;
    }
  }
  if (best !== undefined) return best;
  if (kw.default !== undefined) return kw.default;
  throw new ValueError(`${fn}() arg is an empty sequence`);
}

/** `min(iterable)` / `min(a, b, ...)`. */
export function min(...args: Array<PyValue | Kwargs>): PyValue {
  return extreme('min', args);
}

/** `max(iterable)` / `max(a, b, ...)`. */
export function max(...args: Array<PyValue | Kwargs>): PyValue {
  return extreme('max', args);
}

// ---------------------------------------------------------------------------- sequences

/** `len(x)`. */
export function len(...args: PyValue[]): bigint {
  arity('len', args, 1, 1);
  const x = args[0];
  if (typeof x === 'string') return BigInt(chars(x).length);
  if (Array.isArray(x) || x instanceof PyTuple) return BigInt(x.length);
  if (x instanceof PyRange) return x.length;
  if (x instanceof Set) return BigInt(x.size);
  const sized = containerHooks.len(x) ?? objectHooks.len(x); // dict, set, views (containers.ts); __len__ (classes.ts)
  if (sized !== undefined) return sized;
  throw new TypeError(`object of type '${typeName(x)}' has no len()`);
}

function rangeArg(v: PyValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new TypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** `range(stop)`, `range(start, stop[, step])`. */
export function range(...args: PyValue[]): PyRange {
  if (args.length === 0) throw new TypeError('range expected at least 1 argument, got 0');
  if (args.length > 3) throw new TypeError(`range expected at most 3 arguments, got ${args.length}`);
  const [a, b, c] = args.map(rangeArg);
  if (args.length === 1) return new PyRange(0n, a, 1n);
  const step = c ?? 1n;
  if (step === 0n) throw new ValueError('range() arg 3 must not be zero');
  return new PyRange(a, b, step);
}

/** `list(iterable=())`: a new list. */
export function list(...args: PyValue[]): PyValue[] {
  arity('list', args, 0, 1);
  return args.length === 0 ? [] : Array.from(iter(args[0]));
}

/** `tuple(iterable=())`. */
export function tuple(...args: PyValue[]): PyTuple {
  arity('tuple', args, 0, 1);
  if (args.length === 1 && args[0] instanceof PyTuple && args[0].constructor === PyTuple) return args[0]; // a namedtuple becomes a plain tuple
  return new PyTuple(args.length === 0 ? [] : iter(args[0]));
}

/** `sorted(iterable, key=None, reverse=False)`: list.sort on a new list (list-methods.ts). */
export function sorted(...allArgs: Array<PyValue | Kwargs>): PyValue[] {
  const [args, kw] = splitKwargs('sorted', allArgs, ['key', 'reverse']);
  if (args.length !== 1) throw new TypeError(`sorted expected 1 argument, got ${args.length}`);
  return sortItems(Array.from(iter(args[0])), kw.key ?? null, kw.reverse ?? false);
}

/** `enumerate(iterable, start=0)`: lazy pairs `(i, item)`. */
export function enumerate(...allArgs: Array<PyValue | Kwargs>): PyIterator<PyTuple> {
  const [args, kw] = splitKwargs('enumerate', allArgs, ['iterable', 'start']);
  const source = iter(args.length > 0 ? args[0] : (kw.iterable ?? null));
  const startArg = args.length > 1 ? args[1] : kw.start ?? 0n;
  if (typeof startArg !== 'bigint' && typeof startArg !== 'boolean') {
    throw new TypeError(`'${typeName(startArg)}' object cannot be interpreted as an integer`);
  }
  let i = typeof startArg === 'bigint' ? startArg : startArg ? 1n : 0n;
  function* pairs(): Generator<PyTuple> {
    for (const item of source) yield new PyTuple([i++, item]);
  }
  return new PyIterator('enumerate', pairs());
}

/**
 * One item of each iterable at a time, stopping at the shortest (what `zip` and `map` walk).
 * The iterators are taken at once, so a non-iterable raises when zip()/map() is called, as in CPython.
 */
export function lockstep(iterables: PyValue[]): Generator<PyValue[]> {
  const sources = iterables.map((a) => iter(a)[Symbol.iterator]());
  return (function* () {
    if (sources.length === 0) return;
    for (;;) {
      const row: PyValue[] = [];
      for (const source of sources) {
        const next = source.next();
        if (next.done) return;
        row.push(next.value);
      }
      yield row;
    }
  })();
}

/** `zip(*iterables)`: lazy tuples, stopping at the shortest. */
export function zip(...args: PyValue[]): PyIterator<PyTuple> {
  const rows = lockstep(args);
  function* tuples(): Generator<PyTuple> {
    for (const row of rows) yield new PyTuple(row);
  }
  return new PyIterator('zip', tuples());
}
