/**
 * The embedded oracle: CPython builds that ship in npm packages (Pyodide), one per Node worker
 * thread, behind the same interface and rules as the process pool (one dispatcher, `oracle/dispatch.ts`):
 * requests are the worker's JSON lines, pipelined and spread least-loaded first; each thread
 * answers in order, so its oldest unanswered request is the one executing. A thread that dies
 * (a Pyodide fatal error) or outlives a request's wall clock plus grace (a hang Python's
 * signal check cannot break) is terminated and replaced; its executing request takes a strike
 * (a hang: two) and the rest are resent. Two strikes: `budget/wallclock` or a crash result.
 * Loading a build takes one to a few seconds a thread, paid once per oracle (and per crash).
 */
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Dispatcher, OTHER_OP_MS, type Executor, type OracleRequest, type WorkerResponse } from '../dispatch.ts';
import type { Oracle } from '../oracles.ts';
import { DEFAULT_KILL_GRACE_MS, WORKER_SCRIPT, type OracleInfo } from '../pool.ts';
import { AlarmClock, newAlarmState } from './alarm.ts';
import { pyodideModuleUrl, type EmbeddedBuild } from './builds.ts';
import type { ThreadData, ThreadMessage, ThreadRequest } from './thread.ts';

export interface EmbeddedOracleOptions {
  build: EmbeddedBuild;
  /** Run the pure-Python Task and Future instead of the C ones (`_asyncio` blocked). */
  pythonTasks?: boolean;
  /** Threads, each with its own interpreter; default `os.availableParallelism()`. */
  workers?: number;
  /** Grace on top of a run's wall clock before its thread is terminated. Default 3000. */
  killGraceMs?: number;
}

/** Loading a build is slow on a busy machine: a thread gets this long to say it is ready. */
const LOAD_TIMEOUT_MS = 120_000;
const CLOSE_GRACE_MS = 5000;

