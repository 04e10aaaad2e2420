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
 * A child process, not a worker thread: V8 writes some fatal errors (a stack overflow inside
 * a promise callback, heap exhaustion) straight to file descriptor 2, with lines of source;
 * only a process' stderr can be captured, and it is kept to a bounded size with a note of how
 * much was cut (capped-text.ts). `check` runs generated programs, which always terminate, in
 * process.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Program, RunResult, TraceEntry } from '../ir/program.ts';
import { CappedText, capMessage, STDERR_LIMIT_BYTES, withoutSourceLines } from './capped-text.ts';
import type { RunOptions, SideName } from './sides.ts';
import { retryingWallclock, type SideFailure, type SideOutput, type SideResult } from './verdict.ts';

const SOURCE_WORKER = fileURLToPath(new URL('./isolated-worker.ts', import.meta.url));

/** Defined by the build (scripts/build.mjs): in the bundled CLI, the bundled worker, which starts without tsx. */
declare const BUILT_ISOLATED_WORKER: string | undefined;
const BUILT_WORKER = typeof BUILT_ISOLATED_WORKER === 'string' ? fileURLToPath(new URL(BUILT_ISOLATED_WORKER, import.meta.url)) : undefined;

/**
 * How long the child may take to load before the program starts. Not the program's budget:
 * only a machine so loaded that even this passes ends the run (as a wall-clock stop).
 */
export const BOOT_LIMIT_MS = 60_000;
/** How long a child that has answered may take to exit before it is killed. */
const EXIT_GRACE_MS = 5_000;

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

export interface IsolatedRequest {
  side: SideName;
  program: Program;
  /** Budgets and clock; the hooks are the child's own. */
  options: Omit<RunOptions, 'onStart' | 'onPrint'>;
}

/** The child's answer (IPC): the result without its trace, which came line by line on fd 3. */
export interface IsolatedMessage {
  kind: 'result';
  result: (Omit<RunResult, 'trace'> & SideOutput) | SideFailure;
}

/** A line on fd 3: `{"started":true}` once, just before the program's first statement, then one trace entry per print. */
type TraceLine = TraceEntry | { started: true };

/** Runs the program in a child with `wallclockMs` of wall clock, retried once with a larger budget if it runs out. */
export function runIsolated(request: IsolatedRequest, wallclockMs: number): Promise<SideResult> {
  return retryingWallclock(wallclockMs, (ms) => runIsolatedOnce(request, ms));
}

/** One attempt: never rejects; a crash of the child is a SideFailure. */
export function runIsolatedOnce(request: IsolatedRequest, wallclockMs: number, bootLimitMs = BOOT_LIMIT_MS): Promise<SideResult> {
  const { script, execArgv } = childEntry();
  // fd 0 none, 1 and 2 captured (capped), 3 the trace lines, 4 the IPC channel.
  const child = fork(script, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'pipe', 'ipc'], serialization: 'advanced' });
  track(child);
  const output = new CappedText(`the ${request.side} side's stderr`);
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk));
  const trace: TraceEntry[] = [];
  let answer: IsolatedMessage | undefined;
  let stoppedByWallclock = false;
  let spawnError: Error | undefined;

  const stop = (): void => {
    stoppedByWallclock = true;
    child.kill('SIGKILL');
  };
  let timer = setTimeout(stop, bootLimitMs);

  const onLine = (line: TraceLine): void => {
    if ('started' in line) {
      if (answer) return; // read after the answer: the run is over already
      clearTimeout(timer);
      if (wallclockMs > 0) timer = setTimeout(stop, wallclockMs);
    } else {
      trace.push(line);
    }
  };
  const lines = child.stdio[3] as NodeJS.ReadableStream;
  lines.setEncoding('utf8');
  let partial: string[] = [];
  lines.on('data', (chunk: string) => {
    let start = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', start)) {
      partial.push(chunk.slice(start, newline));
      onLine(JSON.parse(partial.join('')) as TraceLine);
      partial = [];
      start = newline + 1;
    }
    if (start < chunk.length) partial.push(chunk.slice(start));
  });

  child.on('message', (message: IsolatedMessage) => {
    clearTimeout(timer);
    answer = message;
    timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
  });
  child.on('error', (error) => {
    spawnError ??= error;
  });
  child.send(request, (error) => {
    if (error) spawnError ??= error;
  });

  return new Promise<SideResult>((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = withoutSourceLines(output.text());
      let extras: { stderr?: string } = stderr ? { stderr } : {};
      if (answer) {
        const result = answer.result;
        // What the program logged (the port's default exception handler) comes first, then what the process wrote.
        if (result.stderr) extras = { stderr: capMessage(result.stderr, STDERR_LIMIT_BYTES) + stderr };
        resolve('failure' in result ? { ...result, ...extras } : { ...result, trace, ...extras });
      } else if (stoppedByWallclock) {
        const last = trace.at(-1);
        resolve({ trace, outcome: { kind: 'budget', limit: 'wallclock' }, endTime: last?.time ?? 0, iterations: last?.iteration ?? 0, ...extras });
      } else {
        const why = spawnError ? `${spawnError.name}: ${spawnError.message}` : `its process ended without a result (${signal ? `signal ${signal}` : `exit code ${code}`})`;
        const lastLine = stderr.trim().split('\n').filter((line) => !line.startsWith('[asyncio-conformance:')).at(-1);
        resolve({ failure: capMessage(lastLine ? `${why}: ${lastLine}` : why), ...extras });
      }
    });
  });
}
