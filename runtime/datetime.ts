/**
 * `datetime.datetime.now()` on the virtual clock, `datetime.timedelta`, and what programs do
 * with them (issue 8 item 8): subtract two datetimes, add a timedelta, compare, `total_seconds()`,
 * `isoformat()`, `strftime` with the C locale's fixed directives, the attributes, str and repr.
 *
 * `now()` is naive UTC at VIRTUAL_EPOCH plus one clock read (as `time.time()`: runtime/time.ts),
 * which is what the oracle's worker gives its programs (`_make_datetime_module`): the same
 * instant on both sides, 2023-11-14 22:13:20 plus the virtual time. Datetimes and timedeltas
 * are exact integers (days, seconds, microseconds), so arithmetic is exact as CPython's.
 * Ports Modules/_datetimemodule.c (delta_new with accum's leftover rounding, datetime_from_timet_and_us,
 * delta_str/repr, datetime_repr/isoformat, the subtraction and comparison slots), 3.11.
 */
import { VIRTUAL_EPOCH } from '../ir/program.ts';
import { unifiedZeroDivisionMessages } from '../port/version.ts';
import { OverflowError, TypeError, ValueError, ZeroDivisionError } from './exceptions.ts';
import { PyFunction, call } from './functions.ts';
import { hashBytes, hashTuple } from './hash.ts';
import type { ValueOp } from './ops.ts';
import { time } from './time.ts';
import { PyTuple, typeName, type PyValue } from './values.ts';

const US_PER_SECOND = 1_000_000n;
const US_PER_DAY = 86_400n * US_PER_SECOND;
const MAX_DAYS = 999_999_999n;

/** Python's floor division of ints (b non-zero, either sign). */
const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
};

/** A Python-level method of a value type: `td.total_seconds`, `dt.isoformat` (bound, no arguments beyond those listed). */
function method(owner: string, name: string, params: Array<{ name: string; hasDefault: boolean; default?: PyValue }>, impl: (...args: PyValue[]) => PyValue): PyFunction {
  return new PyFunction(name, `${owner}.${name}`, { params }, impl as never);
}

/** What ops.ts asks of a value type: its binary slots (undefined: NotImplemented), unary slots, truth and order. */
abstract class DateValue {
  pyBinary(op: ValueOp, other: PyValue, reflected: boolean): PyValue | undefined {
    return reflected ? dateBinary(op, other, this as unknown as PyValue) : dateBinary(op, this as unknown as PyValue, other);
  }
  pyCompare(other: PyValue): number | undefined {
    return dateCompare(this as unknown as PyValue, other);
  }
  /** `obj.name(*args, **kw)` when the transpiler took `name` for a str or loop method (runtime/sequences.ts callMethod); undefined: no such method. */
  pyMethod(name: string, args: PyValue[], kw: Record<string, PyValue>): PyValue | undefined {
    const found = this.pyAttr(name);
    return found instanceof PyFunction ? call(found, args, kw) : undefined;
  }
  abstract pyAttr(name: string): PyValue | undefined;
}

/** days out of a C int (_PyLong_AsInt), then out of timedelta's range (check_delta_day_range): CPython's two OverflowErrors. */
function checkDays(days: bigint): void {
  if (days > 2_147_483_647n || days < -2_147_483_648n) throw new OverflowError('Python int too large to convert to C int');
  if (days > MAX_DAYS || days < -MAX_DAYS) throw new OverflowError(`days=${days}; must have magnitude <= 999999999`);
}

