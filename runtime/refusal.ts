/**
 * What the port refuses while a program runs, when only running it shows that CPython's output
 * would not be reproducible (a set of tasks iterated: runtime/hash.ts UnstableHash; a program's
 * exception handler called for a future CPython frees by reference counting: port/base_events.ts).
 * transpile/execute.ts names the statement it stopped at (`file:line:col: unsupported ...`), and
 * the command exits 2 as for any refusal.
 */
export class RunTimeRefusal extends Error {
  override readonly name: string = 'RunTimeRefusal';
  constructor(message: string) {
    super(message);
    // Deep enough to reach the program's own frame under the runtime's (transpile/source-position.ts names its line).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 200;
    Error.captureStackTrace(this, new.target);
    Error.stackTraceLimit = limit;
  }
}
