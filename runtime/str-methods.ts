/**
 * The str methods programs call (`s.split()`, `', '.join(xs)`, `s.center(9, '*')`...), with
 * CPython 3.11's results and messages. Indices and lengths count code points, as Python does.
 *
 * Ports Objects/unicodeobject.c (unicode_split/rsplit via stringlib/split.h, do_strip, replace,
 * pad/zfill, do_upper/do_lower/do_title/do_capitalize/do_swapcase, the is* predicates) and
 * stringlib/find.h's ADJUST_INDICES for `start`/`end`.
 */
import { AttributeError, TypeError, ValueError } from './exceptions.ts';
import { chars, iter } from './sequences.ts';
import { strFormat } from './str-format.ts';
import { PyTuple, typeName, type PyValue } from './values.ts';
import type { Kwargs } from './builtins.ts';

/** Python's whitespace (`str.isspace`, `split()`, `strip()`): bidi WS/B/S or category Zs; JS `\s` differs (\x1c-\x1f, \ufeff). */
const PY_SPACE = /^[\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
const isSpace = (c: string): boolean => PY_SPACE.test(c);

type StrMethod = (s: string, args: PyValue[], kw: Kwargs) => PyValue;

function noArgs(name: string): StrMethod {
  const fn = NO_ARG_METHODS[name];
  return (s, args) => {
    if (args.length > 0) throw new TypeError(`str.${name}() takes no arguments (${args.length} given)`);
    return fn(s);
  };
}

function argRange(name: string, args: PyValue[], min: number, max: number): void {
  if (args.length < min) {
    throw new TypeError(min === max ? `${name}() takes exactly ${min === 1 ? 'one argument' : `${min} arguments`} (${args.length} given)` : `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
  }
  if (args.length > max) {
    throw new TypeError(min === max ? `${name}() takes exactly ${max === 1 ? 'one argument' : `${max} arguments`} (${args.length} given)` : `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
}

function noKeywords(name: string, kw: Kwargs): void {
  if (Object.keys(kw).length > 0) throw new TypeError(`str.${name}() takes no keyword arguments`);
}

/** An int argument (`__index__`): width, count, maxsplit. */
function asIndex(v: PyValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new TypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

function clampIndex(v: bigint): number {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  return Number(v > max ? max : v < -max ? -max : v);
}

/** `start`/`end` of find/count/startswith: int or None, clamped as a slice (ADJUST_INDICES). */
function span(n: number, start: PyValue | undefined, end: PyValue | undefined): [number, number] {
  const bound = (v: PyValue | undefined, fallback: number): number => {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'bigint' && typeof v !== 'boolean') throw new TypeError('slice indices must be integers or None or have an __index__ method');
    let k = clampIndex(asIndex(v));
    if (k < 0) k = Math.max(0, k + n);
    return Math.min(k, n);
  };
  // start is not clamped to n: a start past the end finds nothing (even '').
  let a = 0;
  if (start !== undefined && start !== null) {
    if (typeof start !== 'bigint' && typeof start !== 'boolean') throw new TypeError('slice indices must be integers or None or have an __index__ method');
    a = clampIndex(asIndex(start));
    if (a < 0) a = Math.max(0, a + n);
  }
  return [a, bound(end, n)];
}

function needStr(v: PyValue, message: string): string {
  if (typeof v !== 'string') throw new TypeError(message.replace('%T', typeName(v)));
  return v;
}

/** Index of `sub` in code points `cs[a:b]` (first or last), or -1. */
function search(cs: string[], sub: string, a: number, b: number, last: boolean): number {
  const n = cs.length;
  if (a > n) return -1;
  const subLen = chars(sub).length;
  if (b - a < subLen) return -1;
  const hay = cs.slice(a, b).join('');
  const at = last ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  if (at < 0) return -1;
  return a + chars(hay.slice(0, at)).length;
}

function findLike(name: string, last: boolean, raise: boolean): StrMethod {
  return (s, args, kw) => {
    noKeywords(name, kw);
    argRange(name, args, 1, 3);
    const sub = needStr(args[0], 'must be str, not %T');
    const cs = chars(s);
    const [a, b] = span(cs.length, args[1], args[2]);
    const k = search(cs, sub, a, b, last);
    if (k < 0 && raise) throw new ValueError('substring not found');
    return BigInt(k);
  };
}

function count(s: string, args: PyValue[], kw: Kwargs): bigint {
  noKeywords('count', kw);
  argRange('count', args, 1, 3);
  const sub = needStr(args[0], 'must be str, not %T');
  const cs = chars(s);
  const [a, b] = span(cs.length, args[1], args[2]);
  if (a > cs.length) return 0n;
  if (sub === '') return BigInt(b >= a ? b - a + 1 : 0);
  const hay = cs.slice(a, b).join('');
  let found = 0;
  for (let i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length)) found++;
  return BigInt(found);
}

function affix(name: 'startswith' | 'endswith'): StrMethod {
  return (s, args, kw) => {
    noKeywords(name, kw);
    argRange(name, args, 1, 3);
    const cs = chars(s);
    const [a, b] = span(cs.length, args[1], args[2]);
    const test = (p: string): boolean => {
      if (a > cs.length) return false;
      const window = cs.slice(a, Math.max(a, b)).join('');
      if (b - a < chars(p).length) return false;
      return name === 'startswith' ? window.startsWith(p) : window.endsWith(p);
    };
    const what = args[0];
    if (what instanceof PyTuple) {
      for (const p of what.items) {
        if (typeof p !== 'string') throw new TypeError(`tuple for ${name} must only contain str, not ${typeName(p)}`);
        if (test(p)) return true;
      }
      return false;
    }
    if (typeof what !== 'string') throw new TypeError(`${name} first arg must be str or a tuple of str, not ${typeName(what)}`);
    return test(what);
  };
}

// ---------------------------------------------------------------------------- split

function splitArgs(name: string, args: PyValue[], kw: Kwargs): [string | null, number] {
  for (const k of Object.keys(kw)) {
    if (k !== 'sep' && k !== 'maxsplit') throw new TypeError(`${name}() got an unexpected keyword argument '${k}'`);
  }
  if (args.length > 2) throw new TypeError(`${name}() takes at most 2 arguments (${args.length} given)`);
  if (args.length >= 1 && kw.sep !== undefined) throw new TypeError(`argument for ${name}() given by name ('sep') and position (1)`);
  if (args.length >= 2 && kw.maxsplit !== undefined) throw new TypeError(`argument for ${name}() given by name ('maxsplit') and position (2)`);
  const sepArg = args.length >= 1 ? args[0] : kw.sep ?? null;
  const maxArg = args.length >= 2 ? args[1] : kw.maxsplit ?? -1n;
  if (sepArg !== null && typeof sepArg !== 'string') throw new TypeError(`must be str or None, not ${typeName(sepArg)}`);
  const max = clampIndex(asIndex(maxArg));
  if (sepArg === '') throw new ValueError('empty separator');
  return [sepArg, max < 0 ? Number.MAX_SAFE_INTEGER : max];
}

function splitWhitespace(cs: string[], max: number): string[] {
  const out: string[] = [];
  const n = cs.length;
  let i = 0;
  while (max-- > 0) {
    while (i < n && isSpace(cs[i])) i++;
    if (i === n) break;
    const j = i;
    i++;
    while (i < n && !isSpace(cs[i])) i++;
    out.push(cs.slice(j, i).join(''));
  }
  if (i < n) {
    while (i < n && isSpace(cs[i])) i++;
    if (i !== n) out.push(cs.slice(i).join(''));
  }
  return out;
}

function rsplitWhitespace(cs: string[], max: number): string[] {
  const out: string[] = [];
  let i = cs.length - 1;
  while (max-- > 0) {
    while (i >= 0 && isSpace(cs[i])) i--;
    if (i < 0) break;
    const j = i;
    i--;
    while (i >= 0 && !isSpace(cs[i])) i--;
    out.push(cs.slice(i + 1, j + 1).join(''));
  }
  if (i >= 0) {
    while (i >= 0 && isSpace(cs[i])) i--;
    if (i >= 0) out.push(cs.slice(0, i + 1).join(''));
  }
  return out.reverse();
}

function split(s: string, args: PyValue[], kw: Kwargs): string[] {
  const [sep, max] = splitArgs('split', args, kw);
  if (sep === null) return splitWhitespace(chars(s), max);
  const out: string[] = [];
  let rest = s;
  for (let left = max; left > 0; left--) {
    const k = rest.indexOf(sep);
    if (k < 0) break;
    out.push(rest.slice(0, k));
    rest = rest.slice(k + sep.length);
  }
  out.push(rest);
  return out;
}

function rsplit(s: string, args: PyValue[], kw: Kwargs): string[] {
  const [sep, max] = splitArgs('rsplit', args, kw);
  if (sep === null) return rsplitWhitespace(chars(s), max);
  const out: string[] = [];
  let rest = s;
  for (let left = max; left > 0; left--) {
    const k = rest.lastIndexOf(sep);
    if (k < 0) break;
    out.push(rest.slice(k + sep.length));
    rest = rest.slice(0, k);
  }
  out.push(rest);
  return out.reverse();
}

// ---------------------------------------------------------------------------- strip, replace, join

function strip(name: 'strip' | 'lstrip' | 'rstrip'): StrMethod {
  return (s, args, kw) => {
    noKeywords(name, kw);
    argRange(name, args, 0, 1);
    const arg = args.length === 0 ? null : args[0];
    if (arg !== null && typeof arg !== 'string') throw new TypeError(`${name} arg must be None or str`);
    const strip = arg === null ? isSpace : (c: string) => chars(arg).includes(c);
    const cs = chars(s);
    let a = 0;
    let b = cs.length;
    if (name !== 'rstrip') while (a < b && strip(cs[a])) a++;
    if (name !== 'lstrip') while (b > a && strip(cs[b - 1])) b--;
    return cs.slice(a, b).join('');
  };
}

function replace(s: string, args: PyValue[], kw: Kwargs): string {
  noKeywords('replace', kw);
  argRange('replace', args, 2, 3);
  const old = needStr(args[0], 'replace() argument 1 must be str, not %T');
  const rep = needStr(args[1], 'replace() argument 2 must be str, not %T');
  let n = args.length > 2 ? clampIndex(asIndex(args[2])) : -1;
  if (n < 0) n = Number.MAX_SAFE_INTEGER;
  if (old === '') {
    const cs = chars(s);
    let out = '';
    for (let i = 0; i <= cs.length; i++) {
      if (n > 0) {
        out += rep;
        n--;
      }
      if (i < cs.length) out += cs[i];
    }
    return out;
  }
  let out = '';
  let rest = s;
  while (n > 0) {
    const k = rest.indexOf(old);
    if (k < 0) break;
    out += rest.slice(0, k) + rep;
    rest = rest.slice(k + old.length);
    n--;
  }
  return out + rest;
}

function join(s: string, args: PyValue[], kw: Kwargs): string {
  noKeywords('join', kw);
  argRange('join', args, 1, 1);
  let items: Iterable<PyValue>;
  try {
    items = iter(args[0]);
  } catch {
    throw new TypeError('can only join an iterable');
  }
  const parts: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') throw new TypeError(`sequence item ${parts.length}: expected str instance, ${typeName(item)} found`);
    parts.push(item);
  }
  return parts.join(s);
}

// ---------------------------------------------------------------------------- padding

function pad(name: 'ljust' | 'rjust' | 'center'): StrMethod {
  return (s, args, kw) => {
    noKeywords(name, kw);
    argRange(name, args, 1, 2);
    const width = clampIndex(asIndex(args[0]));
    let fill = ' ';
    if (args.length > 1) {
      fill = needStr(args[1], `${name}() argument 2 must be str, not %T`);
      if (chars(fill).length !== 1) throw new TypeError('The fill character must be exactly one character long');
    }
    const n = chars(s).length;
    if (width <= n) return s;
    const marg = width - n;
    if (name === 'ljust') return s + fill.repeat(marg);
    if (name === 'rjust') return fill.repeat(marg) + s;
    // unicodeobject.c pad(): left = marg / 2 + (marg & width & 1)
    const left = Math.floor(marg / 2) + (marg & width & 1);
    return fill.repeat(left) + s + fill.repeat(marg - left);
  };
}

function zfill(s: string, args: PyValue[], kw: Kwargs): string {
  noKeywords('zfill', kw);
  argRange('zfill', args, 1, 1);
  const width = clampIndex(asIndex(args[0]));
  const cs = chars(s);
  if (width <= cs.length) return s;
  const zeros = '0'.repeat(width - cs.length);
  if (cs.length > 0 && (cs[0] === '+' || cs[0] === '-')) return cs[0] + zeros + cs.slice(1).join('');
  return zeros + s;
}

// ---------------------------------------------------------------------------- case

const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
const TITLE = /^\p{Lt}$/u;
const CASED = /^\p{Cased}$/u;

/** Titlecase of one character: its uppercase, except the digraphs that have a titlecase form. */
function titleChar(c: string): string {
  const special: Record<string, string> = { 'ǆ': 'ǅ', 'ǅ': 'ǅ', 'Ǆ': 'ǅ', 'ǉ': 'ǈ', 'ǈ': 'ǈ', 'Ǉ': 'ǈ', 'ǌ': 'ǋ', 'ǋ': 'ǋ', 'Ǌ': 'ǋ', 'ǳ': 'ǲ', 'ǲ': 'ǲ', 'Ǳ': 'ǲ', 'ß': 'Ss' };
  return special[c] ?? c.toUpperCase();
}

function title(s: string): string {
  let out = '';
  let previousCased = false;
  for (const c of chars(s)) {
    out += previousCased ? c.toLowerCase() : titleChar(c);
    previousCased = CASED.test(c);
  }
  return out;
}

function capitalize(s: string): string {
  const cs = chars(s);
  if (cs.length === 0) return s;
  return titleChar(cs[0]) + cs.slice(1).join('').toLowerCase();
}

function swapcase(s: string): string {
  let out = '';
  for (const c of chars(s)) out += UPPER.test(c) ? c.toLowerCase() : LOWER.test(c) ? c.toUpperCase() : c;
  return out;
}

function isUpper(s: string): boolean {
  let cased = false;
  for (const c of chars(s)) {
    if (LOWER.test(c) || TITLE.test(c)) return false;
    if (UPPER.test(c)) cased = true;
  }
  return cased;
}

function isLower(s: string): boolean {
  let cased = false;
  for (const c of chars(s)) {
    if (UPPER.test(c) || TITLE.test(c)) return false;
    if (LOWER.test(c)) cased = true;
  }
  return cased;
}

/** Every character matches, and there is at least one (CPython's is* on an empty str are False). */
const every = (test: (c: string) => boolean) => (s: string): boolean => s.length > 0 && chars(s).every(test);
const ALPHA = /^\p{L}$/u;
const DECIMAL = /^\p{Nd}$/u;
/** Numeric_Type=Digit beyond Nd: superscripts, subscripts, circled digits (the common ones). */
const DIGIT_EXTRA = /^[\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792]$/;
const isDigit = (c: string): boolean => DECIMAL.test(c) || DIGIT_EXTRA.test(c);
const NUMERIC = /^\p{N}$/u;

const NO_ARG_METHODS: Record<string, (s: string) => PyValue> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  title,
  capitalize,
  swapcase,
  isdigit: every(isDigit),
  isdecimal: every((c) => DECIMAL.test(c)),
  isnumeric: every((c) => NUMERIC.test(c)),
  isalpha: every((c) => ALPHA.test(c)),
  isalnum: every((c) => ALPHA.test(c) || isDigit(c) || NUMERIC.test(c)),
  isspace: every(isSpace),
  isupper: isUpper,
  islower: isLower,
};