/** Ports datetime.timedelta: days, seconds (0..86399), microseconds (0..999999). */
export class PyTimedelta extends DateValue {
  /** tp_name, as error messages spell it; `type(td).__name__` is the part after the dot. */
  readonly __pyTypeName__ = 'datetime.timedelta';
  readonly days: bigint;
  readonly seconds: bigint;
  readonly microseconds: bigint;
  constructor(readonly totalUs: bigint) {
    super();
    this.days = floorDiv(totalUs, US_PER_DAY);
    const rest = totalUs - this.days * US_PER_DAY;
    this.seconds = rest / US_PER_SECOND;
    this.microseconds = rest % US_PER_SECOND;
    checkDays(this.days);
  }
  /** delta_hash: the hash of delta_getstate's tuple `(days, seconds, microseconds)`. */
  pyHash(): bigint {
    return hashTuple(new PyTuple([this.days, this.seconds, this.microseconds]));
  }
  /** delta_bool: a non-zero duration is true. */
  pyBool(): boolean {
    return this.totalUs !== 0n;
  }
  /** delta_negative, delta_positive, delta_abs. */
  pyUnary(op: '-' | '+' | 'abs'): PyValue {
    if (op === '-' || (op === 'abs' && this.totalUs < 0n)) return new PyTimedelta(-this.totalUs);
    return new PyTimedelta(this.totalUs);
  }
  pyAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'days':
        return this.days;
      case 'seconds':
        return this.seconds;
      case 'microseconds':
        return this.microseconds;
      case 'total_seconds':
        // delta_total_seconds: microseconds / 10**6, a correctly rounded int division.
        return method('timedelta', name, [], () => intDivide(this.totalUs, US_PER_SECOND));
    }
    return undefined;
  }
  /** delta_str: `[-]D day[s], H:MM:SS[.ffffff]`. */
  pyStr(): string {
    const hms = `${this.seconds / 3600n}:${pad((this.seconds % 3600n) / 60n, 2)}:${pad(this.seconds % 60n, 2)}${this.microseconds ? `.${pad(this.microseconds, 6)}` : ''}`;
    if (this.days === 0n) return hms;
    return `${this.days} day${this.days === 1n || this.days === -1n ? '' : 's'}, ${hms}`;
  }
  /** delta_repr (3.7+): `datetime.timedelta(days=1, seconds=5)`, `datetime.timedelta(0)`. */
  pyRepr(): string {
    const parts = [['days', this.days], ['seconds', this.seconds], ['microseconds', this.microseconds]].filter(([, v]) => v !== 0n).map(([k, v]) => `${k}=${v}`);
    return `datetime.timedelta(${parts.length > 0 ? parts.join(', ') : '0'})`;
  }
}