const THREAD = new URL('./thread.ts', import.meta.url).href;
/** Worker threads do not inherit tsx's loader: the thread registers it before importing. */
const BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(THREAD)}); })`;
/** The worker and every module beside it (importer.py...), and the glue that starts it. */
function pythonFiles(): string[] {
  const dir = dirname(WORKER_SCRIPT);
  const modules = readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => join(dir, f));
  return [...modules, fileURLToPath(new URL('./bootstrap.py', import.meta.url))];
}

/** One thread: its queue, its alarm, its safety-net timer. */
class EmbeddedThread implements Executor {
  readonly worker: Worker;
  readonly inflight: OracleRequest[] = [];
  exited = false;
  ready = false;
  /** Where this interpreter's `asyncio.Task` comes from (`_asyncio`: the C Task). */
  taskModule = '';
  answered = 0;
  outputTail = '';
  private readonly alarm: AlarmClock;
  private headTimer: NodeJS.Timeout | undefined;
  private killedByTimer = false;
  /** Ended on purpose after an answer (the worker asked for it): nothing to blame. */
  private retiring = false;

  constructor(
    build: EmbeddedBuild,
    pythonTasks: boolean,
    private readonly onResponse: (thread: EmbeddedThread, request: OracleRequest, response: WorkerResponse, restart: boolean) => void,
    private readonly onExit: (thread: EmbeddedThread, culprit: OracleRequest | undefined, hung: boolean) => void,
  ) {
    const state = newAlarmState();
    this.alarm = new AlarmClock(state);
    const data: ThreadData = { moduleUrl: pyodideModuleUrl(build), pythonTasks, pythonFiles: pythonFiles(), state: state.buffer as SharedArrayBuffer };
    this.worker = new Worker(BOOT, { eval: true, workerData: data, stdout: true, stderr: true });
    this.worker.stdout.on('data', (chunk: Buffer) => this.keepOutput(chunk.toString()));
    this.worker.stderr.on('data', (chunk: Buffer) => this.keepOutput(chunk.toString()));
    this.worker.on('message', (message: ThreadMessage) => this.receive(message));
    this.worker.on('error', (error) => this.keepOutput(`\n${error.name}: ${error.message}`));
    this.worker.on('exit', () => this.exit());
    this.armTimer(); // the load itself is bounded
  }

  send(request: OracleRequest): void {
    this.inflight.push(request);
    if (this.inflight.length === 1 && this.ready) this.armTimer();
    const message: ThreadRequest = { id: request.id, line: request.line };
    this.worker.postMessage(message);
  }

  terminate(): void {
    if (!this.exited) void this.worker.terminate();
  }

  /** Ends the thread between requests: what it still holds is resent, nobody blamed. */
  retire(): void {
    this.retiring = true;
    this.terminate();
  }

  private keepOutput(text: string): void {
    this.outputTail = (this.outputTail + text).slice(-4096);
  }

  private receive(message: ThreadMessage): void {
    if (this.exited) return;
    if (message.type === 'output') this.keepOutput(message.text);
    else if (message.type === 'alarm') this.alarm.set(message);
    else if (message.type === 'ready') {
      this.ready = true;
      this.taskModule = message.taskModule;
      this.armTimer();
    } else this.answer(message.id, message.line, message.restart);
  }

  private answer(id: number, line: string, restart: boolean): void {
    const request = this.inflight[0];
    let response: WorkerResponse | undefined;
    try {
      response = JSON.parse(line) as WorkerResponse;
    } catch {
      response = undefined;
    }
    if (!request || !response || response.id !== id || request.id !== id) {
      this.keepOutput(`\noracle protocol error: expected id ${request?.id}, got ${line.slice(0, 200)}`);
      this.terminate();
      return;
    }
    this.inflight.shift();
    this.answered++;
    this.alarm.clear();
    this.armTimer();
    this.onResponse(this, request, response, restart);
  }

  /** One timer: the load, then the executing request only (queued ones are not running). */
  private armTimer(): void {
    clearTimeout(this.headTimer);
    this.headTimer = undefined;
    const limit = this.ready ? (this.inflight[0]?.killAfterMs ?? 0) : LOAD_TIMEOUT_MS;
    if (limit <= 0) return;
    this.headTimer = setTimeout(() => {
      this.killedByTimer = true;
      this.terminate();
    }, limit);
    this.headTimer.unref();
  }

  private exit(): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.headTimer);
    this.alarm.clear();
    // A thread that never loaded gets no request blamed: the build is broken, not the program.
    this.onExit(this, this.ready && !this.retiring ? this.inflight[0] : undefined, this.killedByTimer);
  }
}

export class EmbeddedOracle extends Dispatcher<EmbeddedThread> implements Oracle {
  private lastOutput = '';
  protected readonly lineEnd = '';
  protected readonly executorName = 'embedded oracle thread';
  /** wasm32: `hash(str)` is 32 bits wide, so sets of strs print in another order (oracles.ts Oracle.features). */
  readonly features = { containers: false } as const;

  private constructor(
    readonly info: OracleInfo,
    private readonly options: Required<EmbeddedOracleOptions>,
  ) {
    super();
  }

  static async start(opts: EmbeddedOracleOptions): Promise<EmbeddedOracle> {
    const options: Required<EmbeddedOracleOptions> = {
      build: opts.build,
      pythonTasks: opts.pythonTasks ?? false,
      workers: Math.max(1, opts.workers ?? os.availableParallelism()),
      killGraceMs: opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
    };
    const placeholder: OracleInfo = { executable: '', version: '', implementation: '' };
    const oracle = new EmbeddedOracle(placeholder, options);
    for (let i = 0; i < options.workers; i++) oracle.executors.push(oracle.spawn());
    let infos: OracleInfo[];
    try {
      infos = await Promise.all(oracle.executors.map((thread) => oracle.request<OracleInfo>({ op: 'info' }, 'info', OTHER_OP_MS, thread)));
    } catch (error) {
      await oracle.close();
      throw error;
    }
    (oracle as { info: OracleInfo }).info = {
      executable: `pyodide ${opts.build.pyodide} (embedded ${opts.build.name})`,
      version: infos[0].version,
      // Said by the interpreter itself: a Task that is not `_asyncio`'s is the pure-Python one.
      implementation: oracle.executors[0].taskModule === '_asyncio' ? infos[0].implementation : `${infos[0].implementation}/py-task`,
    };
    return oracle;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const drained = this.executors.map(
      (thread) =>
        new Promise<void>((resolve) => {
          if (thread.exited) return resolve();
          thread.worker.once('exit', () => resolve());
          if (thread.inflight.length === 0) thread.retire();
        }),
    );
    const killTimer = setTimeout(() => this.executors.forEach((t) => t.terminate()), CLOSE_GRACE_MS);
    await Promise.all(drained);
    clearTimeout(killTimer);
  }

  protected noExecutor(): Error {
    return new Error(`no embedded CPython could start: ${this.lastOutput}`);
  }

  protected killAfter(wallclockMs: number): number {
    return wallclockMs + this.options.killGraceMs;
  }

  private spawn(): EmbeddedThread {
    return new EmbeddedThread(
      this.options.build,
      this.options.pythonTasks,
      (thread, request, response, restart) => this.settleAndRetire(thread, request, response, restart),
      (thread, culprit, hung) => this.recover(thread, culprit, hung),
    );
  }

  private settleAndRetire(thread: EmbeddedThread, request: OracleRequest, response: WorkerResponse, restart: boolean): void {
    if (restart) thread.retire(); // the worker gave up on its state (its clean-up outran its bound)
    this.settle(request, response);
    if (this.closing && thread.inflight.length === 0) thread.retire();
  }


  /** A thread ended: replace it, blame its executing request, resend the rest. */
  private recover(dead: EmbeddedThread, culprit: OracleRequest | undefined, hung: boolean): void {
    const orphans = dead.inflight.splice(0);
    const slot = this.executors.indexOf(dead);
    if (this.rejectIfClosing(orphans)) return;
    this.lastOutput = dead.outputTail.slice(-1000);
    if (!dead.ready) {
      // The build could not even load: respawning would loop forever; drop the slot.
      if (slot >= 0) this.executors.splice(slot, 1);
      const why = `the embedded CPython did not start: ${this.lastOutput.trim() || 'no output'}`;
      if (this.executors.length === 0) for (const r of orphans) r.reject(new Error(why));
      else for (const r of orphans) this.leastLoaded().send(r);
      return;
    }
    const replacement = this.spawn();
    if (slot >= 0) this.executors[slot] = replacement;
    this.resend(orphans, culprit, hung, replacement, dead.outputTail);
  }
}
