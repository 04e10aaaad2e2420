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

/**
 * Ports BaseExceptionGroup.__new__'s checks, 3.11: what a program's `ExceptionGroup(msg, excs)`
 * / `BaseExceptionGroup(msg, excs)` makes (the class follows from the items for the latter).
 */
export function callExceptionGroup(name: 'ExceptionGroup' | 'BaseExceptionGroup', args: unknown[]): BaseExceptionGroup {
  if (args.length !== 2) throw new TypeError(`BaseExceptionGroup.__new__() takes exactly 2 arguments (${args.length} given)`);
  const [message, excs] = args;
  if (typeof message !== 'string') throw new TypeError(`BaseExceptionGroup.__new__() argument 1 must be str, not ${pyTypeName(message)}`);
  const items = Array.isArray(excs) ? excs : (excs as { items?: unknown })?.constructor?.name === 'PyTuple' ? [...(excs as Iterable<unknown>)] : undefined;
  if (items === undefined) throw new TypeError('second argument (exceptions) must be a sequence');
  if (items.length === 0) throw new ValueError('second argument (exceptions) must be a non-empty sequence');
  items.forEach((e, i) => {
    if (!(e instanceof BaseException)) throw new ValueError(`Item ${i} of second argument (exceptions) is not an exception`);
  });
  const all = items as BaseException[];
  if (name === 'ExceptionGroup') {
    if (!all.every(isException)) throw new TypeError('Cannot nest BaseExceptions in an ExceptionGroup');
    return new ExceptionGroup(message, excs as Iterable<BaseException>);
  }
  return all.every(isException) ? new ExceptionGroup(message, excs as Iterable<BaseException>) : new BaseExceptionGroup(message, excs as Iterable<BaseException>);
}

function pyTypeName(value: unknown): string {
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return 'float';
  if (typeof value === 'boolean') return 'bool';
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  return (value as object)?.constructor?.name ?? typeof value;
}
