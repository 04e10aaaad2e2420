/**
 * The child-process side of compare/isolated.ts: receive one program (IPC), run it, send the
 * result (IPC) without the trace, exit.
 *
 * "started" and each trace entry go out on file descriptor 3 as JSON lines, written
 * synchronously as they happen: a program that then loops forever without yielding cannot
 * hold them back (an IPC message is written asynchronously, and costs a hundred times more).
 */
import { writeSync } from 'node:fs';
import type { TraceEntry } from '../ir/program.ts';
import type { IsolatedRequest, IsolatedMessage } from './isolated.ts';
import { sideNamed } from './sides.ts';

const TRACE_FD = 3;

/** One JSON line on fd 3, all of it (a pipe may take a long line in parts). */
function emit(line: object): void {
  const bytes = Buffer.from(`${JSON.stringify(line)}\n`);
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(TRACE_FD, bytes, offset);
}

process.once('message', async (request: IsolatedRequest) => {
  const { side, program, options } = request;
  const result = await sideNamed(side).run(program, {
    ...options,
    onStart: () => emit({ started: true }),
    onPrint: (entry: TraceEntry) => emit(entry),
  });
  const { trace: _streamed, ...rest } = 'trace' in result ? result : { ...result, trace: undefined };
  process.send!({ kind: 'result', result: rest } satisfies IsolatedMessage, () => process.exit(0));
});
