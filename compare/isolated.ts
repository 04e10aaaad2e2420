/**
 * Runs one program on a side (the port or the native profile) in a child process with a
 * wall-clock limit. Both run a program's synchronous code on the calling thread, so a user's
 * `while True: pass` would hang the whole command; here the child is killed instead.
 *
 * The wall clock measures the program, not the machine's start-up: it starts when the child
 * says "started", just before the program's first statement runs (after Node, the loader,
 * the port and the transpiler have loaded and the program is compiled). Loading has a
 * generous limit of its own (BOOT_LIMIT_MS). A wall-clock stop is retried once with a larger
 * budget (verdict.ts `retryingWallclock`) and is never judged as the program's behaviour.
 * What the program printed before a stop is kept: the child writes each trace entry to a pipe
 * of its own (fd 3) as it is printed, synchronously.
 *
 * A child serves one program at a time and, once it has answered cleanly, waits for the next
 * (WarmChild): loading Node, the port and the transpiler is most of a `run`'s cost, and a command
 * or a test that runs many programs pays it once. It starts each program afresh as `check` does
 * in process (transpile/execute.ts resets the port's state), and is never reused after a
 * wall-clock stop, a crash or a harness failure: those kill it. Children are kept per
 * environment (the variables they read at start-up and the working directory).
 *
 * A child process, not a worker thread: V8 writes some fatal errors (a stack overflow inside
 * a promise callback, heap exhaustion) straight to file descriptor 2, with lines of source;
 * only a process' stderr can be captured, and it is kept to a bounded size with a note of how
 * much was cut (capped-text.ts). `check` runs generated programs, which always terminate, in
 * process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TraceEntry } from '../ir/program.ts';
import { CappedText, capMessage, STDERR_LIMIT_BYTES, withoutSourceLines } from './capped-text.ts';
import { ADOPTED_PREFIX, END_OF_STDERR, type IsolatedMessage, type IsolatedRequest, type PreloadRequest, type TraceLine } from './isolated-protocol.ts';
import { retryingWallclock, type SideResult } from './verdict.ts';

export type { IsolatedMessage, IsolatedRequest } from './isolated-protocol.ts';

const SOURCE_WORKER = fileURLToPath(new URL('./isolated-worker.ts', import.meta.url));

/** Defined by the build (scripts/build.mjs): in the bundled CLI, the bundled worker, which starts without tsx. */
declare const BUILT_ISOLATED_WORKER: string | undefined;
const BUILT_WORKER = typeof BUILT_ISOLATED_WORKER === 'string' ? fileURLToPath(new URL(BUILT_ISOLATED_WORKER, import.meta.url)) : undefined;

/**
 * How long the child may take to load before the program starts. Not the program's budget:
 * only a machine so loaded that even this passes ends the run (as a wall-clock stop).
 */
export const BOOT_LIMIT_MS = 60_000;
/** Idle children kept for reuse at most (`compare` runs the port and the native profile at once). */
const MAX_IDLE = 2;

/** Children still running: killed if this process exits first (a child may be looping forever). */
const live = new Set<ReturnType<typeof fork>>();
let exitHookInstalled = false;

function track(child: ReturnType<typeof fork>): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => live.forEach((c) => c.kill('SIGKILL')));
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

/**
 * What runs in the child (`fork`): the bundled worker, else the TypeScript source through tsx's
 * loader. `withTsx`: tsx's loader even in the bundled case (an adapter module may be TypeScript).
 */
export function childEntry(options: { withTsx?: boolean } = {}): { script: string; execArgv: string[] } {
  const tsx = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  if (BUILT_WORKER) {
    // Without tsx installed, a JavaScript adapter still loads; a TypeScript one then says it cannot.
    let loader: string[] = [];
    try {
      if (options.withTsx) loader = ['--import', tsx()];
    } catch {
      loader = [];
    }
    return { script: BUILT_WORKER, execArgv: loader };
  }
  return { script: SOURCE_WORKER, execArgv: ['--import', tsx()] };
}

/** Children still running are killed if this process exits first: also an adapter target's child. */
export function trackChild(child: ReturnType<typeof fork>): void {
  track(child);
}

/**
 * Starts a child now, loading the port and the transpiler, for the program a command is about to
 * run (`run`, `compare`): Node's start and those modules load while CPython reads the file, not
 * after. Does nothing when an idle child is there already; an unused one ends with this process.
 */
export function prestartChild(): void {
  WarmChild.prestart();
}

/** Runs the program in a child with `wallclockMs` of wall clock, retried once with a larger budget if it runs out. */
export function runIsolated(request: IsolatedRequest, wallclockMs: number): Promise<SideResult> {
  return retryingWallclock(wallclockMs, (ms) => runIsolatedOnce(request, ms));
}