function partition(name: 'partition' | 'rpartition'): StrMethod {
  return (s, args, kw) => {
    noKeywords(name, kw);
    argRange(name, args, 1, 1);
    const sep = needStr(args[0], 'must be str, not %T');
    if (sep === '') throw new ValueError('empty separator');
    const k = name === 'partition' ? s.indexOf(sep) : s.lastIndexOf(sep);
    if (k < 0) return name === 'partition' ? new PyTuple([s, '', '']) : new PyTuple(['', '', s]);
    return new PyTuple([s.slice(0, k), sep, s.slice(k + sep.length)]);
  };
}

/** Line boundaries of str.splitlines (Py_UNICODE_ISLINEBREAK), `\r\n` counting as one. */
const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;

function splitlines(s: string, args: PyValue[], kw: Kwargs): string[] {
  for (const k of Object.keys(kw)) if (k !== 'keepends') throw new TypeError(`splitlines() got an unexpected keyword argument '${k}'`);
  if (args.length > 1) throw new TypeError(`splitlines() takes at most 1 argument (${args.length} given)`);
  if (args.length === 1 && kw.keepends !== undefined) throw new TypeError("argument for splitlines() given by name ('keepends') and position (1)");
  const keepArg = args.length === 1 ? args[0] : kw.keepends ?? false;
  if (typeof keepArg !== 'bigint' && typeof keepArg !== 'boolean') throw new TypeError(`'${typeName(keepArg)}' object cannot be interpreted as an integer`);
  const keep = keepArg === true || (typeof keepArg === 'bigint' && keepArg !== 0n);
  const out: string[] = [];
  let start = 0;
  for (const m of s.matchAll(LINE_BREAK)) {
    out.push(s.slice(start, keep ? m.index! + m[0].length : m.index!));
    start = m.index! + m[0].length;
  }
  if (start < s.length) out.push(s.slice(start));
  return out;
}

