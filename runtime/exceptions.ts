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
  /** `e.__cause__`: set by `raise ... from cause` (runtime/exception-ops.ts). */
  __cause__: BaseException | null = null;
  /** `e.__context__`: the exception being handled when this one was raised. */
  __context__: BaseException | null = null;
  /** `e.__suppress_context__`: true after any `raise ... from`. */
  __suppress_context__ = false;
  /** Whether `__context__` was decided where it was raised (an explicit `raise`), so leaving an outer handler keeps it. */
  contextDecided = false;
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

/** Raised by a failing `assert`. */
export class AssertionError extends Exception {}
/** Ports Objects/exceptions.c StopIteration (a coroutine that raises it raises RuntimeError instead). */
export class StopIteration extends Exception {}
export class StopAsyncIteration extends Exception {}
/** A BaseException: what Ctrl-C raises (programs catch it around `asyncio.run`). */
export class KeyboardInterrupt extends BaseException {}

/** An exception class as a program names it (`ValueError`, `asyncio.CancelledError`). */
export type ExceptionClass = new (...args: unknown[]) => BaseException;

const CLASSES = new Map<string, ExceptionClass>();
/** `<class 'asyncio.exceptions.CancelledError'>`: the module-qualified name, by class. */
const QUALNAMES = new Map<ExceptionClass, string>();

/**
 * Names an exception class for programs: `name` as the program spells it, `qualname` as its
 * repr and a traceback's last line spell it. port/exceptions.ts registers asyncio's.
 */
export function registerExceptionClass(name: string, cls: ExceptionClass, qualname: string = name): void {
  CLASSES.set(name, cls);
  if (!QUALNAMES.has(cls)) QUALNAMES.set(cls, qualname);
}

/** The class a program names (ir/program.ts EXCEPTION_CLASSES). */
export function exceptionClass(name: string): ExceptionClass {
  const cls = CLASSES.get(name);
  if (cls === undefined) throw new Error(`exceptionClass: ${name} is not a registered exception class`);
  return cls;
}

/** Whether `value` is a Python exception class (a class a program may name, or a subclass of BaseException). */
export function isExceptionClass(value: unknown): value is ExceptionClass {
  return typeof value === 'function' && (value === BaseException || value.prototype instanceof BaseException);
}

/** `repr(cls)`: `<class 'ValueError'>`. */
export function exceptionClassRepr(cls: ExceptionClass): string {
  return `<class '${QUALNAMES.get(cls) ?? cls.name}'>`;
}

/**
 * The last line of the traceback `python3` prints for an uncaught exception of type `type`
 * (its `__name__`) and `str()` `message`: `ValueError: bad`, `ValueError` when the message is
 * empty, asyncio's classes module-qualified (`asyncio.exceptions.CancelledError`).
 */
export function tracebackLastLine(type: string, message: string): string {
  const cls = CLASSES.get(type) ?? CLASSES.get(`asyncio.${type}`);
  const name = cls === undefined ? type : (QUALNAMES.get(cls) ?? type);
  return message === '' ? name : `${name}: ${message}`;
}

for (const cls of [
  BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, LookupError, IndexError, KeyError,
  NameError, UnboundLocalError, TypeError, ValueError, AttributeError, RuntimeError, RecursionError,
  NotImplementedError, AssertionError, StopIteration, StopAsyncIteration, TimeoutError, KeyboardInterrupt,
  MemoryError, UnicodeError, UnicodeEncodeError,
] as ExceptionClass[]) {
  registerExceptionClass(cls.name, cls);
}

/** `str(e)` as runtime/str.ts computes it (set when that module loads: it imports this one). */
let exceptionStr: (error: BaseException) => string = (error) => error.message;
export function setExceptionStr(fn: (error: BaseException) => string): void {
  exceptionStr = fn;
}

/** `type(e).__name__` for a Python exception; for a JS error that escaped, its JS name. */
export function pythonTypeName(error: unknown): string {
  if (error instanceof Error) return error.constructor.name;
  return typeof error;
}

/** `str(e)`. */
export function pythonMessage(error: unknown): string {
  if (error instanceof BaseException) return exceptionStr(error);
  if (error instanceof Error) return error.message;
  return String(error);
}
