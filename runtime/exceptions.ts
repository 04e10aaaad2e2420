/**
 * Python's built-in exception hierarchy, as far as programs of the IR can raise it.
 *
 * `pythonTypeName(e)` is what `type(e).__name__` says in CPython, and `String(e.message)`
 * what `str(e)` says; together they make an `Outcome` of kind `exception` that compares
 * equal to the oracle's. Ports Objects/exceptions.c (names and hierarchy only).
 *
 * Invariant: `CancelledError` (port/exceptions.ts) derives from `BaseException`, not
 * `Exception`, so a handler that catches `Exception` must not catch it.
 */
export class BaseException extends Error {
  /**
   * Whether a Python exception records a JS stack. It does not by default: here a Python
   * exception is the program's control flow (CancelledError through every task, errors the
   * program catches), and capturing the JS stack was most of its cost. `e.stack` is then
   * just `Name: message`. Set it to see where the port raised one; JS errors (a bug in the
   * port or the harness) always keep their stack.
   */
  static jsStacks = false;
  /** `args` as Python keeps them; `str(e)` is `args[0]` when there is exactly one. */
  readonly args: readonly unknown[];
  constructor(...args: unknown[]) {
    const limit = Error.stackTraceLimit;
    if (!BaseException.jsStacks) Error.stackTraceLimit = 0;
    super(args.length === 1 ? String(args[0]) : args.length === 0 ? '' : String(args));
    Error.stackTraceLimit = limit;
    this.args = args;
  }
  override get name(): string {
    return this.constructor.name;
  }
}
export class Exception extends BaseException {}
export class ArithmeticError extends Exception {}
export class ZeroDivisionError extends ArithmeticError {}
export class OverflowError extends ArithmeticError {}
export class LookupError extends Exception {}
export class IndexError extends LookupError {}
export class KeyError extends LookupError {}
export class NameError extends Exception {}
export class UnboundLocalError extends NameError {}
export class TypeError extends Exception {}
export class ValueError extends Exception {}
export class UnicodeError extends ValueError {}
/** What `print` of a lone surrogate raises (stdout is UTF-8, strict). */
export class UnicodeEncodeError extends UnicodeError {}
export class AttributeError extends Exception {}
export class MemoryError extends Exception {}
export class RuntimeError extends Exception {}
export class RecursionError extends RuntimeError {}
export class NotImplementedError extends RuntimeError {}
/** Built-in since 3.3; `asyncio.TimeoutError` is this very class from 3.11. */
export class TimeoutError extends Exception {}

/** `type(e).__name__` for a Python exception; for a JS error that escaped, its JS name. */
export function pythonTypeName(error: unknown): string {
  if (error instanceof Error) return error.constructor.name;
  return typeof error;
}

/** `str(e)`. */
export function pythonMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
