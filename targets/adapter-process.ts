/**
 * An adapter module (lib/adapter.ts) as a target: loaded once in a child process of its own
 * (compare/isolated.ts' child entry, mode targets/adapter-child.ts) that then runs program
 * after program. The adapter is someone else's code, so everything it can do wrong becomes a
 * verdict and the run goes on:
 * - it throws, or its process dies: a crash (SideFailure) naming the adapter and the error;
 * - it never answers: the child is killed after the wall-clock budget (retried once with a
 *   larger one, as every side's wall clock is: compare/verdict.ts), a `timeout` verdict, and a
 *   new child serves the next program;
 * - it returns garbage: a crash saying which field is wrong (targets/adapter-shape.ts).
 * A module that cannot be loaded at all is bad input (TargetLoadError, exit 2), said before
 * any program runs.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Program } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { DEFAULT_WALLCLOCK_MS } from '../oracle/wallclock.ts';
import { ADAPTER_INTERFACE_VERSION, type AdapterInput } from '../lib/adapter.ts';
import { CappedText, capMessage, withoutSourceLines } from '../compare/capped-text.ts';
import { BOOT_LIMIT_MS, childEntry, trackChild } from '../compare/isolated.ts';
import type { RunOptions, Side } from '../compare/sides.ts';
import { retryingWallclock, type SideResult } from '../compare/verdict.ts';
import { serial } from '../compare/serial.ts';
import { checkAdapterResult, unknownFeatureProblem, type AdapterDescription } from './adapter-shape.ts';
import type { AdapterChildMessage, AdapterLoadRequest, AdapterRunRequest } from './adapter-child.ts';

/** A `--target` module that cannot be used: what, which file, how to fix it. Exit code 2. */
export class TargetLoadError extends Error {
  override readonly name = 'TargetLoadError';
}

const HOW_TO_FIX = 'an adapter module is `export default { name, compares: \'time\' | \'order\', features?, run(input) }` (README: "Write a target adapter")';

export interface AdapterTargetOptions {
  /** Resolves a relative path (the CLI's working directory). */
  cwd?: string;
  /** Wall-clock milliseconds one program may take on the adapter (default the oracle's, 5 s). */
  wallclockMs?: number;
}

/** The adapter's side plus what stops its child process. */
export interface AdapterTarget {
  side: Side;
  description: AdapterDescription;
  close(): Promise<void>;
}

interface Waiting {
  id: number;
  settle: (result: SideResult) => void;
  output: CappedText;
}

/** One child process that has loaded the module, or failed to. */
class AdapterChild {
  readonly process: ChildProcess;
  readonly loaded: Promise<AdapterDescription>;
  private waiting: Waiting | undefined;
  private output: CappedText;
  private nextId = 0;