function removeAffix(name: 'removeprefix' | 'removesuffix'): StrMethod {
  return (s, args, kw) => {
    noKeywords(name, kw);
    argRange(name, args, 1, 1);
    const affix = needStr(args[0], `${name}() argument must be str, not %T`);
    if (affix === '') return s;
    if (name === 'removeprefix') return s.startsWith(affix) ? s.slice(affix.length) : s;
    return s.endsWith(affix) ? s.slice(0, s.length - affix.length) : s;
  };
}

const METHODS: Record<string, StrMethod> = {
  partition: partition('partition'),
  rpartition: partition('rpartition'),
  splitlines,
  removeprefix: removeAffix('removeprefix'),
  removesuffix: removeAffix('removesuffix'),
  format: (s, args, kw) => strFormat(s, args, kw),
  join,
  split,
  rsplit,
  strip: strip('strip'),
  lstrip: strip('lstrip'),
  rstrip: strip('rstrip'),
  replace,
  startswith: affix('startswith'),
  endswith: affix('endswith'),
  find: findLike('find', false, false),
  rfind: findLike('rfind', true, false),
  index: findLike('index', false, true),
  rindex: findLike('rindex', true, true),
  count,
  ljust: pad('ljust'),
  rjust: pad('rjust'),
  center: pad('center'),
  zfill,
  ...Object.fromEntries(Object.keys(NO_ARG_METHODS).map((name) => [name, (s: string, args: PyValue[], kw: Kwargs) => (noKeywords(name, kw), noArgs(name)(s, args, kw))])),
};

/** Whether `name` is a str method this runtime has. */
export function isStrMethod(name: string): boolean {
  return Object.hasOwn(METHODS, name);
}

/** `s.<name>(*args, **kw)`. */
export function strMethod(s: string, name: string, args: PyValue[], kw: Kwargs): PyValue {
  const method = METHODS[name];
  if (!Object.hasOwn(METHODS, name)) throw new AttributeError(`'str' object has no attribute '${name}'`);
  return method(s, args, kw);
}
