/**
 * `contextlib.contextmanager` and `asynccontextmanager` (issue 8 item 6), ported from
 * Lib/contextlib.py, 3.11 (_GeneratorContextManager, _AsyncGeneratorContextManager) over the
 * runtime's generators (runtime/generators.ts). The objects expose `__enter__`/`__exit__` and
 * `__aenter__`/`__aexit__` as JS methods under their Python names, the protocol the `with` /
 * `async with` statements call (runtime/with.ts): `__aenter__`/`__aexit__` return the
 * awaitable the program's dialect awaits (a port coroutine on the port, a promise natively).
 */
import { BaseException, RuntimeError, StopAsyncIteration, StopIteration, isExceptionClass } from './exceptions.ts';
import { GeneratorExit, PyAsyncGenerator, PyGenerator } from './generators.ts';
import { typeName, type PyValue } from './values.ts';
import { TypeError } from './exceptions.ts';

/** `raise RuntimeError(message) from None`. */
function runtimeErrorFromNone(message: string): RuntimeError {
  const error = new RuntimeError(message);
  error.__suppress_context__ = true;
  error.contextDecided = true;
  return error;
}

/** The exception `__exit__(typ, value, tb)` is about: `value`, or `typ()` when value is None. */
function exceptionOf(typ: PyValue, value: PyValue): BaseException {
  if (value instanceof BaseException) return value;
  if (isExceptionClass(typ)) return new typ();
  throw new TypeError(`exceptions must derive from BaseException, not ${typeName(typ)}`);
}

/** Ports contextlib._GeneratorContextManager, 3.11: what calling a `@contextmanager` function returns. */
export class GeneratorContextManager {
  constructor(private readonly gen: PyValue) {}

  get __pyTypeName__(): string {
    return '_GeneratorContextManager';
  }

  /** Ports _GeneratorContextManager.__enter__, 3.11. */
  __enter__(): PyValue {
    try {
      return nextOf(this.gen);
    } catch (e) {
      if (e instanceof StopIteration) throw runtimeErrorFromNone("generator didn't yield");
      throw e;
    }
  }

  /** Ports _GeneratorContextManager.__exit__, 3.11. */
  __exit__(typ: PyValue, value: PyValue, _traceback: PyValue): boolean {
    const gen = this.gen as PyGenerator;
    if (typ === null) {
      try {
        nextOf(gen);
      } catch (e) {
        if (e instanceof StopIteration) return false;
        throw e;
      }
      try {
        throw new RuntimeError("generator didn't stop");
      } finally {
        gen.close();
      }
    }
    const exc = exceptionOf(typ, value);
    try {
      gen.throw(exc);
    } catch (raised) {
      if (raised instanceof StopIteration) return raised !== exc;
      if (raised instanceof RuntimeError) {
        if (raised === exc) return false;
        if (exc instanceof StopIteration && raised.__cause__ === exc) return false;
        throw raised;
      }
      if (raised !== exc) throw raised;
      return false;
    }
    try {
      throw new RuntimeError("generator didn't stop after throw()");
    } finally {
      gen.close();
    }
  }
}

function nextOf(gen: PyValue): PyValue {
  if (!(gen instanceof PyGenerator)) throw new TypeError(`'${typeName(gen)}' object is not an iterator`);
  return gen.__next__();
}

/** Ports contextlib._AsyncGeneratorContextManager, 3.11: what calling an `@asynccontextmanager` function returns. */
export class AsyncGeneratorContextManager {
  constructor(private readonly gen: PyValue) {}

  get __pyTypeName__(): string {
    return '_AsyncGeneratorContextManager';
  }

  private agen(): PyAsyncGenerator {
    if (!(this.gen instanceof PyAsyncGenerator)) throw new TypeError(`'${typeName(this.gen)}' object is not an async iterator`);
    return this.gen;
  }

  /** Ports _AsyncGeneratorContextManager.__aenter__, 3.11 (an awaitable). */
  __aenter__(): PyValue {
    const agen = this.agen();
    return agen.awaitable('__aenter__', async () => {
      try {
        return await agen.nextValue();
      } catch (e) {
        if (e instanceof StopAsyncIteration) throw runtimeErrorFromNone("generator didn't yield");
        throw e;
      }
    });
  }

  /** Ports _AsyncGeneratorContextManager.__aexit__, 3.11 (an awaitable of the bool). */
  __aexit__(typ: PyValue, value: PyValue, _traceback: PyValue): PyValue {
    const agen = this.agen();
    return agen.awaitable('__aexit__', async () => {
      if (typ === null) {
        try {
          await agen.nextValue();
        } catch (e) {
          if (e instanceof StopAsyncIteration) return false;
          throw e;
        }
        try {
          throw new RuntimeError("generator didn't stop");
        } finally {
          await agen.closeWith(new GeneratorExit());
        }
      }
      const exc = exceptionOf(typ, value);
      try {
        await agen.throwIn(exc);
      } catch (raised) {
        if (raised instanceof StopAsyncIteration) return raised !== exc;
        if (raised instanceof RuntimeError) {
          if (raised === exc) return false;
          if ((exc instanceof StopIteration || exc instanceof StopAsyncIteration) && raised.__cause__ === exc) return false;
          throw raised;
        }
        if (raised !== exc) throw raised;
        return false;
      }
      try {
        throw new RuntimeError("generator didn't stop after athrow()");
      } finally {
        await agen.closeWith(new GeneratorExit());
      }
    });
  }
}

/** The manager a call of a decorated function returns, over the generator the call made (what the transpiler emits). */
export function contextManagerOf(decorator: 'contextmanager' | 'asynccontextmanager', gen: PyValue): GeneratorContextManager | AsyncGeneratorContextManager {
  return decorator === 'contextmanager' ? new GeneratorContextManager(gen) : new AsyncGeneratorContextManager(gen);
}

/** `@contextlib.contextmanager` applied: each call of the decorated function makes a manager over its generator. */
export function contextmanager<A extends unknown[]>(fn: (...args: A) => PyValue): (...args: A) => GeneratorContextManager {
  return (...args: A) => new GeneratorContextManager(fn(...args));
}

/** `@contextlib.asynccontextmanager` applied. */
export function asynccontextmanager<A extends unknown[]>(fn: (...args: A) => PyValue): (...args: A) => AsyncGeneratorContextManager {
  return (...args: A) => new AsyncGeneratorContextManager(fn(...args));
}