  constructor(
    private readonly file: string,
    private readonly label: () => string,
  ) {
    const { script, execArgv } = childEntry({ withTsx: true });
    this.process = fork(script, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ignore', 'ipc'], serialization: 'advanced' });
    trackChild(this.process);
    this.output = new CappedText(`${file}'s output`);
    const collect = (chunk: Buffer) => (this.waiting?.output ?? this.output).push(chunk);
    this.process.stdout!.on('data', collect);
    this.process.stderr!.on('data', collect);
    this.loaded = new Promise<AdapterDescription>((resolveLoad, rejectLoad) => {
      const boot = setTimeout(() => {
        this.process.kill('SIGKILL');
        rejectLoad(new TargetLoadError(`the adapter ${file} did not finish loading within ${BOOT_LIMIT_MS / 1000} s (does importing it wait for something?)`));
      }, BOOT_LIMIT_MS);
      this.process.on('message', (message: AdapterChildMessage) => {
        if (message.kind === 'loaded') {
          clearTimeout(boot);
          resolveLoad(message.description);
        } else if (message.kind === 'load-failed') {
          clearTimeout(boot);
          rejectLoad(new TargetLoadError(`cannot use ${file} as a target: ${message.message}\n${HOW_TO_FIX}`));
        } else if (this.waiting && message.id === this.waiting.id) {
          const { settle, output } = this.waiting;
          this.waiting = undefined;
          const stderr = withoutSourceLines(output.text());
          const extras = stderr ? { stderr } : {};
          settle(message.kind === 'threw' ? { failure: capMessage(`${this.label()} ${message.message}`), ...extras } : this.checked(message.result, extras));
        }
      });
      this.process.once('close', (code, signal) => {
        clearTimeout(boot);
        const how = signal ? `signal ${signal}` : `exit code ${code}`;
        const lastLine = withoutSourceLines(this.output.text()).trim().split('\n').at(-1);
        rejectLoad(new TargetLoadError(`cannot use ${file} as a target: its process ended while loading it (${how})${lastLine ? `: ${lastLine}` : ''}\n${HOW_TO_FIX}`));
        if (this.waiting) {
          const { settle, output } = this.waiting;
          this.waiting = undefined;
          const text = withoutSourceLines(output.text());
          const last = text.trim().split('\n').at(-1);
          settle({ failure: capMessage(`${this.label()} ended its process while running the program (${how})${last ? `: ${last}` : ''}`), ...(text ? { stderr: text } : {}) });
        }
      });
    });
    this.loaded.catch(() => undefined); // observed by the caller; never an unhandled rejection here
    this.process.send({ kind: 'adapter-load', file } satisfies AdapterLoadRequest);
  }

  private describedAs: 'time' | 'order' = 'time';

  setCompares(compares: 'time' | 'order'): void {
    this.describedAs = compares;
  }

  private checked(value: unknown, extras: { stderr?: string }): SideResult {
    const result = checkAdapterResult(value, this.describedAs);
    return 'problem' in result ? { failure: capMessage(`${this.label()} returned garbage: ${result.problem}`), ...extras } : { ...result, ...extras };
  }

  /** One program; `wallclockMs` after sending it, the child is killed and the run is a wall-clock stop. */
  run(input: AdapterInput, wallclockMs: number): Promise<SideResult> {
    const id = this.nextId++;
    return new Promise<SideResult>((settle) => {
      const timer = setTimeout(() => {
        if (this.waiting?.id !== id) return;
        this.waiting = undefined;
        this.process.kill('SIGKILL');
        settle({ trace: [], outcome: { kind: 'budget', limit: 'wallclock' }, endTime: 0, iterations: 0 });
      }, wallclockMs);
      this.waiting = {
        id,
        output: new CappedText(`${this.file}'s output`),
        settle: (result) => {
          clearTimeout(timer);
          settle(result);
        },
      };
      this.process.send({ kind: 'adapter-run', id, input } satisfies AdapterRunRequest, (error) => {
        if (error && this.waiting?.id === id) this.waiting.settle({ failure: capMessage(`${this.label()} could not be sent the program: ${error.message}`) });
      });
    });
  }

  get alive(): boolean {
    return !this.process.killed && this.process.exitCode === null && this.process.signalCode === null && this.process.connected;
  }

  stop(): void {
    if (this.process.connected) this.process.disconnect();
    setTimeout(() => this.process.kill('SIGKILL'), 2000).unref();
  }
}

/**
 * Loads the adapter at `spec` (a path as typed, relative to `cwd`) and returns it as a Side.
 * Throws TargetLoadError when there is no file, it fails to load, its default export is not an
 * adapter, or it declares a feature the generator does not know.
 */
export async function startAdapterTarget(spec: string, options: AdapterTargetOptions = {}): Promise<AdapterTarget> {
  const file = resolve(options.cwd ?? process.cwd(), spec);
  const found = await stat(file).catch(() => undefined);
  if (!found?.isFile()) {
    throw new TargetLoadError(`--target ${spec}: no adapter module at ${file}\nGive the path of a .mjs, .js or .ts file whose default export is an adapter; ${HOW_TO_FIX}`);
  }
  const wallclockMs = options.wallclockMs ?? DEFAULT_WALLCLOCK_MS;
  let description: AdapterDescription | undefined;
  const label = () => `adapter "${description?.name ?? spec}" (${spec})`;
  let child = new AdapterChild(file, label);
  try {
    description = await child.loaded;
  } catch (error) {
    child.stop();
    throw error;
  }
  const unknown = unknownFeatureProblem(description.features);
  if (unknown) {
    child.stop();
    throw new TargetLoadError(`cannot use ${file} as a target: ${unknown}`);
  }
  const { compares } = description;
  child.setCompares(compares);

  /** The live child, or a new one after a kill (a hang) or a crash. */
  const ready = async (): Promise<AdapterChild | string> => {
    if (!child.alive) {
      child = new AdapterChild(file, label);
      child.setCompares(compares);
      try {
        await child.loaded;
      } catch (error) {
        return `${label()} could not be loaded again after its process ended: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return child;
  };

  const once = async (program: Program, runOptions: RunOptions, ms: number): Promise<SideResult> => {
    let python: string;
    try {
      python = printPython(program);
    } catch (error) {
      return { failure: capMessage(error instanceof Error ? `${error.name}: ${error.message}` : String(error)) };
    }
    const serving = await ready();
    if (typeof serving === 'string') return { failure: capMessage(serving) };
    const input: AdapterInput = {
      interfaceVersion: ADAPTER_INTERFACE_VERSION,
      python,
      program,
      filename: program.header?.source ?? 'program.py',
      clock: runOptions.clock,
      budget: runOptions.budget,
      wallclockMs: ms,
    };
    runOptions.onStart?.();
    const result = await serving.run(input, ms);
    if (!('failure' in result)) for (const entry of result.trace) runOptions.onPrint?.(entry);
    return result;
  };

  const exclusive = serial();
  const side: Side = {
    name: spec,
    comparesTime: compares === 'time',
    ...(description.features ? { features: description.features } : {}),
    // One program at a time: the child answers one request before the next is sent.
    run: (program, runOptions) => exclusive(() => retryingWallclock(wallclockMs, (ms) => once(program, runOptions, ms))),
    // What it was given: the adapter's own translation, if any, is its business.
    typescript: async (program) => printPython(program),
  };
  return {
    side,
    description,
    close: async () => child.stop(),
  };
}
