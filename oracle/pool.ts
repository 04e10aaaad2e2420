/**
 * The CPython oracle: a pool of persistent `oracle/python/worker.py` processes.
 *
 * Requests are JSON lines, pipelined (many are written before any answer is read) and spread
 * over the workers, least-loaded first. A worker answers in request order, one at a time, so
 * the oldest unanswered request of a worker is the one it is executing. That gives the
 * recovery rule: when a worker dies, only its executing request takes the blame (a strike);
 * everything else it held is resent, unchanged, to a fresh worker in its slot. A request
 * with two strikes, or one that outlives its wallclock on the TypeScript timer (a hang the
 * worker's own SIGALRM cannot break, e.g. a huge `**` in C), gets the outcome
 * `budget/wallclock` instead of a result. No request is ever dropped.
 *
 * The TypeScript timer measures the run, not the machine: it is armed when the worker starts
 * executing the request (when the previous answer arrived, or at once for an idle worker;
 * never while a fresh worker boots: each worker's first request is an `info`, with a boot
 * limit of its own) and it is disarmed by the first bytes of the answer (from then on the
 * program is over and what remains is transfer, however large the result: a 16 MB print must
 * not turn into a wall-clock stop on a busy machine).
 */
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { Dispatcher, OTHER_OP_MS, type Executor, type OracleRequest, type WorkerResponse } from './dispatch.ts';
import { findPython, userCacheDirectory, type PythonInfo } from './find-python.ts';
import { DEFAULT_WALLCLOCK_MS } from './wallclock.ts';

export const WORKER_SCRIPT = fileURLToPath(new URL('./python/worker.py', import.meta.url));

export interface OracleOptions {
  /** Interpreter to run (see findPython). */
  python?: string;
  /** What findPython or guessPython answered for it, when the caller already asked (oracle/oracles.ts). */
  found?: PythonInfo;
  /** Worker processes; default `os.availableParallelism()`. */
  workers?: number;
  /**
   * Grace on top of a run's own wallclock before the TypeScript side kills a worker that
   * does not answer (the worker's SIGALRM normally ends the run first). Default 3000.
   */
  killGraceMs?: number;
  /**
   * Test hook: the workers run source outside the subset unchecked (a program that must
   * crash or wedge its worker). Never set by the CLI: by default every source is re-checked
   * with the importer's allow-list and refused (`unsupported ...`) instead of run.
   */
  uncheckedSource?: boolean;
  /** The script the workers run; default WORKER_SCRIPT (oracle/oracles.ts starts variants through a launcher). */
  script?: string;
}

export type { RunOptions } from './dispatch.ts';

/** One operation of a `heapqTrace` case; an item's id is the order it was made in. */
export type HeapqOp = { op: 'push'; key: number } | { op: 'pop' } | { op: 'heapify'; keys: number[] };

/** What the worker says about itself (`info` op). */
export type OracleInfo = PythonInfo;

export { DEFAULT_WALLCLOCK_MS };
export const DEFAULT_KILL_GRACE_MS = 3000;
/** How long a worker may take to start and answer its first (`info`) request. */
const BOOT_LIMIT_MS = 30_000;
/** Workers in a row that died before their first answer: the interpreter cannot run the worker. */
const MAX_BOOT_FAILURES = 3;
/** How long `close()` lets workers finish their queue before killing them. */
const CLOSE_GRACE_MS = 5000;

export { crashResult, wallclockResult } from './dispatch.ts';

/** Workers still running, killed if this process exits first (a worker otherwise ends at its stdin's EOF). */
const running = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();
let killOnExit = false;

class Worker implements Executor {
  /** node:child_process, not execa: execa's 270 KB of modules were a tenth of `run`'s start-up. */
  readonly process: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Settles when the process is gone (whatever the reason). */
  readonly ended: Promise<void>;
  /** Sent and not answered, oldest first; `inflight[0]` is executing. */
  readonly inflight: OracleRequest[] = [];
  exited = false;
  /** Responses received: a worker that dies before its first one is broken, not unlucky. */
  answered = 0;
  /** The last few KB of stderr, for diagnostics (a real run writes warnings there). */
  stderrTail = '';
  private headTimer: NodeJS.Timeout | undefined;
  private killedByTimer = false;
  /** The answer being received, in chunks (joined once its newline arrives: no quadratic re-scans). */
  private partial: string[] = [];
  /** Set on a protocol error: nothing more this worker says can be trusted. */
  private corrupt = false;

