/**
 * The child-process side of compare/isolated.ts: receive a program (IPC), run it, send the
 * result (IPC) without the trace, and wait for the next (a first `preload` message only loads the port). Or, when the first message loads an adapter module, the
 * child of an adapter target (targets/adapter-child.ts), which serves many programs.
 *
 * "started" and each trace entry go out on file descriptor 3 as JSON lines, written
 * synchronously as they happen: a program that then loops forever without yielding cannot
 * hold them back (an IPC message is written asynchronously, and costs a hundred times more).
 */
import { writeSync } from 'node:fs';
import type { TraceEntry } from '../ir/program.ts';
import type { AdapterLoadRequest } from '../targets/adapter-child.ts';
import { ADOPTED_PREFIX, END_OF_STDERR, type IsolatedMessage, type IsolatedRequest, type PreloadRequest, type TraceLine } from './isolated-protocol.ts';

const TRACE_FD = 3;

/** One JSON line on fd 3, all of it (a pipe may take a long line in parts). */
function emit(line: TraceLine): void {
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(TRACE_FD, bytes, offset);
}

process.once('message', async function first(request: IsolatedRequest | AdapterLoadRequest | PreloadRequest) {
  if ('kind' in request && request.kind === 'preload') {
    // Listening again before anything is awaited: a program sent while the modules load is not lost.
    process.once('message', first);
    await import('./sides.ts');
    return;
  }
  // Each mode loads only its own modules: an adapter's child never loads the port and the transpiler.
  if ('kind' in request && request.kind === 'adapter-load') {
    const { serveAdapter } = await import('../targets/adapter-child.ts');
    await serveAdapter(request);
    return;
  }
  await runProgram(request as IsolatedRequest);
  // Warm from now on (compare/isolated.ts WarmChild): one program at a time, until killed or its parent is gone.
  process.on('message', (next: IsolatedRequest) => void runProgram(next));
  process.once('disconnect', () => process.exit(0));
});

/**
 * The parent's ASYNCIO_CONFORMANCE_* variables in place of the ones this child started with. Only
 * before the first program: every module reads them at its first use, during a run, and keeps
 * what it read (port/version.ts, runtime/libm-build.ts, port/format_helpers.ts).
 */
function adoptEnvironment(environment: Record<string, string>): void {
  for (const name of Object.keys(process.env)) if (name.startsWith(ADOPTED_PREFIX)) delete process.env[name];
  Object.assign(process.env, environment);
}

/** Runs one program; ends its trace on fd 3 and its stderr with END_OF_STDERR, then answers (IPC). */
async function runProgram({ side, program, options, environment }: IsolatedRequest): Promise<void> {
  if (environment) adoptEnvironment(environment);
  const { sideNamed } = await import('./sides.ts');
  const result = await sideNamed(side).run(program, {
    ...options,
    onStart: () => emit({ started: true }),
    onPrint: (entry: TraceEntry) => emit(entry),
  });
  const { trace: _streamed, ...rest } = 'trace' in result ? result : { ...result, trace: undefined };
  emit({ ended: true });
  writeSync(2, END_OF_STDERR);
  process.send!({ kind: 'result', result: rest } satisfies IsolatedMessage);
}
