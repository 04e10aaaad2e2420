/**
 * `format(value, spec)`: the format-spec mini-language f-strings use.
 *
 * Ports Python/formatter_unicode.c (parse_internal_render_format_spec, format_string_internal,
 * format_long_internal, format_float_internal) for str, int, bool and float:
 * `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
 */
import { OverflowError, TypeError, ValueError } from './exceptions.ts';
import { fixedDigits, significantDigits } from './decimal.ts';
import { floatRepr, str } from './str.ts';
import { typeName } from './values.ts';

interface FormatSpec {
  fill: string;
  align: '<' | '>' | '=' | '^' | undefined;
  /** undefined when the spec has none (CPython's '\0'); '-' behaves the same otherwise. */
  sign: '+' | '-' | ' ' | undefined;
  noNegativeZero: boolean;
  alternate: boolean;
  width: number;
  grouping: ',' | '_' | undefined;
  precision: number | undefined;
  type: string | undefined;
}

const SPEC = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\p{Nd}+)?([,_])?(?:\.(\p{Nd}+))?([bcdeEfFgGnosxX%])?$/u;

/** A run of decimal digits of any script (CPython reads widths with Py_UNICODE_TODECIMAL). */
function decimalValue(digits: string): number {
  let value = 0;
  for (const d of digits) {
    let zero = d.codePointAt(0)!;
    while (/^\p{Nd}$/u.test(String.fromCodePoint(zero - 1))) zero--;
    value = value * 10 + ((d.codePointAt(0)! - zero) % 10);
  }
  return value;
}

/** `defaultType` is what CPython's format_obj assumes when the spec has no type ('s' for str, 'd' for int). */
function parseSpec(spec: string, defaultType: string | undefined): FormatSpec {
  const m = SPEC.exec(spec);
  if (!m) {
    // As parse_internal_render_format_spec reads it: a '.' needs digits, then at most one
    // character is left, the type code (which CPython names when it does not know it).
    const head = SPEC_HEAD.exec(spec)!;
    let rest = [...spec.slice(head[0].length)];
    if (rest[0] === '.') {
      let digits = 1;
      while (digits < rest.length && /^\p{Nd}$/u.test(rest[digits])) digits++;
      if (digits === 1) throw new ValueError('Format specifier missing precision');
      rest = rest.slice(digits);
    }
    if (rest.length === 1) {
      const separator = head[8];
      const allowed = separator === '_' ? 'defgEGF%box X' : 'defgEGF%';
      if (separator !== undefined && !allowed.includes(rest[0])) throw new ValueError(`Cannot specify '${separator}' with '${codeText(rest[0])}'.`);
      throw new ValueError(`Unknown format code '${codeText(rest[0])}' for object of type '%TYPE%'`);
    }
    throw new ValueError(`Invalid format specifier '${spec}' for object of type '%TYPE%'`);
  }
  const [, fill, align, sign, z, alt, zero, width, grouping, precision, type] = m;
  if (grouping !== undefined) {
    // CPython checks the separator against the type while parsing, before anything else.
    const allowed = grouping === '_' ? 'defgEGF%box X' : 'defgEGF%';
    const effective = type ?? defaultType;
    if (effective !== undefined && !allowed.includes(effective)) throw new ValueError(`Cannot specify '${grouping}' with '${effective}'.`);
  }
  const zeroPad = zero !== undefined;
  return {
    // The '0' flag sets the fill unless a fill is given, and '=' unless an align is
    fill: fill ?? (zeroPad ? '0' : ' '),
    // ... and '=' only for types that align right by default (numbers, not str).
    align: (align as FormatSpec['align']) ?? (zeroPad && defaultType !== 's' ? '=' : undefined),
    sign: sign as FormatSpec['sign'],
    noNegativeZero: z !== undefined,
    alternate: alt !== undefined,
    width: width === undefined ? 0 : decimalValue(width),
    grouping: grouping as FormatSpec['grouping'],
    precision: precision === undefined ? undefined : decimalValue(precision),
    type,
  };
}

/** `format(value, spec)` (what `f'{value:spec}'` calls). */
export function format(value: unknown, spec: string): string {
  if (spec === '') return str(value);
  const formattable = typeof value === 'string' || typeof value === 'bigint' || typeof value === 'boolean' || typeof value === 'number';
  if (!formattable) throw new TypeError(`unsupported format string passed to ${typeName(value)}.__format__`);
  let parsed: FormatSpec;
  try {
    const defaultType = typeof value === 'string' ? 's' : typeof value === 'number' ? undefined : 'd';
    parsed = parseSpec(spec, defaultType);
  } catch (error) {
    if (error instanceof ValueError) throw new ValueError(error.message.replace('%TYPE%', typeName(value)));
    throw error;
  }
  if (typeof value === 'string') return formatStr(value, parsed);
  if (typeof value === 'bigint') return formatInt(value, parsed);
  if (typeof value === 'boolean') return formatInt(value ? 1n : 0n, parsed, 'bool');
  if (typeof value === 'number') return formatFloat(value, parsed);
  throw new TypeError(`unsupported format string passed to ${typeName(value)}.__format__`);
}

