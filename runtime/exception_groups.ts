/**
 * Python's BaseExceptionGroup and ExceptionGroup (3.11, Objects/exceptions.c), as far as the
 * port raises them (TaskGroup) and a program prints them: `str(eg)` is the message plus the
 * count of sub-exceptions, `eg.exceptions` the tuple of them.
 *
 * `BaseExceptionGroup(msg, excs)` makes an `ExceptionGroup` when every one of `excs` is an
 * `Exception` (BaseExceptionGroup.__new__ does); `newExceptionGroup` is that constructor.
 */
import { BaseException, Exception, TypeError, ValueError, registerExceptionClass, type ExceptionClass } from './exceptions.ts';

/** Ports BaseExceptionGroup, 3.11. */
export class BaseExceptionGroup extends BaseException {
  readonly exceptions: readonly BaseException[];
  /** The message given, without the count `str()` adds. */
  readonly groupMessage: string;

  /** `exceptions` as given (a list, or the tuple CPython wraps a naked exception in) is `args[1]`. */
  constructor(message: string, exceptions: Iterable<BaseException>) {
    super(message, exceptions);
    this.groupMessage = message;
    this.exceptions = Array.from(exceptions);
    // str(eg): 'msg (1 sub-exception)' / 'msg (3 sub-exceptions)'.
    this.message = `${message} (${this.exceptions.length} sub-exception${this.exceptions.length === 1 ? '' : 's'})`;
  }
}

/** Ports ExceptionGroup, 3.11: a group of `Exception`s only, itself an `Exception`. */
export class ExceptionGroup extends BaseExceptionGroup {}
// ExceptionGroup derives from both BaseExceptionGroup and Exception in CPython: `except
// Exception` catches it. JS has single inheritance, so instanceof checks ask isException().

/** `isinstance(e, Exception)`, true for an ExceptionGroup too. */
export function isException(e: unknown): boolean {
  return e instanceof Exception || e instanceof ExceptionGroup;
}

/** Ports BaseExceptionGroup.__new__, 3.11: the class follows from what the group holds. */
export function newExceptionGroup(message: string, given: Iterable<BaseException>): BaseExceptionGroup {
  const exceptions = Array.from(given);
  if (exceptions.length === 0) throw new ValueError('second argument (exceptions) must be a non-empty sequence');
  exceptions.forEach((e, i) => {
    if (!(e instanceof BaseException)) throw new TypeError(`Item ${i} of second argument (exceptions) is not an exception`);
  });
  return exceptions.every(isException) ? new ExceptionGroup(message, given) : new BaseExceptionGroup(message, given);
}

// Programs name them (ir/program.ts EXCEPTION_CLASSES): `except* ValueError`, `ExceptionGroup('msg', [e])`.
registerExceptionClass('BaseExceptionGroup', BaseExceptionGroup as unknown as ExceptionClass);
registerExceptionClass('ExceptionGroup', ExceptionGroup as unknown as ExceptionClass);
