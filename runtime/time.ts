/**
 * Python's `time` module for the port, on the run's virtual clock (as the oracle's worker
 * gives its programs: oracle/python/worker.py `_make_time_module`):
 * - `time.monotonic()` and `time.perf_counter()` read the clock (under the realistic model a
 *   read costs one quantum first, as `loop.time()` does); `time.time()` is VIRTUAL_EPOCH plus
 *   the same read.
 * - `time.sleep(d)` blocks: nothing else runs, and the clock moves on by exactly `d`.
 * The harness that runs a program installs the clock (`setVirtualClock`); without one (a
 * transpiled file run by hand), the clocks are real and `sleep` really blocks.
 */
import { performance } from 'node:perf_hooks';
import { VIRTUAL_EPOCH } from '../ir/program.ts';
import { OverflowError, TypeError, ValueError } from './exceptions.ts';
import { typeName, type PyValue } from './values.ts';

/** What the harness's clock offers: a read (which may advance it) and a blocking advance. */
export interface VirtualClock {
  /** One clock read, as `time.monotonic()` makes it. */
  read(): number;
  /** Move the clock on by `seconds` (>= 0), blocking everything else. */
  advance(seconds: number): void;
}

/** A clock on real time: what a transpiled file run outside the harness reads. */
const REAL_CLOCK: VirtualClock = {
  read: () => performance.now() / 1000,
  advance: (seconds) => {
    const until = performance.now() + seconds * 1000;
    while (performance.now() < until) {
      // time.sleep blocks the thread: so does this.
    }
  },
};

let clock: VirtualClock = REAL_CLOCK;

/** The harness installs the run's clock (null: back to real time). */
export function setVirtualClock(c: VirtualClock | null): void {
  clock = c ?? REAL_CLOCK;
}

/** Ports time.time() on the virtual clock: the fixed epoch plus one clock read. */
export function time(): number {
  return VIRTUAL_EPOCH + clock.read();
}

/** Ports time.monotonic() on the virtual clock. */
export function monotonic(): number {
  return clock.read();
}

/** Ports time.perf_counter() on the virtual clock (the same clock as monotonic). */
export function perf_counter(): number {
  return clock.read();
}

const INT64 = 2n ** 63n;
const INT64_FLOAT = 2 ** 63;

/**
 * Ports time.sleep (Modules/timemodule.c), its argument checked as Python/pytime.c's
 * _PyTime_FromSecondsObject does with _PyTime_ROUND_TIMEOUT; then the clock moves on.
 */
export function sleep(secs: PyValue): null {
  let seconds: number;
  if (typeof secs === 'number') {
    if (Number.isNaN(secs)) throw new ValueError('Invalid value NaN (not a number)');
    let ns = secs * 1e9;
    if (Number.isFinite(ns)) ns = ns >= 0 ? Math.ceil(ns) : Math.floor(ns);
    if (!(-INT64_FLOAT <= ns && ns < INT64_FLOAT)) throw new OverflowError('timestamp out of range for platform time_t');
    seconds = secs;
  } else if (typeof secs === 'bigint' || typeof secs === 'boolean') {
    const n = typeof secs === 'bigint' ? secs : secs ? 1n : 0n;
    if (!(-INT64 <= n * 1_000_000_000n && n * 1_000_000_000n < INT64)) throw new OverflowError('timestamp too large to convert to C _PyTime_t');
    seconds = Number(n);
  } else {
    throw new TypeError(`'${typeName(secs)}' object cannot be interpreted as an integer`);
  }
  if (seconds < 0) throw new ValueError('sleep length must be non-negative');
  clock.advance(seconds);
  return null;
}