function unknownCode(type: string, forType: string): ValueError {
  return new ValueError(`Unknown format code '${codeText(type)}' for object of type '${forType}'`);
}

/** The spec's prefix before the precision (fill/align, sign, z, #, 0, width, grouping). */
const SPEC_HEAD = /^(?:([\s\S])?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\p{Nd}+)?([,_])?/u;

/** A type code in a message: itself when printable ASCII, else `\x<hex>` (unknown_presentation_type). */
function codeText(code: string): string {
  const c = code.codePointAt(0)!;
  return c > 32 && c < 128 ? code : `\\x${c.toString(16)}`;
}

function pad(body: string, spec: FormatSpec, defaultAlign: '<' | '>', signAndPrefix = ''): string {
  const length = [...signAndPrefix].length + [...body].length;
  const missing = Math.max(0, spec.width - length);
  const fill = spec.fill.repeat(missing);
  switch (spec.align ?? defaultAlign) {
    case '<':
      return signAndPrefix + body + fill;
    case '>':
      return fill + signAndPrefix + body;
    case '=':
      return signAndPrefix + fill + body;
    case '^': {
      const left = Math.floor(missing / 2);
      return spec.fill.repeat(left) + signAndPrefix + body + spec.fill.repeat(missing - left);
    }
  }
}

function formatStr(value: string, spec: FormatSpec): string {
  if (spec.type !== undefined && spec.type !== 's') throw unknownCode(spec.type, 'str');
  if (spec.sign === ' ') throw new ValueError('Space not allowed in string format specifier');
  if (spec.sign !== undefined) throw new ValueError('Sign not allowed in string format specifier');
  if (spec.noNegativeZero) throw new ValueError('Negative zero coercion (z) not allowed in string format specifier');
  if (spec.alternate) throw new ValueError('Alternate form (#) not allowed in string format specifier');
  if (spec.align === '=') throw new ValueError("'=' alignment not allowed in string format specifier");
  const text = spec.precision === undefined ? value : [...value].slice(0, spec.precision).join('');
  return pad(text, spec, '<');
}

/** Insert `sep` every `size` digits from the right. */
function group(digits: string, sep: string, size: number): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= size) {
    const start = Math.max(0, end - size);
    out = digits.slice(start, end) + (out ? sep + out : '');
  }
  return out;
}

/**
 * Sign, then digits (integer part grouped), then padding. Zero padding with grouping
 * groups the padding zeros too, as CPython does (`format(1234, '010,')` = `00,001,234`).
 */
function assembleNumber(negative: boolean, prefix: string, intDigits: string, rest: string, spec: FormatSpec, groupSize: number): string {
  const signText = negative ? '-' : spec.sign === '-' ? '' : (spec.sign ?? '');
  const head = signText + prefix;
  if (!spec.grouping) return pad(intDigits + rest, spec, '>', head);
  let grouped = group(intDigits, spec.grouping, groupSize);
  if (spec.fill === '0' && spec.align === '=') {
    let digits = intDigits;
    while (head.length + grouped.length + rest.length < spec.width) {
      digits = `0${digits}`;
      grouped = group(digits, spec.grouping, groupSize);
    }
  }
  return pad(grouped + rest, spec, '>', head);
}

function formatInt(value: bigint, spec: FormatSpec, forType = 'int'): string {
  const type = spec.type;
  if (type !== undefined && !'bcdoxXneEfFgG%'.includes(type)) throw unknownCode(type, forType);
  if (type !== undefined && 'eEfFgG%'.includes(type)) {
    const asFloat = Number(value);
    if (!Number.isFinite(asFloat)) throw new OverflowError('int too large to convert to float');
    return formatFloat(asFloat, spec);
  }
  if (spec.precision !== undefined) throw new ValueError('Precision not allowed in integer format specifier');
  if (spec.noNegativeZero) throw new ValueError('Negative zero coercion (z) not allowed in integer format specifier');
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  switch (type) {
    case undefined:
    case 'd':
    case 'n':
      return assembleNumber(negative, '', magnitude.toString(), '', spec, 3);
    case 'b':
    case 'o':
    case 'x':
    case 'X': {
      const base = type === 'b' ? 2 : type === 'o' ? 8 : 16;
      let digits = magnitude.toString(base);
      if (type === 'X') digits = digits.toUpperCase();
      const prefix = spec.alternate ? `0${type}` : '';
      return assembleNumber(negative, prefix, digits, '', spec, 4);
    }
    case 'c': {
      // CPython's order: the flags, to a C long, then the range.
      if (spec.sign !== undefined) throw new ValueError("Sign not allowed with integer format specifier 'c'");
      if (spec.alternate) throw new ValueError("Alternate form (#) not allowed with integer format specifier 'c'");
      if (value < -(2n ** 63n) || value >= 2n ** 63n) throw new OverflowError('Python int too large to convert to C long');
      if (value < 0n || value > 0x10ffffn) throw new OverflowError('%c arg not in range(0x110000)');
      return pad(String.fromCodePoint(Number(value)), spec, '>');
    }
    default:
      throw unknownCode(type, forType);
  }
}