  constructor(
    executable: string,
    private readonly onResponse: (worker: Worker, request: OracleRequest, response: WorkerResponse) => void,
    private readonly onExit: (worker: Worker, culprit: OracleRequest | undefined, hung: boolean) => void,
    workerArgs: string[] = [],
    script = WORKER_SCRIPT,
  ) {
    // No -B: importer.py's bytecode is cached outside the checkout (oracleEnv's
    // PYTHONPYCACHEPREFIX); compiling its 2,000 lines was a third of a worker's start.
    // -I would ignore PYTHONHASHSEED, so its isolation is spelled out: -s (no user site), no
    // PYTHON* variable but PYTHONHASHSEED=0 (the str hashes a set's order rests on are then
    // fixed; runtime/hash.ts uses that key), and the worker leaves its own directory off
    // sys.path as -P would.
    this.process = spawn(executable, ['-s', script, ...workerArgs], { env: oracleEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    running.add(this.process);
    if (!killOnExit) {
      killOnExit = true;
      process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
    }
    this.process.stdin.on('error', () => {}); // EPIPE after a crash: handled by the exit path
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => this.receive(chunk));
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4096);
    });
    this.ended = new Promise((resolve) => {
      // e.g. ENOENT: the interpreter could not even be spawned ('close' follows 'error' then)
      this.process.once('error', (error) => (this.stderrTail += `\n${error.message}`));
      // 'close', not 'exit': the worker's last answer and stderr have been read by then.
      this.process.once('close', () => {
        running.delete(this.process);
        this.exit();
        resolve();
      });
    });
  }

  send(request: OracleRequest): void {
    this.inflight.push(request);
    if (this.inflight.length === 1) this.armTimer();
    // Requests sent in one synchronous run go out as one write (one syscall, one wake-up of
    // the worker) when the caller next yields: a pipe write costs more than the JSON.
    this.unsent.push(request.line);
    if (this.unsent.length === 1) queueMicrotask(this.flush);
  }

  private readonly unsent: string[] = [];
  private readonly flush = (): void => {
    const lines = this.unsent.splice(0);
    if (!this.exited && lines.length > 0) this.process.stdin.write(lines.length === 1 ? lines[0] : lines.join(''));
  };

  kill(): void {
    if (!this.exited) this.process.kill('SIGKILL');
  }

  endInput(): void {
    this.flush();
    this.process.stdin.end();
  }

  private receive(chunk: string): void {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      this.partial.push(chunk.slice(start, newline));
      const line = this.partial.join('');
      this.partial = [];
      start = newline + 1;
      if (line.trim() && !this.corrupt) this.answer(line);
    }
    if (start < chunk.length) {
      this.partial.push(chunk.slice(start));
      // The executing request's answer has begun: its run is over, the rest is transfer.
      this.disarmTimer();
    }
  }

  private answer(line: string): void {
    let response: WorkerResponse | undefined;
    try {
      response = JSON.parse(line) as WorkerResponse;
    } catch {
      response = undefined;
    }
    if (!response || response.id !== this.inflight[0]?.id) {
      // Cannot happen unless the channel is corrupted; treat it as a crash (resend, blame the head).
      this.corrupt = true;
      this.stderrTail += `\noracle protocol error: expected id ${this.inflight[0]?.id}, got ${line.slice(0, 200)}`;
      this.kill();
      return;
    }
    const request = this.inflight.shift() as OracleRequest;
    this.answered++;
    this.armTimer();
    this.onResponse(this, request, response);
  }

  private disarmTimer(): void {
    clearTimeout(this.headTimer);
    this.headTimer = undefined;
  }

  /** One timer, for the executing request only: queued requests are not running yet. */
  private armTimer(): void {
    this.disarmTimer();
    const head = this.inflight[0];
    if (!head || head.killAfterMs <= 0) return;
    this.headTimer = setTimeout(() => {
      this.killedByTimer = true;
      this.kill();
    }, head.killAfterMs);
    this.headTimer.unref();
  }

  private exit(): void {
    if (this.exited) return;
    this.exited = true;
    clearTimeout(this.headTimer);
    this.onExit(this, this.inflight[0], this.killedByTimer);
  }
}

export class Oracle extends Dispatcher<Worker> {
  /** stderr of the last worker that died (for error messages). */
  private lastStderr = '';
  /** Workers in a row that died before answering anything. */
  private bootFailures = 0;
  protected readonly lineEnd = '\n';
  protected readonly executorName = 'oracle worker';

  private constructor(
    readonly info: OracleInfo,
    private readonly executable: string,
    private readonly killGraceMs: number,
    private readonly workerArgs: string[] = [],
    private readonly script = WORKER_SCRIPT,
  ) {
    super();
  }

