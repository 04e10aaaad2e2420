/**
 * CPython's recursion limit, counted the way CPython 3.11 counts it (Python/ceval.c
 * `_Py_EnterRecursiveCallTstate` at every frame entry): one per Python frame on the thread's
 * stack, a `RecursionError` when a frame would be the 1001st (`sys.getrecursionlimit()` is
 * 1000 by default). The module's own frame is the first.
 *
 * Transpiled code calls `enter()` as a function's first statement and `leave()` in its
 * `finally` (a `def`, a list comprehension, which is a function in 3.11); coroutine frames
 * are counted by the port's `aw()` and `Task.__step` (port/tasks.ts), which also save and
 * restore the depth when a task suspends and resumes: the frames of a suspended task are
 * off the stack in CPython, and back on it when the task's next step re-enters them.
 *
 * Counting here keeps V8's own stack (about 10,000 transpiled frames) from ever being what
 * stops a deep recursion: Python's limit comes first, with Python's error.
 */
import { RecursionError } from './exceptions.ts';

/** `sys.getrecursionlimit()` of a fresh CPython. */
export const RECURSION_LIMIT = 1000;

/** The current depth: frames on CPython's stack, the module's included. Mutable on purpose (hot path). */
export const frames = { depth: 1 };

/** CPython's message suffixes (`_Py_EnterRecursiveCall(where)`), by the check that fails. */
export type RecursionWhere =
  | ''
  | ' while calling a Python object'
  | ' in comparison'
  | ' while getting the str of an object'
  | ' while getting the repr of an object';

/** Raises Python's RecursionError as CPython words it. */
export function recursionError(where: RecursionWhere = ''): never {
  throw new RecursionError(`maximum recursion depth exceeded${where}`);
}

/** A Python frame is entered: raises RecursionError instead when it would exceed the limit. */
export function enter(): void {
  if (frames.depth >= RECURSION_LIMIT) recursionError();
  frames.depth += 1;
}

/** The frame `enter()` pushed returns or raises. */
export function leave(): void {
  frames.depth -= 1;
}

/**
 * A C-level recursion check `extra` levels above the current frame (CPython checks when it
 * calls a type, compares, takes `str()`...): raises when that level would exceed the limit.
 */
export function check(extra: number, where: RecursionWhere): void {
  if (frames.depth + extra > RECURSION_LIMIT) recursionError(where);
}

/** Back to the module's frame (a harness starting a program). */
export function resetFrames(): void {
  frames.depth = 1;
}

/**
 * The oracle's `print` is a Python function (oracle/python/worker.py `_make_print`): its
 * frame, its list comprehension's, then `str(arg)` of its arguments. A
 * print deep in a recursion raises where the oracle's does. (A real `python3`'s C print
 * raises one level later, `while calling a Python object`: an oracle difference, reported.)
 */
export function checkPrintDepth(values: readonly unknown[]): void {
  if (frames.depth + 3 <= RECURSION_LIMIT) return;
  check(1, '');
  check(2, '');
  // Measured on the oracle: the first argument's `str()` raises one level further, as
  // CPython's str() of a non-str (PyObject_Str); with a str first, or no argument, a call does.
  const first = values.length > 0 ? values[0] : '';
  check(3, typeof first !== 'string' ? ' while getting the str of an object' : ' while calling a Python object');
}