/**
 * Python's 'g' rule: `p` significant digits, positional when -4 <= exp < p. With
 * `addDotZero` (no type code) positional needs room for a '.0': exp < p - 1
 * (pystrtod.c format_float_short: `decpt > precision - 1` means exponent).
 */
function general(x: number, p: number, alternate: boolean, addDotZero: boolean): { int: string; rest: string } {
  const { exp } = significantDigits(x, p);
  if (exp >= -4 && exp < (addDotZero ? p - 1 : p)) {
    let text = fixedDigits(x, p - 1 - exp);
    if (!alternate && text.includes('.')) text = text.replace(/\.?0+$/, '');
    if (alternate && !text.includes('.')) text += '.';
    if (addDotZero && !text.includes('.')) text += '.0';
    return splitPoint(text);
  }
  return scientific(x, p - 1, alternate, !alternate);
}

function scientific(x: number, places: number, alternate: boolean, stripZeros: boolean): { int: string; rest: string } {
  const { digits, exp } = significantDigits(x, places + 1);
  let fraction = digits.slice(1);
  if (stripZeros) fraction = fraction.replace(/0+$/, '');
  const point = fraction || alternate ? '.' : '';
  const expText = `e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return { int: digits[0], rest: point + fraction + expText };
}

function splitPoint(text: string): { int: string; rest: string } {
  const match = /^(\d*)(.*)$/s.exec(text)!;
  return { int: match[1], rest: match[2] };
}

function formatFloat(value: number, spec: FormatSpec): string {
  let type = spec.type;
  if (type !== undefined && !'eEfFgGn%'.includes(type)) throw unknownCode(type, 'float');
  if (spec.precision !== undefined && spec.precision > 2147483647) throw new ValueError('precision too big');
  let x = value;
  if (type === '%') x *= 100;
  let negative = x < 0 || Object.is(x, -0);
  const upper = type === 'E' || type === 'F' || type === 'G';
  let parts: { int: string; rest: string };
  if (!Number.isFinite(x)) {
    negative = x === -Infinity;
    parts = { int: '', rest: Number.isNaN(x) ? 'nan' : 'inf' };
    if (type === '%') parts.rest += '%';
  } else {
    const p = spec.precision;
    const lower = type?.toLowerCase();
    if (lower === 'e') parts = scientific(x, p ?? 6, spec.alternate, false);
    else if (lower === 'f' || type === '%') parts = splitPoint(fixedDigits(x, p ?? 6) + (spec.alternate && p === 0 ? '.' : ''));
    else if (lower === 'g' || type === 'n') parts = general(x, p === undefined ? 6 : Math.max(p, 1), spec.alternate, false);
    else if (p === undefined) {
      // repr's digits; '#' keeps a point even in exponent form ('1.e-05').
      let text = floatRepr(Math.abs(x));
      if (spec.alternate && !text.includes('.')) text = text.replace('e', '.e');
      parts = splitPoint(text);
    }
    else parts = general(x, Math.max(p, 1), spec.alternate, true);
    if (type === '%') parts.rest += '%';
    if (negative && spec.noNegativeZero && /^[0.]*$/.test(parts.int + parts.rest.replace(/e.*$|%$/, ''))) negative = false;
  }
  if (upper) parts = { int: parts.int, rest: parts.rest.toUpperCase() };
  if (parts.int === '') return assembleSpecial(negative, parts.rest, spec);
  return assembleNumber(negative, '', parts.int, parts.rest, spec, 3);
}

/** inf/nan: no digits to group; zero padding still pads after the sign. */
function assembleSpecial(negative: boolean, text: string, spec: FormatSpec): string {
  const signText = negative ? '-' : spec.sign === '-' ? '' : (spec.sign ?? '');
  return pad(text, spec, '>', signText);
}
