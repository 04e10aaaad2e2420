/**
 * The side under test on worker threads: `check` runs the port (or the native profile) of
 * several programs at once, one thread per spare core, so the side's throughput grows with
 * cores instead of being bound to the main thread. Each thread runs the very code the main
 * thread would (compare/sides.ts `sideNamed(...).run`); results come back by request id, so
 * the caller awaits them in its own order.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Program } from '../ir/program.ts';
import { powBuild, type PowBuild } from '../runtime/libm-build.ts';
import { pythonVersion, type PythonVersion } from '../port/version.ts';
import type { RunOptions, SideName } from './sides.ts';
import type { SideResult } from './verdict.ts';

export interface PortPoolRequest {
  id: number;
  side: SideName;
  program: Program;
  /** What crosses the thread boundary: no callbacks. */
  options: Pick<RunOptions, 'clock' | 'budget'>;
  /** The caller's per-thread settings of the port (port/version.ts, runtime/pow.ts), as they are at the request. */
  pythonVersion: PythonVersion;
  powBuild: PowBuild;
}

export interface PortPoolResponse {
  id: number;
  result: SideResult;
}

/** Defined by the build (scripts/build.mjs): in the bundled CLI, the bundled thread entry, which starts without tsx. */
declare const BUILT_PORT_POOL_WORKER: string | undefined;

/**
 * The thread's entry: the bundled worker, else a bootstrap that registers tsx's loader in the
 * thread (Node 20 does not pass `--import` hooks to worker threads) and imports the source.
 */
function threadEntry(): URL {
  if (typeof BUILT_PORT_POOL_WORKER === 'string') return new URL(BUILT_PORT_POOL_WORKER, import.meta.url);
  // tsx's `esm/api` as `import` resolves it (package.json `exports`); require would give its CommonJS twin.
  const tsxApi = new URL(
    'dist/esm/api/index.mjs',
    pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
  ).href;
  const source = pathToFileURL(fileURLToPath(new URL('./port-pool-worker.ts', import.meta.url))).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(tsxApi)}); register(); await import(${JSON.stringify(source)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}

type Waiting = (result: SideResult) => void;

export class PortPool {
  private readonly threads: Worker[];
  private readonly waiting = new Map<number, Waiting>();
  /** Requests sent and not yet answered, per thread: each request goes to the least busy. */
  private readonly load: number[];
  /** Why thread k is gone, once it is. */
  private readonly dead: Array<string | undefined>;
  private nextId = 0;

  /** Starts `size` threads, each running `side` (default: the port). */
  constructor(
    readonly size: number,
    private readonly side: SideName = 'port',
  ) {
    const entry = threadEntry();
    this.load = new Array<number>(size).fill(0);
    this.dead = new Array<string | undefined>(size).fill(undefined);
    this.threads = Array.from({ length: size }, (_, k) => {
      const thread = new Worker(entry);
      thread.on('message', (response: PortPoolResponse) => {
        if (--this.load[k] === 0) thread.unref(); // idle: never what keeps the process alive
        const waiting = this.waiting.get(response.id);
        this.waiting.delete(response.id);
        waiting?.(response.result);
      });
      // A thread that dies answers what it was sent, and all it is sent later, with a failure
      // (a port crash, as compare/sides.ts reports one): never a promise that stays pending.
      const fail = (message: string) => {
        this.dead[k] ??= message;
        for (const [id, waiting] of this.waiting) if (id % size === k) this.answer(id, waiting, message);
      };
      thread.on('error', (error) => fail(`the port's thread died: ${error.name}: ${error.message}`));
      thread.on('exit', (code) => fail(`the port's thread exited (code ${code})`));
      thread.unref();
      return thread;
    });
  }

  private answer(id: number, waiting: Waiting, failure: string): void {
    this.waiting.delete(id);
    waiting({ failure });
  }

  /** The side's result for `program`, as `sideNamed(side).run(program, options)` gives it on the main thread. */
  run(program: Program, options: RunOptions): Promise<SideResult> {
    // Thread k serves the ids congruent to k (so a dead thread's requests are known) and the
    // least loaded of the candidates is found by skipping ahead to it.
    let id = this.nextId;
    let best = id % this.size;
    for (let step = 1; step < this.size; step++)
      if (this.load[(id + step) % this.size] < this.load[best]) best = (id + step) % this.size;
    while (id % this.size !== best) id++;
    this.nextId = id + 1;
    const dead = this.dead[best];
    if (dead !== undefined) return Promise.resolve({ failure: dead });
    if (this.load[best]++ === 0) this.threads[best].ref();
    const request: PortPoolRequest = {
      id,
      side: this.side,
      program,
      options: { clock: options.clock, budget: options.budget },
      pythonVersion: pythonVersion(),
      powBuild: powBuild(),
    };
    return new Promise<SideResult>((resolve) => {
      this.waiting.set(id, resolve);
      this.threads[best].postMessage(request);
    });
  }

  /** Ends the threads; runs still waiting are answered with a failure. */
  async close(): Promise<void> {
    this.dead.fill('the port pool was closed');
    await Promise.all(this.threads.map((thread) => thread.terminate()));
    for (const [id, waiting] of this.waiting) this.answer(id, waiting, 'the port pool was closed');
  }
}
