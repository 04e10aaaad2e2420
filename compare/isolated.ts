/**
 * Runs one program on a side in a worker thread with a wall-clock limit. The port and the
 * native profile run a program's synchronous code on the calling thread, so a user's
 * `while True: pass` would hang the whole command; here the thread is terminated instead and
 * the run ends with `budget/wallclock`, like the oracle's. (What it printed before the limit is
 * lost with the thread.) `check` runs generated programs, which always terminate, in process.
 */
import { Worker } from 'node:worker_threads';
import type { Program } from '../ir/program.ts';
import type { RunOptions, SideName } from './sides.ts';
import type { SideResult } from './verdict.ts';

const WORKER = new URL('./isolated-worker.ts', import.meta.url).href;

/** Worker threads do not inherit tsx's loader: the worker registers it before importing. */
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER)}); })`;

export interface IsolatedRequest {
  side: SideName;
  program: Program;
  options: RunOptions;
}

export function runIsolated(request: IsolatedRequest, wallclockMs: number): Promise<SideResult> {
  const worker = new Worker(BOOT, { eval: true, workerData: request });
  return new Promise<SideResult>((resolve) => {
    const timer = setTimeout(() => {
      resolve({ trace: [], outcome: { kind: 'budget', limit: 'wallclock' }, endTime: 0, iterations: 0 });
      void worker.terminate();
    }, wallclockMs);
    worker.once('message', (result: SideResult) => {
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      resolve({ failure: `${error.name}: ${error.message}` });
    });
  });
}