/** Ports datetime.datetime for naive instances: the microseconds since 0001-01-01 00:00:00. */
export class PyDatetime extends DateValue {
  readonly __pyTypeName__ = 'datetime.datetime';
  constructor(readonly us: bigint) {
    super();
    if (us < 0n || us >= 3_652_059n * US_PER_DAY) throw new OverflowError('date value out of range');
  }
  get parts(): { year: number; month: number; day: number; hour: bigint; minute: bigint; second: bigint; microsecond: bigint; ordinal: bigint } {
    const ordinal = this.us / US_PER_DAY + 1n;
    const [year, month, day] = ordToYmd(Number(ordinal));
    const rest = this.us % US_PER_DAY;
    const s = rest / US_PER_SECOND;
    return { year, month, day, hour: s / 3600n, minute: (s % 3600n) / 60n, second: s % 60n, microsecond: rest % US_PER_SECOND, ordinal };
  }
  /** datetime_hash of a naive datetime: generic_hash of its 10 state bytes (year big-endian, month, day, hour, minute, second, microsecond in 3). */
  pyHash(): bigint {
    const p = this.parts;
    const us = Number(p.microsecond);
    return hashBytes(Uint8Array.of(p.year >> 8, p.year & 0xff, p.month, p.day, Number(p.hour), Number(p.minute), Number(p.second), us >> 16, (us >> 8) & 0xff, us & 0xff));
  }
  pyAttr(name: string): PyValue | undefined {
    const p = this.parts;
    switch (name) {
      case 'year':
      case 'month':
      case 'day':
        return BigInt(p[name]);
      case 'hour':
      case 'minute':
      case 'second':
      case 'microsecond':
        return p[name];
      case 'isoformat':
        return method('datetime', name, [{ name: 'sep', hasDefault: true, default: 'T' }, { name: 'timespec', hasDefault: true, default: 'auto' }], (sep, timespec) => this.isoformat(sep as string, timespec));
      case 'strftime':
        return method('datetime', name, [{ name: 'format', hasDefault: false }], (format) => this.strftime(format));
      case 'time':
        return method('datetime', name, [], () => new PyTime(this.us % US_PER_DAY));
      case 'replace':
        return method('datetime', name, REPLACE_FIELDS.map((f) => ({ name: f, hasDefault: true, default: undefined })), (...given) => this.replace(given));
    }
    return undefined;
  }
  /** datetime_replace (naive: tzinfo and fold stay out, the importer refuses them): the fields given, the others kept, checked as the constructor checks them. */
  replace(given: Array<PyValue | undefined>): PyDatetime {
    const p = this.parts;
    const kept: PyValue[] = [BigInt(p.year), BigInt(p.month), BigInt(p.day), p.hour, p.minute, p.second, p.microsecond];
    return newDatetime(...kept.map((v, k) => given[k] ?? v));
  }
  isoformat(sep: string, timespec: PyValue = 'auto'): string {
    const p = this.parts;
    if (typeof sep !== 'string' || [...sep].length !== 1) throw new TypeError('isoformat() argument 1 must be a unicode character, not ' + typeName(sep));
    return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${sep}${isoTime(p.hour, p.minute, p.second, p.microsecond, timespec)}`;
  }
  /** strftime in the C locale (what `python3` runs with when LC_TIME is unset): the directives glibc gives fixed meanings. */
  strftime(format: PyValue): string {
    if (typeof format !== 'string') throw new TypeError(`strftime() argument 1 must be str, not ${typeName(format)}`);
    const p = this.parts;
    const weekday = Number(p.ordinal % 7n); // 0 = Sunday (the C library's tm_wday); day 1 was a Monday
    const yday = Number(p.ordinal - ymdToOrd(p.year, 1, 1)) + 1;
    const hour12 = Number(p.hour) % 12 === 0 ? 12 : Number(p.hour) % 12;
    const values: Record<string, () => string> = {
      Y: () => String(p.year), y: () => pad(p.year % 100, 2), m: () => pad(p.month, 2), d: () => pad(p.day, 2),
      H: () => pad(p.hour, 2), M: () => pad(p.minute, 2), S: () => pad(p.second, 2), f: () => pad(p.microsecond, 6),
      I: () => pad(hour12, 2), p: () => (p.hour < 12n ? 'AM' : 'PM'), j: () => pad(yday, 3),
      a: () => DAYS[weekday].slice(0, 3), A: () => DAYS[weekday], b: () => MONTHS[p.month - 1].slice(0, 3), B: () => MONTHS[p.month - 1],
      X: () => `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`, x: () => `${pad(p.month, 2)}/${pad(p.day, 2)}/${pad(p.year % 100, 2)}`,
      T: () => `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`, F: () => `${p.year}-${pad(p.month, 2)}-${pad(p.day, 2)}`, R: () => `${pad(p.hour, 2)}:${pad(p.minute, 2)}`,
      c: () => `${DAYS[weekday].slice(0, 3)} ${MONTHS[p.month - 1].slice(0, 3)} ${String(p.day).padStart(2, ' ')} ${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)} ${p.year}`,
      '%': () => '%',
    };
    return format.replace(/%(.)/gs, (whole, d: string) => {
      const v = values[d];
      if (v === undefined) throw new ValueError(`strftime directive ${whole} is outside the subset`); // the importer refuses it first
      return v();
    });
  }
  pyStr(): string {
    return this.isoformat(' ');
  }
  /** datetime_repr: `datetime.datetime(2023, 11, 14, 22, 13, 20, 5)`, trailing zero second/microsecond left out. */
  pyRepr(): string {
    const p = this.parts;
    const fields = [p.year, p.month, p.day, p.hour, p.minute];
    if (p.second || p.microsecond) fields.push(Number(p.second));
    if (p.microsecond) fields.push(Number(p.microsecond));
    return `datetime.datetime(${fields.join(', ')})`;
  }
}

/** `datetime.time` of a naive datetime (`dt.time()`): microseconds since midnight. Ports time_repr, time_str/isoformat, time_hash, time_strftime. */
export class PyTime extends DateValue {
  readonly __pyTypeName__ = 'datetime.time';
  readonly hour: bigint;
  readonly minute: bigint;
  readonly second: bigint;
  readonly microsecond: bigint;
  constructor(readonly us: bigint) {
    super();
    const s = us / US_PER_SECOND;
    this.hour = s / 3600n;
    this.minute = (s % 3600n) / 60n;
    this.second = s % 60n;
    this.microsecond = us % US_PER_SECOND;
  }
  /** time_hash of a naive time: generic_hash of its 6 state bytes. */
  pyHash(): bigint {
    const us = Number(this.microsecond);
    return hashBytes(Uint8Array.of(Number(this.hour), Number(this.minute), Number(this.second), us >> 16, (us >> 8) & 0xff, us & 0xff));
  }
  /** time_bool: always true since 3.5. */
  pyBool(): boolean {
    return true;
  }
  pyAttr(name: string): PyValue | undefined {
    switch (name) {
      case 'hour':
      case 'minute':
      case 'second':
      case 'microsecond':
        return this[name];
      case 'isoformat':
        return method('time', name, [{ name: 'timespec', hasDefault: true, default: 'auto' }], (timespec) => isoTime(this.hour, this.minute, this.second, this.microsecond, timespec));
      case 'strftime':
        // time_strftime: the date part is 1900-01-01 (a Monday).
        return method('time', name, [{ name: 'format', hasDefault: false }], (format) => new PyDatetime(DAY_1900 * US_PER_DAY + this.us).strftime(format));
    }
    return undefined;
  }
  pyStr(): string {
    return isoTime(this.hour, this.minute, this.second, this.microsecond, 'auto');
  }
  /** time_repr: `datetime.time(3, 4)`, trailing zero second/microsecond left out. */
  pyRepr(): string {
    const fields = [this.hour, this.minute];
    if (this.second || this.microsecond) fields.push(this.second);
    if (this.microsecond) fields.push(this.microsecond);
    return `datetime.time(${fields.join(', ')})`;
  }
}

/** The keyword names of datetime.replace the port gives (tzinfo and fold stay out). */
const REPLACE_FIELDS = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];

/** format_utcoffset-free isoformat of a time of day, with timespec (datetime_isoformat / time_isoformat). */
function isoTime(hour: bigint, minute: bigint, second: bigint, us: bigint, timespec: PyValue): string {
  if (typeof timespec !== 'string') throw new TypeError(`isoformat() argument 'timespec' must be str, not ${typeName(timespec)}`);
  const hh = pad(hour, 2);
  const mm = pad(minute, 2);
  const ss = pad(second, 2);
  switch (timespec === 'auto' ? (us ? 'microseconds' : 'seconds') : timespec) {
    case 'hours':
      return hh;
    case 'minutes':
      return `${hh}:${mm}`;
    case 'seconds':
      return `${hh}:${mm}:${ss}`;
    case 'milliseconds':
      return `${hh}:${mm}:${ss}.${pad(us / 1000n, 3)}`;
    case 'microseconds':
      return `${hh}:${mm}:${ss}.${pad(us, 6)}`;
  }
  throw new ValueError('Unknown timespec value');
}

/** The strftime directives the subset reads (the importer checks a literal format against these). */
export const STRFTIME_DIRECTIVES = 'YymdHMSfIpjaAbBXxTFRc%';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number | bigint, width: number): string {
  return String(n).padStart(width, '0');
}

const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysBeforeYear = (y: number): number => {
  const z = y - 1;
  return z * 365 + Math.floor(z / 4) - Math.floor(z / 100) + Math.floor(z / 400);
};
const daysInMonth = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1]);

/** ymd_to_ord: 0001-01-01 is day 1. */
function ymdToOrd(y: number, m: number, d: number): bigint {
  let days = daysBeforeYear(y);
  for (let k = 1; k < m; k++) days += daysInMonth(y, k);
  return BigInt(days + d);
}

/** ord_to_ymd. */
function ordToYmd(ordinal: number): [number, number, number] {
  let y = Math.floor((ordinal - 1) / 365.2425) + 1;
  while (daysBeforeYear(y + 1) < ordinal) y++;
  while (daysBeforeYear(y) >= ordinal) y--;
  let rest = ordinal - daysBeforeYear(y);
  let m = 1;
  while (rest > daysInMonth(y, m)) rest -= daysInMonth(y, m++);
  return [y, m, rest];
}

/** An int / int true division, correctly rounded (as long_true_divide). */
let intDivide: (a: bigint, b: bigint) => number = (a, b) => Number(a) / Number(b);
export function setIntDivide(fn: (a: bigint, b: bigint) => number): void {
  intDivide = fn;
}

const EPOCH_US = ymdToOrd(1970, 1, 1) * US_PER_DAY - US_PER_DAY;
/** Days from 0001-01-01 to 1900-01-01, the date time.strftime formats with. */
const DAY_1900 = ymdToOrd(1900, 1, 1) - 1n;

/** _PyTime_ObjectToTimeval with ROUND_HALF_EVEN, then utc_to_seconds: a float timestamp as microseconds since 0001-01-01. */
function fromTimestamp(t: number): PyDatetime {
  let intpart = Math.trunc(t);
  let floatpart = (t - intpart) * 1e6;
  const rounded = Math.round(floatpart);
  floatpart = Math.abs(floatpart - Math.trunc(floatpart)) === 0.5 ? 2 * Math.round(floatpart / 2) : rounded; // half to even
  if (floatpart >= 1e6) {
    floatpart -= 1e6;
    intpart += 1;
  } else if (floatpart < 0) {
    floatpart += 1e6;
    intpart -= 1;
  }
  return new PyDatetime(EPOCH_US + BigInt(intpart) * US_PER_SECOND + BigInt(floatpart));
}

/** `datetime.datetime.now()`: naive UTC at the virtual epoch plus one clock read (the oracle's `_VirtualDatetime.now`). */
export function now(): PyDatetime {
  return fromTimestamp(time());
}
void VIRTUAL_EPOCH; // time() already adds it: the same instant as `time.time()`

function intArg(v: PyValue | undefined, name: string, fallback: bigint): bigint {
  if (v === undefined) return fallback;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v !== 'bigint') throw new TypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
  void name;
  return v;
}

/** `datetime.datetime(...)` and `datetime.datetime.now()` (the stdlib call `datetime.now`). */
export const datetime = Object.assign(newDatetime, { now });

/** `datetime.datetime(year, month, day, hour=0, minute=0, second=0, microsecond=0)` (naive). */
function newDatetime(...args: PyValue[]): PyDatetime {
  const names = ['year', 'month', 'day', 'hour', 'minute', 'second', 'microsecond'];
  const [y, m, d, H, M, S, us] = names.map((n, k) => intArg(args[k], n, 0n));
  if (y < 1n || y > 9999n) throw new ValueError(`year ${y} is out of range`);
  if (m < 1n || m > 12n) throw new ValueError('month must be in 1..12');
  if (d < 1n || d > BigInt(daysInMonth(Number(y), Number(m)))) throw new ValueError('day is out of range for month');
  if (H < 0n || H > 23n) throw new ValueError('hour must be in 0..23');
  if (M < 0n || M > 59n) throw new ValueError('minute must be in 0..59');
  if (S < 0n || S > 59n) throw new ValueError('second must be in 0..59');
  if (us < 0n || us > 999999n) throw new ValueError('microsecond must be in 0..999999');
  return new PyDatetime((ymdToOrd(Number(y), Number(m), Number(d)) - 1n) * US_PER_DAY + ((H * 60n + M) * 60n + S) * US_PER_SECOND + us);
}

const DELTA_UNITS: Array<[string, bigint]> = [
  ['days', US_PER_DAY], ['seconds', US_PER_SECOND], ['microseconds', 1n], ['milliseconds', 1000n],
  ['minutes', 60n * US_PER_SECOND], ['hours', 3600n * US_PER_SECOND], ['weeks', 7n * US_PER_DAY],
];

/** Ports delta_new: each argument (int or float) accumulated exactly, the float leftovers rounded half to even at the end. */
export function timedelta(args: PyValue[], kw: Record<string, PyValue> = {}): PyTimedelta {
  const positional = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
  const given: Record<string, PyValue> = { ...kw };
  args.forEach((a, k) => {
    if (given[positional[k]] !== undefined) throw new TypeError(`argument for timedelta() given by name ('${positional[k]}') and position (${k + 1})`);
    given[positional[k]] = a;
  });
  let sum = 0n;
  let leftover = 0;
  // delta_new's order: microseconds, milliseconds, seconds, minutes, hours, days, weeks.
  for (const unit of ['microseconds', 'milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks']) {
    const v = given[unit];
    if (v === undefined) continue;
    const factor = DELTA_UNITS.find(([n]) => n === unit)![1];
    if (typeof v === 'bigint' || typeof v === 'boolean') {
      sum += (typeof v === 'bigint' ? v : v ? 1n : 0n) * factor;
      continue;
    }
    if (typeof v !== 'number') throw new TypeError(`unsupported type for timedelta ${unit} component: ${typeName(v)}`);
    if (!Number.isFinite(v)) throw new ValueError('cannot convert float NaN to integer');
    // accum(): the whole part exactly, then the fraction times the factor, its whole part exactly, its fraction left over.
    const whole = Math.trunc(v);
    sum += BigInt(whole) * factor;
    let frac = v - whole;
    if (frac === 0) continue;
    frac *= Number(factor);
    const whole2 = Math.trunc(frac);
    sum += BigInt(whole2);
    leftover += frac - whole2;
  }
  if (leftover !== 0) {
    let wholeUs = Math.round(leftover);
    if (Math.abs(wholeUs - leftover) === 0.5) {
      const isOdd = sum % 2n !== 0n ? 1 : 0;
      wholeUs = 2 * Math.round((leftover + isOdd) * 0.5) - isOdd;
    } else wholeUs = roundHalfAway(leftover);
    sum += BigInt(wholeUs);
  }
  return new PyTimedelta(sum);
}

/** C's round(): half away from zero. */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** `a + b`, `a - b` on datetimes and timedeltas (datetime_add/subtract, delta_add/subtract). */
function dateArith(op: '+' | '-', a: PyValue, b: PyValue): PyValue | undefined {
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(op === '+' ? a.totalUs + b.totalUs : a.totalUs - b.totalUs);
  if (a instanceof PyDatetime && b instanceof PyTimedelta) return new PyDatetime(op === '+' ? a.us + b.totalUs : a.us - b.totalUs);
  if (op === '+' && a instanceof PyTimedelta && b instanceof PyDatetime) return new PyDatetime(b.us + a.totalUs);
  if (op === '-' && a instanceof PyDatetime && b instanceof PyDatetime) return new PyTimedelta(a.us - b.us);
  return undefined;
}

/** A Python int operand (bool is one); undefined for anything else. */
function asInt(v: PyValue): bigint | undefined {
  return typeof v === 'bigint' ? v : typeof v === 'boolean' ? (v ? 1n : 0n) : undefined;
}

/** A ZeroDivisionError with 3.11's message for the int operation, or 3.14's one message. */
function zeroDivision(message311: string): ZeroDivisionError {
  return new ZeroDivisionError(unifiedZeroDivisionMessages() ? 'division by zero' : message311);
}

/** Python's `a // b` on ints (PyNumber_FloorDivide), its zero divisor's message. */
function intFloorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw zeroDivision('integer division or modulo by zero');
  return floorDiv(a, b);
}

