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
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import {
  DEFAULT_BUDGET,
  type Budget,
  type ClockModel,
  type Program,
  type RunResult,
} from '../ir/program.ts';
import { toProgramInputError, type WorkerError } from './errors.ts';
import { findPython, type PythonInfo } from './find-python.ts';
import { DEFAULT_WALLCLOCK_MS } from './wallclock.ts';

export const WORKER_SCRIPT = fileURLToPath(new URL('./python/worker.py', import.meta.url));

export interface OracleOptions {
  /** Interpreter to run (see findPython). */
  python?: string;
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

export interface RunOptions {
  /** Default `realistic` (SEMANTICS.md "Clock models"). */
  clock?: ClockModel;
  budget?: Budget;
  /** Wall-clock limit of one run in the worker (SIGALRM); default 5000. 0 disables it. */
  wallclockMs?: number;
  /** The name tracebacks and errors use; default `prog.py`. */
  filename?: string;
  /**
   * What one clock read costs under the `realistic` model, in seconds (default 1e-6, what the
   * port reproduces). A program whose output changes with it (say at 1e-4) is timing-sensitive:
   * its real-world output depends on the machine's speed.
   */
  quantum?: number;
  /**
   * Record the loop's own events too (the worker's event recorder; `explain`): the result then
   * carries an `events` array. Read it through `runWithEvents` (oracle/events.ts).
   */
  events?: boolean;
}

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

/** The result a request gets when it cannot get a real one (its worker hung or kept dying). */
export function wallclockResult(): RunResult {
  return { trace: [], outcome: { kind: 'budget', limit: 'wallclock' }, endTime: 0, iterations: 0 };
}

/** The result of a program whose worker died twice running it (a segfault, an OOM kill). */
export function crashResult(stderrTail: string): RunResult {
  const lastLine = stderrTail.trim().split('\n').at(-1) || 'the worker process died';
  const message = lastLine.length > 500 ? `${lastLine.slice(0, 500)} [cut]` : lastLine;
  return { trace: [], outcome: { kind: 'crash', message }, endTime: 0, iterations: 0 };
}

interface Request {
  id: number;
  op: 'run' | 'import' | 'info' | 'heapq';
  /** The JSON line as sent (resent as is after a crash). */
  line: string;
  filename: string;
  /** Kill the worker when this request runs longer than this (0: never). */
  killAfterMs: number;
  /** Times its worker died while executing it. */
  strikes: number;
  /** Resolve with `{result, clockReads}` instead of the bare result (runCountingClockReads). */
  withStats: boolean;
  /** The `info` a replacement worker gets first (nobody waits for it; never resent). */
  warmUp?: boolean;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

interface WorkerResponse {
  id: number;
  ok: boolean;
  error?: WorkerError;
  result?: RunResult;
  program?: Program;
  [key: string]: unknown;
}

class Worker {
  readonly process: ResultPromise<{ stdin: 'pipe'; stdout: 'pipe'; stderr: 'pipe'; buffer: false; reject: false }>;
  /** Sent and not answered, oldest first; `inflight[0]` is executing. */
  readonly inflight: Request[] = [];
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
    private readonly onResponse: (worker: Worker, request: Request, response: WorkerResponse) => void,
    private readonly onExit: (worker: Worker, culprit: Request | undefined, hung: boolean) => void,
    workerArgs: string[] = [],
    script = WORKER_SCRIPT,
  ) {
    // -B: no bytecode cache written into the checkout. -I would ignore PYTHONHASHSEED, so its
    // isolation is spelled out: -s (no user site), no PYTHON* variable but PYTHONHASHSEED=0 (the
    // str hashes a set's order rests on are then fixed; runtime/hash.ts uses that key), and the
    // worker leaves its own directory off sys.path as -P would.
    this.process = execa(executable, ['-s', '-B', script, ...workerArgs], {
      env: oracleEnv(),
      extendEnv: false,
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
      buffer: false,
      reject: false,
      cleanup: true,
    });
    this.process.stdin.on('error', () => {}); // EPIPE after a crash: handled by the exit path
    this.process.stdout.setEncoding('utf8');
    this.process.stdout.on('data', (chunk: string) => this.receive(chunk));
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4096);
    });
    void this.process.then((result) => {
      // e.g. ENOENT: the interpreter could not even be spawned
      if (result.failed && !result.isTerminated && result.exitCode === undefined) this.stderrTail += `\n${result.shortMessage}`;
      this.exit();
    });
  }

  send(request: Request): void {
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
    const request = this.inflight.shift() as Request;
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

export class Oracle {
  private readonly workers: Worker[] = [];
  private nextId = 1;
  /** stderr of the last worker that died (for error messages). */
  private lastStderr = '';
  private closing = false;
  /** Workers in a row that died before answering anything. */
  private bootFailures = 0;

  private constructor(
    readonly info: OracleInfo,
    private readonly executable: string,
    private readonly killGraceMs: number,
    private readonly workerArgs: string[] = [],
    private readonly script = WORKER_SCRIPT,
  ) {}

  static async start(opts: OracleOptions = {}): Promise<Oracle> {
    const python = await findPython({ python: opts.python });
    const count = Math.max(1, opts.workers ?? os.availableParallelism());
    const oracle = new Oracle(python, python.executable, opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS, opts.uncheckedSource ? ['--unchecked'] : [], opts.script);
    for (let i = 0; i < count; i++) oracle.workers.push(oracle.spawn());
    // Every worker must come up (imports asyncio, installs its policy) before we say ready.
    let infos: Omit<WorkerResponse, 'id'>[];
    try {
      infos = await Promise.all(
        oracle.workers.map((worker) => oracle.request<Omit<WorkerResponse, 'id'>>({ op: 'info' }, 'info', BOOT_LIMIT_MS, worker)),
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

  /** Number of worker processes. */
  get size(): number {
    return this.workers.length;
  }

  /** Requests sent to each worker and not answered yet. */
  get inflight(): number[] {
    return this.workers.map((w) => w.inflight.length);
  }

  /** Process ids of the live workers (tests kill one to check recovery). */
  get pids(): number[] {
    return this.workers.map((w) => w.process.pid ?? -1);
  }

  /**
   * Runs Python source on stock CPython asyncio with a virtual clock.
   * Rejects with ProgramInputError when the source does not parse.
   */
  run(source: string, opts: RunOptions = {}): Promise<RunResult> {
    return this.runRequest<RunResult>(source, opts, false);
  }

  /**
   * Like `run`, plus the number of `loop.time()` reads the run made (a test hook: the port
   * must read the clock exactly as often as base_events.py does).
   */
  runCountingClockReads(source: string, opts: RunOptions = {}): Promise<{ result: RunResult; clockReads: number }> {
    return this.runRequest(source, opts, true);
  }

  private runRequest<T>(source: string, opts: RunOptions, countClockReads: boolean): Promise<T> {
    const wallclockMs = opts.wallclockMs ?? DEFAULT_WALLCLOCK_MS;
    const filename = opts.filename ?? 'prog.py';
    const clock = opts.clock ?? 'realistic';
    const budget = opts.budget ?? DEFAULT_BUDGET;
    return this.request<T>(
      {
        op: 'run',
        source,
        filename,
        clock,
        budget,
        wallclockMs,
        ...(countClockReads ? { countClockReads: true } : {}),
        ...(opts.quantum !== undefined ? { quantum: opts.quantum } : {}),
        ...(opts.events ? { events: true } : {}), // explain: the loop's events (oracle/events.ts)
      },
      filename,
      // Twice the wallclock plus the grace: the worker's SIGALRM ends the run at wallclockMs;
      // after it come the clean-up of what the program left and the encoding of its trace,
      // both bounded by what the program could do in that time. This is only a safety net.
      wallclockMs > 0 ? 2 * wallclockMs + this.killGraceMs : 0,
      undefined,
      countClockReads,
    );
  }

  /** Reads a `.py` source into the IR (never runs it). Rejects with ProgramInputError. */
  importSource(source: string, filename: string): Promise<Program> {
    return this.request<Program>({ op: 'import', source, filename }, filename, 30_000);
  }

  /**
   * Test hook: replays push/pop/heapify sequences on the worker's `heapq` (the C heap the
   * loop keeps its timers in) with items that compare by key only; per case, the ids popped
   * and the ids left in heap order (worker.py `heapq_trace`).
   */
  async heapqTrace(cases: HeapqOp[][]): Promise<Array<[popped: number[], heap: number[]]>> {
    const response = await this.request<{ results: Array<[number[], number[]]> }>({ op: 'heapq', cases }, 'heapq', 30_000);
    return response.results;
  }

  /** Lets every worker finish what it was sent, then ends it; kills stragglers. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    for (const worker of this.workers) worker.endInput();
    const killTimer = setTimeout(() => this.workers.forEach((w) => w.kill()), CLOSE_GRACE_MS);
    await Promise.all(this.workers.map((w) => w.process.then(() => undefined, () => undefined)));
    clearTimeout(killTimer);
  }

  private request<T>(
    payload: Record<string, unknown>,
    filename: string,
    killAfterMs: number,
    worker?: Worker,
    withStats = false,
  ): Promise<T> {
    if (this.closing) return Promise.reject(new Error('oracle is closed'));
    if (this.workers.length === 0) return Promise.reject(new Error(`no oracle worker could start: ${this.lastStderr}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const request: Request = {
        id,
        op: payload.op as Request['op'],
        line: JSON.stringify({ id, ...payload }) + '\n',
        filename,
        killAfterMs,
        strikes: 0,
        withStats,
        resolve: (value) => resolve(value as T),
        reject,
      };
      (worker ?? this.leastLoaded()).send(request);
    });
  }

  private leastLoaded(): Worker {
    let best = this.workers[0];
    for (const worker of this.workers) if (worker.inflight.length < best.inflight.length) best = worker;
    return best;
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

  private settle(request: Request, response: WorkerResponse): void {
    if (!response.ok) {
      request.reject(toProgramInputError(response.error as WorkerError, request.filename));
      return;
    }
    if (request.withStats) {
      request.resolve({ result: response.result, clockReads: (response.stats as { clockReads: number }).clockReads });
    } else if (request.op === 'run') request.resolve(response.result);
    else if (request.op === 'import') request.resolve(response.program);
    else request.resolve(response);
  }

  /** A worker exited: replace it, blame its executing request, resend the rest. */
  private recover(dead: Worker, culprit: Request | undefined, hung: boolean): void {
    const orphans = dead.inflight.splice(0);
    const slot = this.workers.indexOf(dead);
    if (this.closing) {
      for (const r of orphans) r.reject(new Error(`oracle closed before request ${r.id} was answered`));
      return;
    }
    this.lastStderr = dead.stderrTail.slice(-1000);
    this.bootFailures = dead.answered > 0 ? 0 : this.bootFailures + 1;
    const work = orphans.filter((request) => !request.warmUp);
    if (dead.answered === 0 && (work.length === 0 || this.bootFailures >= MAX_BOOT_FAILURES)) {
      // Died before it ever answered, with nothing to retry or again and again: the
      // interpreter or the worker script is broken. Respawning would loop forever; drop the
      // slot instead and fail what it held.
      if (slot >= 0) this.workers.splice(slot, 1);
      for (const request of work) request.reject(new Error(`no oracle worker could start: ${this.lastStderr}`));
      return;
    }
    const replacement = this.spawn();
    if (slot >= 0) this.workers[slot] = replacement;
    // Its first request is an `info`: the resent runs' timers start once it has booted.
    this.warmUp(replacement);
    for (const request of work) {
      if (request === culprit) {
        request.strikes += hung ? 2 : 1;
        if (request.strikes >= 2) {
          this.giveUp(request, hung, dead.stderrTail);
          continue;
        }
      }
      replacement.send(request);
    }
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

  private giveUp(request: Request, hung: boolean, stderrTail: string): void {
    if (request.op === 'run') {
      // A hang is the program's doing (a budget); a process that died twice is not.
      const result = hung ? wallclockResult() : crashResult(stderrTail);
      if (request.withStats) request.resolve({ result, clockReads: 0 });
      else request.resolve(result);
      return;
    }
    const why = hung ? 'hung' : 'crashed twice';
    request.reject(new Error(`oracle worker ${why} on a ${request.op} request: ${stderrTail.slice(-500)}`));
  }
}

/** The oracle's environment: this process's, minus every PYTHON* variable, plus PYTHONHASHSEED=0. */
export function oracleEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('PYTHON')) env[name] = value;
  env.PYTHONHASHSEED = '0';
  return env;
}
