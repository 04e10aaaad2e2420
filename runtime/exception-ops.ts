/**
 * What transpiled `try`/`except`/`raise`/`assert` call (as `py.<name>`): raising with
 * CPython's checks and chaining, matching a handler's types, `isinstance`,
 * `type(x).__name__` and the attributes of an exception.
 *
 * Ports Python/ceval.c do_raise and check_except_type_valid, Python/errors.c
 * _PyErr_SetObject (the `__context__` chain, cycles cut), Objects/abstract.c
 * PyObject_IsInstance (the tuple case) and Objects/genobject.c's PEP 479 conversion, 3.11.
 */
import { isInstanceOf } from './builtin-values.ts';
import {
  AssertionError,
  AttributeError,
  BaseException,
  Exception,
  NameError,
  UnboundLocalError,
  RuntimeError,
  StopIteration,
  TypeError,
  exceptionClass,
  isExceptionClass,
  type ExceptionClass,
} from './exceptions.ts';
import { PyTuple, typeName, type PyValue } from './values.ts';
import { objectHooks } from './object-hooks.ts';
import { getattr } from './classes.ts';
import { BaseExceptionGroup, ExceptionGroup, callExceptionGroup } from './exception_groups.ts';

/** `ValueError` as a value. */
export function excClass(name: string): ExceptionClass {
  return exceptionClass(name);
}

/** `ValueError('bad', 3)`. */
export function newExc(name: string, ...args: PyValue[]): BaseException {
  if (name === 'ExceptionGroup' || name === 'BaseExceptionGroup') return callExceptionGroup(name, args);
  const cls = exceptionClass(name);
  return new cls(...args);
}

/** `raise X`: an instance as is, a class called with no arguments, anything else a TypeError. */
function instantiate(value: unknown, what: string): BaseException {
  if (value instanceof BaseException) return value;
  if (objectHooks.isClass(value) && isExceptionClass(value)) return objectHooks.call(value, [])!.value as BaseException; // its __init__ runs (classes.ts)
  if (isExceptionClass(value)) return new value();
  throw new TypeError(what);
}

/**
 * `exc.__context__ = handled` as _PyErr_SetObject does: never the exception itself, and a
 * cycle through the chain is cut where `exc` already appears in it.
 */
function setContext(exc: BaseException, handled: BaseException | undefined): void {
  exc.contextDecided = true;
  if (handled === undefined || handled === exc) return;
  let o: BaseException = handled;
  for (let next = o.__context__; next !== null; next = o.__context__) {
    if (next === exc) {
      o.__context__ = null;
      break;
    }
    o = next;
  }
  exc.__context__ = handled;
}

/** Marker for `raise exc` without `from` (a `from None` passes null). */
export const NO_CAUSE: unique symbol = Symbol('no cause');

/**
 * `raise exc [from cause]`; `handled` is the exception of the `except` handler the raise is
 * written in (undefined outside one: leaving the handlers around it sets the context then).
 */
export function raiseExc(exc: unknown, cause: unknown = NO_CAUSE, handled?: BaseException): never {
  const error = instantiate(exc, 'exceptions must derive from BaseException');
  if (cause !== NO_CAUSE) {
    const causeError = cause === null ? null : instantiate(cause, 'exception causes must derive from BaseException');
    error.__cause__ = causeError;
    error.__suppress_context__ = true;
  }
  if (handled !== undefined) setContext(error, handled);
  throw error;
}

/** A bare `raise` in a handler: the handled exception again (its context unchanged). */
export function reraise(handled: BaseException): never {
  throw handled;
}

/** What a `catch` received, as the exception a handler sees; a harness or JS error passes through untouched. */
export function caught(error: unknown): BaseException {
  if (error instanceof BaseException) return error;
  throw error;
}

const CATCH_MESSAGE = 'catching classes that do not inherit from BaseException is not allowed';