/** Ports divide_and_round: `m / n` rounded half to even, exactly (the pure-Python _divide_and_round). */
function divideAndRound(m: bigint, n: bigint): bigint {
  let q = intFloorDiv(m, n);
  const r = (m - q * n) * 2n;
  const greaterThanHalf = n > 0n ? r > n : r < n;
  if (greaterThanHalf || (r === n && q % 2n !== 0n)) q += 1n;
  return q;
}

const floatBits = new DataView(new ArrayBuffer(8));

/** Ports float.as_integer_ratio (the exact numerator and a power-of-two denominator; reduction does not change a quotient). */
function asIntegerRatio(x: number): [bigint, bigint] {
  if (Number.isNaN(x)) throw new ValueError('cannot convert NaN to integer ratio');
  if (!Number.isFinite(x)) throw new OverflowError('cannot convert Infinity to integer ratio');
  floatBits.setFloat64(0, x);
  const bits = floatBits.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? -1074 : biased - 1075);
  if (x < 0) mantissa = -mantissa;
  return exponent >= 0 ? [mantissa << BigInt(exponent), 1n] : [mantissa, 1n << BigInt(-exponent)];
}

/**
 * Ports the timedelta number slots of Modules/_datetimemodule.c (3.11): delta_multiply
 * (multiply_int_timedelta, multiply_truedivide_timedelta_float), delta_truedivide
 * (truedivide_timedelta_timedelta, truedivide_timedelta_int), delta_divide (floor), delta_remainder,
 * delta_divmod. Hand-written to match CPython bit for bit: all on exact integer microseconds, the
 * float factor as its exact integer ratio, rounding by divide_and_round (half to even).
 * Undefined: NotImplemented (the caller raises CPython's TypeError).
 */
