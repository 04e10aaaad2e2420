/**
 * `text % args`: printf-style formatting (tutorials still write `'%d tasks' % n`).
 * Ports Objects/unicodeobject.c PyUnicode_Format for the conversions
 * `%s %r %a %d %i %u %x %X %o %e %E %f %F %g %G %c %%` with flags `-+ 0#`, width and
 * precision, `*` for either (taken from the arguments, as C does; no `%(name)s`: the IR has no dicts,
 * so a `%(` right after `%` raises what CPython raises without a mapping: mappingKey).
 */
import { OverflowError, TypeError, ValueError } from './exceptions.ts';
import { format } from './format.ts';
import { repr, str } from './str.ts';
import { PyRange, PyTuple, typeName, type PyValue } from './values.ts';

/** `%`, flags, width, precision, an ignored C length modifier, the conversion type. */
const DIRECTIVE = /%([-+ 0#]*)(\d+|\*)?(?:\.(\*|\d*))?[hlL]?(.?)/gsu;

function toInt(v: PyValue, type: string, integerOnly: boolean): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && !integerOnly) {
    if (Number.isNaN(v)) throw new ValueError('cannot convert float NaN to integer');
    if (!Number.isFinite(v)) throw new OverflowError('cannot convert float infinity to integer');
    return BigInt(Math.trunc(v));
  }
  const wanted = integerOnly ? 'an integer is required' : 'a real number is required';
  throw new TypeError(`%${type} format: ${wanted}, not ${typeName(v)}`);
}

function toFloat(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TypeError(`must be real number, not ${typeName(v)}`);
}

/**
 * `%(key)` read from a value that is no dict (PyUnicode_Format's unicode_format_arg_parse): a tuple or
 * a scalar is no mapping at all (checked before the key is read, so before the argument count);
 * a list or range is taken as one (printf's `lenient`): an unclosed key (parentheses nest) is
 * incomplete, a closed one indexes it with a str. Always throws.
 */
function mappingKey(template: string, keyStart: number, args: PyValue, lenient: boolean): never {
  if (!lenient) throw new TypeError('format requires a mapping');
  let depth = 1;
  for (let i = keyStart; i < template.length && depth > 0; i++) {
    if (template[i] === '(') depth++;
    else if (template[i] === ')') depth--;
  }
  if (depth > 0) throw new ValueError('incomplete format key');
  throw new TypeError(`${typeName(args)} indices must be integers or slices, not str`);
}

/** `template % args`. */
export function printf(template: string, args: PyValue): string {
  const values: readonly PyValue[] = args instanceof PyTuple ? args.items : [args];
  // A non-tuple with __getitem__ (list, range) is taken as a mapping: unused, no complaint.
  const lenient = Array.isArray(args) || args instanceof PyRange;
  let next = 0;
  const take = (): PyValue => {
    if (next >= values.length) throw new TypeError('not enough arguments for format string');
    return values[next++];
  };
  const out = template.replace(DIRECTIVE, (all: string, flags: string, width: string | undefined, precision: string | undefined, type: string, offset: number) => {
    // `*` takes the width, then the precision, from the arguments, before the value.
    const starred = (): bigint => {
      const n = take();
      if (typeof n === 'bigint') return n;
      if (typeof n === 'boolean') return n ? 1n : 0n;
      throw new TypeError('* wants int');
    };
    let leftFromStar = false;
    if (width === '*') {
      const n = starred();
      leftFromStar = n < 0n;
      width = String(n < 0n ? -n : n);
    }
    if (precision === '*') {
      const n = starred();
      precision = String(n < 0n ? 0n : n);
    }
    // Only a bare `%%` is a literal: with flags, a width or a precision, `%` is a conversion CPython takes an
    // argument for and then calls unsupported (`'%5%' % ()`: not enough arguments; `'%5%' % 1`: unsupported).
    if (all === '%%') return '%';
    if (all === '%(') mappingKey(template, offset + 2, args, lenient);
    if (type === '') throw new ValueError('incomplete format');
    const left = flags.includes('-') || leftFromStar;
    const align = left ? '<' : '>';
    const zero = flags.includes('0') && !left;
    const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const alt = flags.includes('#') ? '#' : '';
    const w = width ?? '';
    // A bare '.' means precision 0, as in C.
    const p = precision === undefined ? '' : `.${precision || '0'}`;
    const numeric = (spec: string): string => `${zero ? '' : align}${sign}${alt}${zero ? '0' : ''}${w}${spec}`;
    const value = take();
    switch (type) {
      case 's':
      case 'r':
      case 'a':
        return format(type === 's' ? str(value) : repr(value), `${align}${w}${p}`);
      case 'd':
      case 'i':
      case 'u':
        return format(toInt(value, type, false), numeric(''));
      case 'x':
      case 'X':
      case 'o':
        return format(toInt(value, type, true), numeric(type));
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        return format(toFloat(value), numeric(`${precision === undefined ? '.6' : p}${type}`));
      case 'c': {
        if (typeof value === 'string' && [...value].length === 1) return format(value, `${align}${w}`);
        if (typeof value !== 'bigint' && typeof value !== 'boolean') throw new TypeError('%c requires int or char');
        const code = toInt(value, type, true);
        if (code < 0n || code > 0x10ffffn) throw new OverflowError('%c arg not in range(0x110000)');
        return format(String.fromCodePoint(Number(code)), `${align}${w}`);
      }
      default: {
        const code = type.codePointAt(0)!;
        const index = [...template.slice(0, offset + all.length - type.length)].length;
        throw new ValueError(`unsupported format character '${type}' (0x${code.toString(16)}) at index ${index}`);
      }
    }
  });
  if (next < values.length && !lenient) throw new TypeError('not all arguments converted during string formatting');
  return out;
}
