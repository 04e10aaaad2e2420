/**
 * What the two oracles share: the process pool (pool.ts, one `worker.py` process per
 * executor) and the embedded oracle (embedded/oracle.ts, one Pyodide thread per executor).
 * Both speak the worker's JSON protocol, pipeline requests least-loaded first, and recover
 * by one rule (pool.ts says why it is sound): an executor answers in order, so when one dies
 * only its executing request takes the blame (a strike; a hang, two) and everything else it
 * held is resent unchanged to its replacement. Two strikes end a run with `budget/wallclock`
 * (a hang) or a crash result, and reject any other request. No request is ever dropped.
 */
import { DEFAULT_BUDGET, type Budget, type ClockModel, type Program, type RunResult } from '../ir/program.ts';
import { toProgramInputError, type WorkerError } from './errors.ts';
import { DEFAULT_WALLCLOCK_MS } from './wallclock.ts';

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

/** How long an `info` or `import` request may take. */
export const OTHER_OP_MS = 30_000;

export interface OracleRequest {
  id: number;
  op: 'run' | 'import' | 'info' | 'heapq';
  /** The JSON line as sent (resent as is after a crash). */
  line: string;
  filename: string;
  /** Kill the executor when this request runs longer than this (0: never). */
  killAfterMs: number;
  /** Times its executor died while executing it. */
  strikes: number;
  /** Resolve with `{result, clockReads}` instead of the bare result (runCountingClockReads). */
  withStats: boolean;
  /** The `info` a replacement worker gets first (nobody waits for it; never resent). */
  warmUp?: boolean;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export interface WorkerResponse {
  id: number;
  ok: boolean;
  error?: WorkerError;
  result?: RunResult;
  program?: Program;
  stats?: { clockReads: number };
  [key: string]: unknown;
}

/** One process or thread that executes requests in the order it received them. */
export interface Executor {
  /** Sent and not answered, oldest first; `inflight[0]` is executing. */
  readonly inflight: OracleRequest[];
  send(request: OracleRequest): void;
}

/** The outcome of a run that hit its wall clock (the worker's alarm or the safety net). */
export function wallclockResult(): RunResult {
  return { trace: [], outcome: { kind: 'budget', limit: 'wallclock' }, endTime: 0, iterations: 0 };
}

/** The outcome of a run whose executor died twice on it. */
export function crashResult(stderrTail: string): RunResult {
  const lastLine = stderrTail.trim().split('\n').pop() ?? '';
  const message = lastLine.length > 500 ? `${lastLine.slice(0, 500)} [cut]` : lastLine;
  return { trace: [], outcome: { kind: 'crash', message }, endTime: 0, iterations: 0 };
}

export abstract class Dispatcher<E extends Executor> {
  protected readonly executors: E[] = [];
  protected nextId = 1;
  protected closing = false;

  /** Ends each request line: `\n` on a pipe, nothing in a thread message. */
  protected abstract readonly lineEnd: string;
  /** Names an executor in error messages: `oracle worker`, `embedded oracle thread`. */
  protected abstract readonly executorName: string;
  /** Why nothing can run when no executor is left. */
  protected abstract noExecutor(): Error;
  /** The safety-net limit of a run with this wall clock. */
  protected abstract killAfter(wallclockMs: number): number;

  /** Number of executors. */
  get size(): number {
    return this.executors.length;
  }

  /** Requests sent to each executor and not answered yet. */
  get inflight(): number[] {
    return this.executors.map((e) => e.inflight.length);
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

  /** Reads a `.py` source into the IR (never runs it). Rejects with ProgramInputError. */
  importSource(source: string, filename: string): Promise<Program> {
    return this.request<Program>({ op: 'import', source, filename }, filename, OTHER_OP_MS);
  }

  private runRequest<T>(source: string, opts: RunOptions, countClockReads: boolean): Promise<T> {
    const wallclockMs = opts.wallclockMs ?? DEFAULT_WALLCLOCK_MS;
    const filename = opts.filename ?? 'prog.py';
    return this.request<T>(
      {
        op: 'run',
        source,
        filename,
        clock: opts.clock ?? 'realistic',
        budget: opts.budget ?? DEFAULT_BUDGET,
        wallclockMs,
        ...(countClockReads ? { countClockReads: true } : {}),
        ...(opts.quantum !== undefined ? { quantum: opts.quantum } : {}),
        ...(opts.events ? { events: true } : {}), // explain: the loop's events (oracle/events.ts)
      },
      filename,
      wallclockMs > 0 ? this.killAfter(wallclockMs) : 0,
      undefined,
      countClockReads,
    );
  }

  protected request<T>(payload: Record<string, unknown>, filename: string, killAfterMs: number, executor?: E, withStats = false): Promise<T> {
    if (this.closing) return Promise.reject(new Error('oracle is closed'));
    if (this.executors.length === 0) return Promise.reject(this.noExecutor());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const request: OracleRequest = {
        id,
        op: payload.op as OracleRequest['op'],
        line: JSON.stringify({ id, ...payload }) + this.lineEnd,
        filename,
        killAfterMs,
        strikes: 0,
        withStats,
        resolve: (value) => resolve(value as T),
        reject,
      };
      (executor ?? this.leastLoaded()).send(request);
    });
  }

  protected leastLoaded(): E {
    let best = this.executors[0];
    for (const executor of this.executors) if (executor.inflight.length < best.inflight.length) best = executor;
    return best;
  }

  /** Hands an answer to whoever waits for it. */
  protected settle(request: OracleRequest, response: WorkerResponse): void {
    if (!response.ok) request.reject(toProgramInputError(response.error as WorkerError, request.filename));
    else if (request.withStats) request.resolve({ result: response.result, clockReads: response.stats?.clockReads ?? 0 });
    else if (request.op === 'run') request.resolve(response.result);
    else if (request.op === 'import') request.resolve(response.program);
    else request.resolve(response);
  }

  /** Rejects what a dead executor held when the oracle is closing; true if it was. */
  protected rejectIfClosing(orphans: OracleRequest[]): boolean {
    if (!this.closing) return false;
    for (const r of orphans) r.reject(new Error(`oracle closed before request ${r.id} was answered`));
    return true;
  }

  /** The recovery rule: the culprit takes its strike (or gives up), the rest go to `replacement`. */
  protected resend(orphans: OracleRequest[], culprit: OracleRequest | undefined, hung: boolean, replacement: E, outputTail: string): void {
    for (const request of orphans) {
      if (request === culprit) {
        request.strikes += hung ? 2 : 1;
        if (request.strikes >= 2) {
          this.giveUp(request, hung, outputTail);
          continue;
        }
      }
      replacement.send(request);
    }
  }

  private giveUp(request: OracleRequest, hung: boolean, outputTail: string): void {
    if (request.op === 'run') {
      // A hang is the program's doing (a budget); an executor that died twice is not.
      const result = hung ? wallclockResult() : crashResult(outputTail);
      if (request.withStats) request.resolve({ result, clockReads: 0 });
      else request.resolve(result);
      return;
    }
    const why = hung ? 'hung' : 'crashed twice';
    request.reject(new Error(`${this.executorName} ${why} on a ${request.op} request: ${outputTail.slice(-500)}`));
  }
}