/** One attempt: never rejects; a crash of the child is a SideFailure. */
export function runIsolatedOnce(request: IsolatedRequest, wallclockMs: number, bootLimitMs = BOOT_LIMIT_MS): Promise<SideResult> {
  return WarmChild.take().run(request, wallclockMs, bootLimitMs);
}

/** One program's run in a child: what arrived so far, and how it ends. */
interface PendingRun {
  trace: TraceEntry[];
  output: CappedText;
  started: boolean;
  ended: boolean;
  stderrEnded: boolean;
  answer?: IsolatedMessage;
  stoppedByWallclock: boolean;
  spawnError?: Error;
  timer?: ReturnType<typeof setTimeout>;
  /** The program started: the boot limit gives way to the wall clock. */
  onStarted: () => void;
  resolve: (result: SideResult) => void;
}

/** The environment a child was started in: a child is reused only where a new one would start the same. */
function environmentKey(): string {
  return JSON.stringify([startKey(), adoptable()]);
}

/** What a child cannot change once started: its working directory and Node's options. */
const startKey = (): string => JSON.stringify([process.cwd(), process.env.NODE_OPTIONS ?? null]);

/**
 * What a child that has run nothing yet can take from the parent with its first program
 * (IsolatedRequest.environment): the variables the port reads at its first use. A command sets
 * some of them once its oracle is up (cli/oracle.ts), after it prestarted the child.
 */
function adoptable(): Array<[string, string]> {
  const read = Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith(ADOPTED_PREFIX) && entry[1] !== undefined);
  return read.sort(([a], [b]) => (a < b ? -1 : 1));
}

let started = 0;

/** How many children this process has started (for tests: a warm child is reused, a stopped one is not). */
export function childrenStarted(): number {
  return started;
}

/** A child process that runs programs one at a time (isolated-worker.ts), kept warm between them. */
class WarmChild {
  private static readonly idle = new Map<string, WarmChild[]>();
  private readonly child: ChildProcess;
  private pending: PendingRun | undefined;
  private stderrTail = '';

  /** An idle child started in this environment, else a prestarted one that has run nothing (it adopts this environment), else a new one. */
  static take(): WarmChild {
    const key = environmentKey();
    const idle = WarmChild.idle.get(key) ?? [];
    for (let warm = idle.pop(); warm; warm = idle.pop()) if (warm.alive()) return warm.held(true);
    for (const [otherKey, others] of WarmChild.idle) {
      const fresh = others.findIndex((warm) => warm.fresh && warm.startKey === startKey() && warm.alive());
      if (fresh === -1) continue;
      const [adopted] = others.splice(fresh, 1);
      if (others.length === 0) WarmChild.idle.delete(otherKey);
      adopted.key = key;
      adopted.environment = Object.fromEntries(adoptable());
      return adopted.held(true);
    }
    return new WarmChild(key);
  }

  /** A new idle child, told to load the port (PreloadRequest), unless one is idle already. */
  static prestart(): void {
    const key = environmentKey();
    if ((WarmChild.idle.get(key) ?? []).some((warm) => warm.alive())) return;
    const warm = new WarmChild(key);
    warm.child.send({ kind: 'preload' } satisfies PreloadRequest, () => undefined);
    warm.park();
  }

  /** No program sent yet: it may still take another environment (take). */
  private fresh = true;
  /** The environment its first program brings along, when it was adopted. */
  private environment: Record<string, string> | undefined;
  private readonly startKey = startKey();

  private constructor(private key: string) {
    const { script, execArgv } = childEntry();
    // fd 0 none, 1 and 2 captured (capped), 3 the trace lines, 4 the IPC channel.
    this.child = fork(script, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
    started++;
    track(this.child);
    this.child.stdout!.on('data', (chunk: Buffer) => this.pending?.output.push(chunk));
    this.child.stderr!.on('data', (chunk: Buffer) => this.onStderr(chunk));
    this.readLines(this.child.stdio[3] as NodeJS.ReadableStream);
    this.child.on('message', (message: IsolatedMessage) => {
      if (!this.pending) return;
      this.pending.answer = message;
      this.settleIfComplete();
    });
    this.child.on('error', (error) => {
      if (this.pending) this.pending.spawnError ??= error;
    });
    this.child.once('close', (code, signal) => this.onClose(code, signal));
  }

  run(request: IsolatedRequest, wallclockMs: number, bootLimitMs: number): Promise<SideResult> {
    return new Promise<SideResult>((resolve) => {
      const stop = (): void => {
        pending.stoppedByWallclock = true;
        this.child.kill('SIGKILL');
      };
      const onStarted = (): void => {
        clearTimeout(pending.timer);
        if (wallclockMs > 0) pending.timer = setTimeout(stop, wallclockMs);
      };
      const output = new CappedText(`the ${request.side} side's stderr`);
      const pending: PendingRun = { trace: [], output, started: false, ended: false, stderrEnded: false, stoppedByWallclock: false, onStarted, resolve };
      pending.timer = setTimeout(stop, bootLimitMs);
      this.pending = pending;
      this.stderrTail = '';
      const sent: IsolatedRequest = this.fresh && this.environment ? { ...request, environment: this.environment } : request;
      this.fresh = false;
      this.child.send(sent, (error) => {
        if (error) pending.spawnError ??= error;
      });
    });
  }

  private readLines(lines: NodeJS.ReadableStream): void {
    lines.setEncoding('utf8');
    let partial: string[] = [];
    lines.on('data', (chunk: string) => {
      let start = 0;
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
        partial.push(chunk.slice(start, newline));
        this.onLine(JSON.parse(partial.join('')) as TraceLine);
        partial = [];
        start = newline + 1;
      }
      if (start < chunk.length) partial.push(chunk.slice(start));
    });
  }