/** `except <types>:` matches `error` (check_except_type_valid, then PyErr_GivenExceptionMatches). */
export function excMatches(error: BaseException, types: unknown): boolean {
  if (types instanceof PyTuple) {
    for (const t of types.items) if (!isExceptionClass(t)) throw new TypeError(CATCH_MESSAGE);
    return types.items.some((t) => isExcInstance(error, t as ExceptionClass));
  }
  if (!isExceptionClass(types)) throw new TypeError(CATCH_MESSAGE);
  return isExcInstance(error, types);
}

/** `isinstance(error, cls)` for an exception class: an ExceptionGroup is an `Exception` too (its two bases). */
function isExcInstance(error: unknown, cls: ExceptionClass): boolean {
  return error instanceof cls || (cls === Exception && error instanceof ExceptionGroup);
}

/**
 * An exception leaving an `except` handler (or a `finally` run for `handled`): raised while
 * `handled` was being handled, so that is its `__context__`, unless the raise decided it.
 */
export function leaveHandler(error: unknown, handled: unknown): unknown {
  if (error instanceof BaseException && handled instanceof BaseException && !error.contextDecided) setContext(error, handled);
  return error;
}

/** `isinstance(value, types)`: a class or a (nested) tuple of classes. */
export function isinstance(value: PyValue, types: PyValue): boolean {
  if (types instanceof PyTuple) return types.items.some((t) => isinstance(value, t));
  if (isExceptionClass(types)) return isExcInstance(value, types);
  return isInstanceOf(value, types); // the builtin types (int, str, list...): builtin-values.ts
}

/** `type(value).__name__`. */
export function typeNameOf(value: PyValue): string {
  // A C type's __name__ is its tp_name after the last dot (type_name): 'datetime.timedelta' -> 'timedelta'.
  return isExceptionClass(value) || objectHooks.isClass(value) ? 'type' : typeName(value).split('.').pop()!;
}

/** What `ValueError.args` is: BaseException's getset descriptor. */
class GetSetDescriptor {
  constructor(private readonly attr: string) {}
  __repr__(): string {
    return `<attribute '${this.attr}' of 'BaseException' objects>`;
  }
  get __pyTypeName__(): string {
    return 'getset_descriptor';
  }
}

/** `e.args` (a tuple), `e.__cause__`, `e.__context__`; AttributeError on anything else. */
export function excAttr(value: PyValue, attr: 'args' | '__cause__' | '__context__' | 'exceptions'): PyValue {
  if (attr === 'exceptions') {
    // BaseExceptionGroup.exceptions: the tuple of sub-exceptions.
    if (value instanceof BaseExceptionGroup) return new PyTuple(value.exceptions as unknown as PyValue[]);
    throw new AttributeError(`'${typeName(value)}' object has no attribute 'exceptions'`);
  }
  if (value instanceof BaseException) {
    if (attr === 'args') return new PyTuple(value.args as PyValue[]);
    return value[attr];
  }
  if (isExceptionClass(value)) return new GetSetDescriptor(attr);
  if (attr === 'args' && value !== null && (typeof value === 'object' || typeof value === 'function')) return getattr(value, attr); // a user class's attribute (classes.ts)
  throw new AttributeError(`'${typeName(value)}' object has no attribute '${attr}'`);
}

/** A failing `assert test[, msg]`. */
export function assertFail(...msg: PyValue[]): never {
  throw new AssertionError(...msg);
}

/**
 * PEP 479 for a coroutine: a StopIteration escaping its body becomes
 * `RuntimeError('coroutine raised StopIteration')`, chained from it.
 */
export function coroutineStopIteration(error: unknown): unknown {
  if (!(error instanceof StopIteration)) return error;
  const replacement = new RuntimeError('coroutine raised StopIteration');
  replacement.__cause__ = error;
  replacement.__suppress_context__ = true;
  replacement.__context__ = error;
  replacement.contextDecided = true;
  return replacement;
}

/** A read of `name` (bound by `except ... as name`, unbound when its handler ended): the value, or CPython's error. */
export function bound<T>(value: T, name: string, local: boolean): T {
  if (value !== undefined) return value;
  if (local) throw new UnboundLocalError(`cannot access local variable '${name}' where it is not associated with a value`);
  throw new NameError(`name '${name}' is not defined`);
}
