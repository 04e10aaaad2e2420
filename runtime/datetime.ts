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
import { OverflowError, TypeError, ValueError } from './exceptions.ts';
import { PyFunction } from './functions.ts';
import { time } from './time.ts';
import { typeName, type PyValue } from './values.ts';

const US_PER_SECOND = 1_000_000n;
const US_PER_DAY = 86_400n * US_PER_SECOND;
const MAX_DAYS = 999_999_999n;

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** A Python-level method of a value type: `td.total_seconds`, `dt.isoformat` (bound, no arguments beyond those listed). */
function method(owner: string, name: string, params: Array<{ name: string; hasDefault: boolean; default?: PyValue }>, impl: (...args: PyValue[]) => PyValue): PyFunction {
  return new PyFunction(name, `${owner}.${name}`, { params }, impl as never);
}

/** What ops.ts asks of a value type: `a + b` / `a - b` (undefined: NotImplemented) and an order against another (undefined: none). */
abstract class DateValue {
  pyBinary(op: '+' | '-', other: PyValue, reflected: boolean): PyValue | undefined {
    return reflected ? dateArith(op, other, this as unknown as PyValue) : dateArith(op, this as unknown as PyValue, other);
  }
  pyCompare(other: PyValue): number | undefined {
    return dateCompare(this as unknown as PyValue, other);
  }
}

/** Ports datetime.timedelta: days, seconds (0..86399), microseconds (0..999999). */
export class PyTimedelta extends DateValue {
  readonly __pyTypeName__ = 'timedelta';
  readonly days: bigint;
  readonly seconds: bigint;
  readonly microseconds: bigint;
  constructor(readonly totalUs: bigint) {
    super();
    this.days = floorDiv(totalUs, US_PER_DAY);
    const rest = totalUs - this.days * US_PER_DAY;
    this.seconds = rest / US_PER_SECOND;
    this.microseconds = rest % US_PER_SECOND;
    if (this.days > MAX_DAYS || this.days < -MAX_DAYS) throw new OverflowError(`days=${this.days}; must have magnitude <= 999999999`);
  }
  pyHash(): bigint {
    return this.totalUs; // only equality matters for dict keys here; never printed
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
  readonly __pyTypeName__ = 'datetime';
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
  pyHash(): bigint {
    return this.us;
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
        return method('datetime', name, [{ name: 'sep', hasDefault: true, default: 'T' }], (sep) => this.isoformat(sep as string));
      case 'strftime':
        return method('datetime', name, [{ name: 'format', hasDefault: false }], (format) => this.strftime(format));
    }
    return undefined;
  }
  isoformat(sep: string): string {
    const p = this.parts;
    if (typeof sep !== 'string' || [...sep].length !== 1) throw new TypeError('isoformat() argument 1 must be a unicode character, not ' + typeName(sep));
    return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}${sep}${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}${p.microsecond ? `.${pad(p.microsecond, 6)}` : ''}`;
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

/** `a + b`, `a - b` on datetimes and timedeltas (datetime_add/subtract, delta_add/subtract); undefined: not theirs. */
export function dateArith(op: '+' | '-', a: PyValue, b: PyValue): PyValue | undefined {
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return new PyTimedelta(op === '+' ? a.totalUs + b.totalUs : a.totalUs - b.totalUs);
  if (a instanceof PyDatetime && b instanceof PyTimedelta) return new PyDatetime(op === '+' ? a.us + b.totalUs : a.us - b.totalUs);
  if (op === '+' && a instanceof PyTimedelta && b instanceof PyDatetime) return new PyDatetime(b.us + a.totalUs);
  if (op === '-' && a instanceof PyDatetime && b instanceof PyDatetime) return new PyTimedelta(a.us - b.us);
  return undefined;
}

/** Comparisons of two datetimes or two timedeltas: their order as a number; undefined otherwise. */
export function dateCompare(a: PyValue, b: PyValue): number | undefined {
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.totalUs < b.totalUs ? -1 : a.totalUs > b.totalUs ? 1 : 0;
  if (a instanceof PyDatetime && b instanceof PyDatetime) return a.us < b.us ? -1 : a.us > b.us ? 1 : 0;
  return undefined;
}
