/**
 * The target-adapter interface, version 1: how a port written outside this repository (a
 * Python-on-JS runtime, a transpiler, an embedded interpreter) is put under test with
 * `--target ./adapter.mjs`. The module's default export is a {@link TargetAdapterModule}; the
 * suite loads it in a child process of its own (targets/adapter-process.ts), so an adapter that
 * throws, hangs or returns garbage gets a verdict and never takes the run down.
 *
 * Every field the suite reads is checked (targets/adapter-shape.ts): a wrong one is a crash
 * verdict saying which field is wrong, never a silently different comparison.
 */
import type { Budget, ClockModel, Outcome, Program } from '../ir/program.ts';
import type { ProgramFeatures } from '../generators/index.ts';

/** The interface version this suite speaks; an adapter may declare it as `interfaceVersion`. */
export const ADAPTER_INTERFACE_VERSION = 1;

/** What `run` receives for one program. Plain data (it crosses a process boundary). */
export interface AdapterInput {
  /** Always ADAPTER_INTERFACE_VERSION for this suite. */
  interfaceVersion: typeof ADAPTER_INTERFACE_VERSION;
  /** The program as Python source: exactly what CPython runs (ir/python.ts printPython). */
  python: string;
  /** The same program as the suite's IR (ir/program.ts), for a target that transpiles. */
  program: Program;
  /** The file name CPython runs it as (tracebacks and reprs name it). */
  filename: string;
  /**
   * CPython's virtual clock: `realistic` (each clock read advances 1 µs, as time passes on a real
   * machine) or `ideal` (time moves only when the loop sleeps). An adapter with another clock
   * declares `compares: 'order'`.
   */
  clock: ClockModel;
  /** Where CPython stops the program: loop iterations and virtual seconds (outcome `budget`). */
  budget: Budget;
  /** Wall-clock milliseconds this run may take before the child process is killed (a `timeout` verdict). */
  wallclockMs: number;
}

/** One printed chunk (one `print` call, newline included), as CPython's trace records it. */
export interface AdapterTraceLine {
  /** What was printed, `end` included (`'main:1 2\n'`). */
  text: string;
  /** Virtual seconds when it was printed. Required when the adapter `compares: 'time'`. */
  time?: number;
  /** The running task's name (`'Task-2'`), `null` outside any task; optional. */
  task?: string | null;
  /** The event loop's iteration count when it was printed; optional. */
  iteration?: number;
}

/** What `run` returns (or resolves to). */
export interface AdapterResult {
  trace: AdapterTraceLine[];
  /**
   * How the program ended: `{kind: 'ok'}`, `{kind: 'exception', type: 'ValueError', message: 'x'}`
   * (what escaped `asyncio.run`), `{kind: 'deadlock'}`, `{kind: 'budget', limit: 'iterations' | 'time'}`.
   */
  outcome: Outcome;
  /** Virtual time at the end; default the last line's time (or 0). */
  endTime?: number;
  /** Loop iterations in all; default the last line's iteration (or 0). */
  iterations?: number;
}

/** The module's default export. */
export interface TargetAdapterModule {
  /** A short name for messages and reports (`'my-port'`). */
  name: string;
  /** `'time'`: texts, order and virtual times are compared (to the bit); `'order'`: texts and order only. */
  compares: 'time' | 'order';
  /**
   * Generated constructs the target supports (generators' ProgramFeatures): `false` ones are never
   * generated for it (`{ gather: false }`); a name the generator does not know is an error.
   */
  features?: Partial<ProgramFeatures>;
  /** The interface version it was written for (default 1). */
  interfaceVersion?: number;
  /** Runs one program. May throw (a crash verdict naming the error). */
  run(input: AdapterInput): AdapterResult | Promise<AdapterResult>;
}

/** Identity, for typing an adapter written in TypeScript: `export default defineAdapter({ ... })`. */
export function defineAdapter(adapter: TargetAdapterModule): TargetAdapterModule {
  return adapter;
}