  static async start(opts: OracleOptions = {}): Promise<Oracle> {
    const python = opts.found ?? (await findPython({ python: opts.python }));
    const count = Math.max(1, opts.workers ?? os.availableParallelism());
    const oracle = new Oracle(python, python.executable, opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS, opts.uncheckedSource ? ['--unchecked'] : [], opts.script);
    for (let i = 0; i < count; i++) oracle.executors.push(oracle.spawn());
    // Every worker must come up (imports asyncio, installs its policy) before we say ready.
    let infos: Omit<WorkerResponse, 'id'>[];
    try {
      infos = await Promise.all(
        oracle.executors.map((worker) => oracle.request<Omit<WorkerResponse, 'id'>>({ op: 'info' }, 'info', BOOT_LIMIT_MS, worker)),
      );
    } catch (error) {
      await oracle.close();
      throw error;
    }
    const first = infos[0] as unknown as OracleInfo;
    (oracle as { info: OracleInfo }).info = {
      executable: first.executable,
      version: first.version,
      implementation: first.implementation,
    };
    return oracle;
  }

  /** Process ids of the live workers (tests kill one to check recovery). */
  get pids(): number[] {
    return this.executors.map((w) => w.process.pid ?? -1);
  }

  /** Runs heapq operations on CPython's own heapq (tests of port/heapq.ts). */
  async heapqTrace(cases: HeapqOp[][]): Promise<Array<[popped: number[], heap: number[]]>> {
    const response = await this.request<{ results: Array<[number[], number[]]> }>({ op: 'heapq', cases }, 'heapq', OTHER_OP_MS);
    return response.results;
  }

  /** Lets every worker finish what it was sent, then ends it; kills stragglers. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const worker of this.executors) worker.endInput();
    const killTimer = setTimeout(() => this.executors.forEach((w) => w.kill()), CLOSE_GRACE_MS);
    await Promise.all(this.executors.map((w) => w.ended));
    clearTimeout(killTimer);
  }

  protected noExecutor(): Error {
    return new Error(`no oracle worker could start: ${this.lastStderr}`);
  }

  // Twice the wallclock plus the grace: the worker's SIGALRM ends the run at wallclockMs;
  // after it come the clean-up of what the program left and the encoding of its trace,
  // both bounded by what the program could do in that time. This is only a safety net.
  protected killAfter(wallclockMs: number): number {
    return 2 * wallclockMs + this.killGraceMs;
  }

  private spawn(): Worker {
    return new Worker(
      this.executable,
      (_worker, request, response) => this.settle(request, response),
      (worker, culprit, hung) => this.recover(worker, culprit, hung),
      this.workerArgs,
      this.script,
    );
  }

  /** A worker exited: replace it, blame its executing request, resend the rest. */
  private recover(dead: Worker, culprit: OracleRequest | undefined, hung: boolean): void {
    const orphans = dead.inflight.splice(0);
    const slot = this.executors.indexOf(dead);
    if (this.rejectIfClosing(orphans)) return;
    this.lastStderr = dead.stderrTail.slice(-1000);
    this.bootFailures = dead.answered > 0 ? 0 : this.bootFailures + 1;
    const work = orphans.filter((request) => !request.warmUp);
    if (dead.answered === 0 && (work.length === 0 || this.bootFailures >= MAX_BOOT_FAILURES)) {
      // Died before it ever answered, with nothing to retry or again and again: the
      // interpreter or the worker script is broken. Respawning would loop forever; drop the
      // slot instead and fail what it held.
      if (slot >= 0) this.executors.splice(slot, 1);
      for (const request of work) request.reject(this.noExecutor());
      return;
    }
    const replacement = this.spawn();
    if (slot >= 0) this.executors[slot] = replacement;
    // Its first request is an `info`: the resent runs' timers start once it has booted.
    this.warmUp(replacement);
    this.resend(work, culprit, hung, replacement, dead.stderrTail);
  }

  /** Sends a fresh worker an `info` request, so that no run's timer counts the worker's start. */
  private warmUp(worker: Worker): void {
    const id = this.nextId++;
    worker.send({
      id,
      op: 'info',
      line: JSON.stringify({ id, op: 'info' }) + '\n',
      filename: 'info',
      killAfterMs: BOOT_LIMIT_MS,
      strikes: 0,
      withStats: false,
      warmUp: true,
      resolve: () => {},
      reject: () => {},
    });
  }
}

/**
 * The oracle's environment: this process's, minus every PYTHON* variable, plus
 * PYTHONHASHSEED=0 and PYTHONPYCACHEPREFIX, where the worker's modules keep their bytecode
 * (under the user's cache directory: never in the checkout or an installed package). A
 * program sees neither: its source is compiled by the worker, never imported.
 */
export function oracleEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('PYTHON')) env[name] = value;
  env.PYTHONHASHSEED = '0';
  env.PYTHONPYCACHEPREFIX = join(userCacheDirectory(), 'pycache');
  return env;
}