function deltaBinary(op: ValueOp, a: PyValue, b: PyValue): PyValue | undefined {
  const left = a instanceof PyTimedelta ? a.totalUs : undefined;
  const right = b instanceof PyTimedelta ? b.totalUs : undefined;
  switch (op) {
    case '*': {
      const [delta, factor] = left !== undefined ? [left, b] : right !== undefined ? [right, a] : [undefined, undefined];
      if (delta === undefined || factor === undefined) return undefined;
      const n = asInt(factor);
      if (n !== undefined) return new PyTimedelta(delta * n);
      if (typeof factor !== 'number') return undefined;
      const [num, den] = asIntegerRatio(factor);
      return new PyTimedelta(divideAndRound(delta * num, den));
    }
    case '/': {
      if (left === undefined) return undefined;
      if (right !== undefined) {
        if (right === 0n) throw zeroDivision('division by zero');
        return intDivide(left, right);
      }
      if (typeof b === 'number') {
        const [num, den] = asIntegerRatio(b);
        return new PyTimedelta(divideAndRound(left * den, num));
      }
      const n = asInt(b);
      return n === undefined ? undefined : new PyTimedelta(divideAndRound(left, n));
    }
    case '//': {
      if (left === undefined) return undefined;
      if (right !== undefined) return intFloorDiv(left, right);
      const n = asInt(b);
      return n === undefined ? undefined : new PyTimedelta(intFloorDiv(left, n));
    }
    case '%':
      if (left === undefined || right === undefined) return undefined;
      if (right === 0n) throw zeroDivision('integer modulo by zero');
      return new PyTimedelta(left - floorDiv(left, right) * right);
    case 'divmod': {
      if (left === undefined || right === undefined) return undefined;
      const q = intFloorDiv(left, right);
      return new PyTuple([q, new PyTimedelta(left - q * right)]);
    }
  }
  return undefined;
}

/** A binary operator on datetimes, times and timedeltas; undefined: not theirs. */
function dateBinary(op: ValueOp, a: PyValue, b: PyValue): PyValue | undefined {
  return op === '+' || op === '-' ? dateArith(op, a, b) : deltaBinary(op, a, b);
}

/** Comparisons of two datetimes, two times or two timedeltas: their order as a number; undefined otherwise. */
export function dateCompare(a: PyValue, b: PyValue): number | undefined {
  const order = (x: bigint, y: bigint): number => (x < y ? -1 : x > y ? 1 : 0);
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return order(a.totalUs, b.totalUs);
  if (a instanceof PyDatetime && b instanceof PyDatetime) return order(a.us, b.us);
  if (a instanceof PyTime && b instanceof PyTime) return order(a.us, b.us);
  return undefined;
}
