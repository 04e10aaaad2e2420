/**
 * The port's concrete loops and policies (CPython's counterpart is the selector loop of
 * unix_events.py / selector_events.py, which supplies `select`):
 * - `VirtualClockEventLoop` / `VirtualClockPolicy`: the oracle's virtual clocks, bit for bit
 *   (`ideal`: time() returns `_virtual_now`; `realistic`: each time() read first adds 1e-6);
 *   `select(timeout)` advances the clock by `timeout` (also 0), or reports a deadlock when
 *   there is nothing to wait for. A budget ends runaway programs.
 * - `RealClockEventLoop` / `DefaultEventLoopPolicy`: monotonic time, select really sleeps.
 *   The default, so a transpiled file run with `npx tsx` behaves like `python3 prog.py`.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleepMs } from 'node:timers/promises';
import { DEFAULT_BUDGET, REALISTIC_QUANTUM, type Budget, type ClockModel } from '../ir/program.ts';
import { BaseEventLoop } from './base_events.ts';
import { BaseDefaultEventLoopPolicy, _set_default_policy_factory } from './events.ts';

/** A harness error (not a Python exception): the run used up its iteration or time budget. */
export class BudgetExceeded extends Error {
  readonly limit: 'iterations' | 'time';
  constructor(limit: 'iterations' | 'time', detail: string) {
    super(`budget exceeded (${limit}): ${detail}`);
    this.name = 'BudgetExceeded';
    this.limit = limit;
  }
}

/** A harness error: nothing ready, no timer, yet the loop must go on — CPython would block forever. */
export class Deadlock extends Error {
  constructor() {
    super('deadlock: nothing is ready and no timer is scheduled');
    this.name = 'Deadlock';
  }
}

export interface VirtualClockOptions {
  clock: ClockModel;
  budget?: Budget;
  /** Where the loop's logged errors go (the policy's, shared by all its loops); default: a list of the loop's own. */
  loggedErrors?: string[];
}

/** A loop on the oracle's virtual clock (the oracle's Python worker defines the same). */
export class VirtualClockEventLoop extends BaseEventLoop {
  /** The virtual clock, in seconds; starts at 0.0. */
  _virtual_now = 0.0;
  readonly clock: ClockModel;
  readonly budget: Budget;

  constructor(opts: VirtualClockOptions) {
    super();
    this.clock = opts.clock;
    this.budget = opts.budget ?? DEFAULT_BUDGET;
    this.loggedErrors = opts.loggedErrors ?? [];
  }

  /** The oracle's `time()`: realistic reads advance the clock by one quantum first. */
  override time(): number {
    if (this.clock === 'realistic') this._virtual_now += REALISTIC_QUANTUM;
    return this._virtual_now;
  }

  override virtualNow(): number {
    return this._virtual_now;
  }

  /** The oracle's fake `select(timeout)`. */
  override _select(timeout: number | null): void {
    if (timeout === null) throw new Deadlock();
    this._virtual_now += timeout;
    if (this._virtual_now > this.budget.maxTime) {
      throw new BudgetExceeded('time', `virtual time ${this._virtual_now} > ${this.budget.maxTime}`);
    }
  }

  /** Checked as each `_run_once` starts (after counting it). */
  protected override _check_budget(): void {
    if (this.iterations > this.budget.maxIterations) {
      throw new BudgetExceeded('iterations', `${this.iterations} > ${this.budget.maxIterations}`);
    }
    if (this._virtual_now > this.budget.maxTime) {
      throw new BudgetExceeded('time', `virtual time ${this._virtual_now} > ${this.budget.maxTime}`);
    }
  }

  /** Logged errors (what CPython's logger writes to stderr) are kept, not written: the harness decides what to show. */
  readonly loggedErrors: string[];
  override _log_error(text: string): void {
    this.loggedErrors.push(text);
  }
}

/** The policy the harness installs: `new_event_loop()` builds a virtual-clock loop. */
export class VirtualClockPolicy extends BaseDefaultEventLoopPolicy {
  readonly options: VirtualClockOptions;
  /** The last loop this policy built (the harness reads `iterations`/`virtualNow()` after a run). */
  lastLoop: VirtualClockEventLoop | null = null;

  constructor(options: VirtualClockOptions) {
    super();
    this.options = options;
  }

  /**
   * A program's clock and iteration count carry over from one loop to the next (a program that
   * calls `asyncio.run` twice), as the oracle's `_RunState` carries them: the virtual clock is
   * the machine's, not the loop's.
   */
  new_event_loop(): VirtualClockEventLoop {
    const previous = this.lastLoop;
    this.lastLoop = new VirtualClockEventLoop({ ...this.options, loggedErrors: this.loggedErrors });
    this.loops.push(this.lastLoop);
    if (previous !== null) {
      this.lastLoop._virtual_now = previous._virtual_now;
      this.lastLoop.iterations = previous.iterations;
    } else this.lastLoop._virtual_now = this.idleNow;
    return this.lastLoop;
  }

  /** What the loops this policy built logged, in order: the program's stderr (`python3` writes it as it goes). */
  readonly loggedErrors: string[] = [];
  /** Every loop this policy built. */
  private readonly loops: VirtualClockEventLoop[] = [];

  /**
   * The program ended (interpreter exit): a loop it never closed is collected now, so its
   * futures' unretrieved exceptions are logged as CPython logs them at exit
   * (`BaseEventLoop._collect_unretrieved`).
   */
  atExit(): void {
    for (const loop of this.loops) if (!loop.is_closed()) loop._collect_unretrieved();
  }

  /** The machine's clock before the first loop (a `time.sleep` at module level moves it). */
  idleNow = 0.0;

  /**
   * One read of the machine's clock by `time.monotonic()` & co. (runtime/time.ts), as the
   * oracle's worker makes it (`_clock_advance`): the last loop's clock, a realistic read
   * costing one quantum first, as `time()` does.
   */
  readClock(): number {
    const loop = this.lastLoop;
    if (this.options.clock === 'realistic') this.advanceClock(REALISTIC_QUANTUM);
    return loop ? loop._virtual_now : this.idleNow;
  }

  /** `time.sleep(seconds)`: the machine's clock moves on, nothing else runs. */
  advanceClock(seconds: number): void {
    if (this.lastLoop) this.lastLoop._virtual_now += seconds;
    else this.idleNow += seconds;
  }
}

/** A loop on real monotonic time (`time.monotonic()`), whose select really waits. */
export class RealClockEventLoop extends BaseEventLoop {
  override time(): number {
    return performance.now() / 1000;
  }

  override virtualNow(): number {
    return performance.now() / 1000;
  }

  /** Waits like epoll does: the timeout rounded up to whole milliseconds. */
  override async _select(timeout: number | null): Promise<void> {
    if (timeout === null) throw new Deadlock();
    if (timeout > 0) await sleepMs(Math.ceil(timeout * 1000));
  }
}

/** Ports unix_events.py DefaultEventLoopPolicy, 3.11: builds real-clock loops. */
export class DefaultEventLoopPolicy extends BaseDefaultEventLoopPolicy {
  new_event_loop(): RealClockEventLoop {
    return new RealClockEventLoop();
  }
}

_set_default_policy_factory(() => new DefaultEventLoopPolicy());
