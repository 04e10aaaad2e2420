/**
 * One MicroPython (WebAssembly, `@micropython/micropython-webassembly-pyscript`) per process,
 * loaded on first use with driver.ts's Python in it, and reused: each program runs in fresh globals
 * with a fresh asyncio task queue (driver.ts `_conformance_run`). Loading costs 100-220 ms (measured on
 * the shared 2-core machine), a reset and a trivial program 0.4 ms, an average generated
 * program about 5 ms: reuse is 25 to 50 times cheaper than an instance per program. An
 * instance that failed (a WebAssembly trap, a load that failed) is dropped and the next
 * program loads a new one.
 *
 * The clock: MicroPython reads `ticks_ms` (in Python and in its C task queue alike) from the
 * host's `Date.now()`. While a program runs — synchronously, inside one call into the
 * WebAssembly module, so no other JavaScript runs meanwhile — `Date.now` is replaced by a
 * frozen instant plus the virtual milliseconds, which the driver advances (`_conformance_host.advance`)
 * when nothing is ready before the next deadline. It is put back before the call returns.
 */
/// <reference path="./micropython-webassembly.d.ts" />
import type { MicroPythonInstance } from '@micropython/micropython-webassembly-pyscript';
import { DRIVER_PY } from './driver.ts';

/**
 * How long a program may run on the wall clock before the driver stops it (a `budget` of
 * `wallclock`: a timeout, never a difference). Checked every 4096 queue pushes and every 256
 * prints; a loop that neither awaits nor prints cannot be stopped from outside, since the
 * program runs synchronously inside one call into WebAssembly.
 */
export const WALLCLOCK_MS = 10_000;

/** Where the driver reports to; one per instance, pointed at the running program's clock. */
interface Host {
  virtualMs: number;
  deadline: number;
  stderr: string[];
}

interface Loaded {
  mp: MicroPythonInstance;
  host: Host;
  run: (source: string, filename: string, maxPushes: number, maxMs: number) => string;
}

let loading: Promise<Loaded> | undefined;

/**
 * Imported by a name held in a variable, on first use: the bundler (scripts/build.mjs) then
 * leaves the package to node_modules, where it finds micropython.wasm beside itself (bundled,
 * it would look for the .wasm beside the bundle), and nothing is loaded unless the target is.
 */
const PACKAGE: string = '@micropython/micropython-webassembly-pyscript';

async function load(): Promise<Loaded> {
  const host: Host = { virtualMs: 0, deadline: Infinity, stderr: [] };
  const { loadMicroPython } = (await import(PACKAGE)) as typeof import('@micropython/micropython-webassembly-pyscript');
  const mp = await loadMicroPython({
    heapsize: 16 * 1024 * 1024,
    pystack: 16 * 1024,
    stdout: (line: string) => host.stderr.push(line), // the program's prints go through the driver's print; anything else is noise
    stderr: (line: string) => host.stderr.push(line),
  });
  mp.registerJsModule('_conformance_host', {
    advance: (ms: number) => {
      host.virtualMs += ms;
    },
    overdue: () => performance.now() > host.deadline,
  });
  mp.runPython(DRIVER_PY);
  const run = mp.globals.get('_conformance_run') as Loaded['run'];
  return { mp, host, run };
}

/** The shared instance (loaded on first call). */
export function instance(): Promise<Loaded> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Forget the instance (after a WebAssembly trap): the next call loads a fresh one. */
export function discardInstance(): void {
  loading = undefined;
}

export interface RawRun {
  json: string;
  stderr: string;
}

/** Runs `source` on the shared instance with the virtual clock at 0; the driver's JSON result. `onStart`: just before it starts. */
export async function runSource(source: string, filename: string, maxPushes: number, maxMs: number, onStart?: () => void): Promise<RawRun> {
  const { host, run } = await instance();
  onStart?.();
  host.virtualMs = 0;
  host.stderr = [];
  host.deadline = performance.now() + WALLCLOCK_MS;
  const realNow = Date.now;
  const frozen = realNow();
  Date.now = () => frozen + host.virtualMs;
  try {
    const json = run(source, filename, maxPushes, maxMs);
    return { json, stderr: host.stderr.join('\n') };
  } catch (error) {
    discardInstance();
    throw error;
  } finally {
    Date.now = realNow;
  }
}
