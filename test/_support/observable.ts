/**
 * What a run shows of a program, for tests that hold two runs to be equal beyond what `check`
 * compares (compare/traces.ts: text and time): the outcome and every print's text, time, task
 * and iteration; not where the loop stood when it closed (`endTime`, `iterations`), nor the task
 * names of what was printed after main's last print, nor `stderr`: the port's run carries what
 * its default exception handler logged ("Task exception was never retrieved"), and the oracle
 * does not capture its loop's log (test/port/exception-handler.test.ts compares it with
 * `python3 FILE`'s).
 *
 * Why: after main returns, `asyncio.run`'s shutdown_asyncgens closes every async generator the
 * loop's WeakSet still holds, finished ones too, and a finished one is still held while a
 * reference cycle keeps its frame alive (a TaskGroup's ExceptionGroup and the `__aexit__` frame
 * that raised it) until the cycle collector runs. That is CPython's GC timing, not the
 * program's: it adds loop iterations after the last print, and numbers the aclose task in which
 * a kept generator's `finally` prints (test/explain/port-events.test.ts).
 */
import type { RunResult } from '../../ir/program.ts';

/** A run as a program shows it; anything else (a side's failure, a thrown error's text) unchanged. */
export function observable(result: unknown): unknown {
  if (typeof result !== 'object' || result === null || !('trace' in result)) return result;
  const { endTime: _endTime, iterations: _iterations, stderr: _logged, ...rest } = result as RunResult & { stderr?: string };
  const mainsLast = rest.trace.map((entry) => entry.task).lastIndexOf('Task-1');
  return { ...rest, trace: rest.trace.map((entry, k) => (k > mainsLast ? { ...entry, task: null } : entry)) };
}