  private onLine(line: TraceLine): void {
    const pending = this.pending;
    if (!pending) return;
    if ('started' in line) {
      pending.started = true;
      pending.onStarted();
    } else if ('ended' in line) {
      pending.ended = true;
      this.settleIfComplete();
    } else if (pending.started) {
      pending.trace.push(line);
    }
  }

  /** stderr up to END_OF_STDERR is the program's; the marker may come split over chunks. */
  private onStderr(chunk: Buffer): void {
    const pending = this.pending;
    if (!pending || pending.stderrEnded) return;
    const text = this.stderrTail + chunk.toString('latin1');
    const at = text.indexOf(END_OF_STDERR);
    if (at === -1) {
      const keep = Math.max(0, text.length - END_OF_STDERR.length);
      pending.output.push(Buffer.from(text.slice(0, keep), 'latin1'));
      this.stderrTail = text.slice(keep);
      return;
    }
    pending.output.push(Buffer.from(text.slice(0, at), 'latin1'));
    this.stderrTail = '';
    pending.stderrEnded = true;
    this.settleIfComplete();
  }

  /** The answer, the end of the trace and the end of stderr: the run is over and the child may serve another. */
  private settleIfComplete(): void {
    const pending = this.pending;
    if (!pending?.answer || !pending.ended || !pending.stderrEnded) return;
    clearTimeout(pending.timer);
    this.pending = undefined;
    const result = pending.answer.result;
    const extras = stderrOf(pending);
    if ('failure' in result) {
      this.child.kill('SIGKILL');
      pending.resolve({ ...result, ...extras });
      return;
    }
    this.park();
    pending.resolve({ ...result, trace: pending.trace, ...extras });
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    clearTimeout(pending.timer);
    if (this.stderrTail) pending.output.push(Buffer.from(this.stderrTail, 'latin1'));
    const extras = stderrOf(pending);
    const result = pending.answer?.result;
    if (result) {
      pending.resolve('failure' in result ? { ...result, ...extras } : { ...result, trace: pending.trace, ...extras });
    } else if (pending.stoppedByWallclock) {
      const last = pending.trace.at(-1);
      pending.resolve({ trace: pending.trace, outcome: { kind: 'budget', limit: 'wallclock' }, endTime: last?.time ?? 0, iterations: last?.iteration ?? 0, ...extras });
    } else {
      const why = pending.spawnError ? `${pending.spawnError.name}: ${pending.spawnError.message}` : `its process ended without a result (${signal ? `signal ${signal}` : `exit code ${code}`})`;
      const lastLine = (extras.stderr ?? '').trim().split('\n').filter((line) => !line.startsWith('[asyncio-conformance:')).at(-1);
      pending.resolve({ failure: capMessage(lastLine ? `${why}: ${lastLine}` : why), ...extras });
    }
  }

  private alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  /** Back among the idle, not keeping this process alive; beyond MAX_IDLE, ended. */
  private park(): void {
    const idle = WarmChild.idle.get(this.key) ?? [];
    WarmChild.idle.set(this.key, idle);
    if (idle.length >= MAX_IDLE || !this.alive()) {
      this.child.kill('SIGKILL');
      return;
    }
    idle.push(this.held(false));
  }

  /** Whether this child keeps the parent's event loop alive: while it runs a program, and not while idle. */
  private held(busy: boolean): WarmChild {
    const handles = [this.child, this.child.channel, this.child.stdout, this.child.stderr, this.child.stdio[3]] as Array<{ ref?: () => void; unref?: () => void } | null | undefined>;
    for (const handle of handles) (busy ? handle?.ref : handle?.unref)?.call(handle);
    return this;
  }
}

/** What the program logged (the port's default exception handler) first, then what the child's process wrote. */
function stderrOf(pending: PendingRun): { stderr?: string } {
  const result = pending.answer?.result;
  const logged = result && !('failure' in result) && result.stderr ? capMessage(result.stderr, STDERR_LIMIT_BYTES) : '';
  const stderr = logged + withoutSourceLines(pending.output.text());
  return stderr ? { stderr } : {};
}
