/**
 * Generators and async generators (issue 8 item 5): ports Objects/genobject.c, 3.11, as far as
 * the IR reaches it, over JS generators.
 *
 * Why JS generators: a Python generator and a JS `function*` agree on what matters here (lazy
 * start, `send` = `next(v)` after the first, `throw`, `return`-as-value, `yield*` delegating
 * send/throw and giving the delegate's return value), so the transpiled body is a `function*`
 * (an `async function*` for an async generator) and this wrapper adds Python's protocol on
 * top: StopIteration with the return value, PEP 479, `close()` by throwing GeneratorExit (so a
 * `try/finally` and a bare `except` in the body see it, as in CPython), and the messages.
 *
 * A generator is a `PyIterator` (type name `generator`), so everything that iterates a Python
 * iterable (for loops, list(), sum(), join...) iterates it. A JS `for...of` that stops early
 * does NOT close it (no `return` on its JS iterator): CPython closes a generator when its last
 * reference goes, which the transpiler approximates with `closingIter` (a `for` over a
 * temporary, `for x in gen():`, closes it on `break`, as CPython's refcounting does then).
 */
import { BaseException, RuntimeError, StopAsyncIteration, StopIteration, TypeError, ValueError, isExceptionClass, registerExceptionClass } from './exceptions.ts';
import { PyIterator, PyRange, PyTuple, typeName, type PyValue } from './values.ts';
import { iter as iterable } from './sequences.ts';
import { objectHooks } from './object-hooks.ts';
import { Coroutine } from '../port/coroutines.ts';
import { _mutations } from '../port/_mutations.ts';

/** Ports Objects/exceptions.c GeneratorExit: what `close()`/`aclose()` throw into a suspended body. */
export class GeneratorExit extends BaseException {}
registerExceptionClass('GeneratorExit', GeneratorExit as never);

/** The exception `throw(x)` raises: an instance as is, a class called with no arguments. */
function thrown(exc: PyValue): unknown {
  if (exc instanceof BaseException) return exc;
  if (isExceptionClass(exc)) return new exc();
  throw new TypeError('exceptions must be classes or instances deriving from BaseException, not ' + typeName(exc));
}

/** The value a StopIteration carries (`return v` in a generator): `args[0]`, else None. */
export function stopValue(e: StopIteration): PyValue {
  return e.args.length > 0 ? (e.args[0] as PyValue) : null;
}

/** PEP 479 (genobject.c gen_send_ex2, 3.11): a StopIteration escaping a generator's body becomes RuntimeError. */
function pep479(e: unknown, message: string): unknown {
  if (!(e instanceof StopIteration || (message.startsWith('async') && e instanceof StopAsyncIteration))) return e;
  const replacement = new RuntimeError(message);
  replacement.__cause__ = e as BaseException;
  replacement.__context__ = e as BaseException;
  replacement.__suppress_context__ = true;
  replacement.contextDecided = true;
  return replacement;
}

const DUMMY: Iterator<PyValue> = { next: () => ({ done: true, value: null }) };

/** Ports genobject.c's generator object, 3.11: `__next__`, `send`, `throw`, `close`. */
export class PyGenerator extends PyIterator {
  private started = false;
  private finished = false;
  private running = false;

  constructor(
    /** `gen.__qualname__` (`<genexpr>` for a generator expression). */
    readonly __qualname__: string,
    private readonly body: Generator<PyValue, PyValue, PyValue>,
  ) {
    super('generator', DUMMY);
  }

  /** One resumption of the body; a finished body raises StopIteration(value). */
  private resume(step: () => IteratorResult<PyValue, PyValue>): PyValue {
    if (this.running) throw new ValueError('generator already executing');
    if (this.finished) throw new StopIteration();
    this.running = true;
    this.started = true;
    let r: IteratorResult<PyValue, PyValue>;
    try {
      r = step();
    } catch (e) {
      this.finished = true;
      throw pep479(e, 'generator raised StopIteration');
    } finally {
      this.running = false;
    }
    if (r.done) {
      this.finished = true;
      const value = r.value ?? null;
      throw value === null ? new StopIteration() : new StopIteration(value);
    }
    return r.value;
  }

  /** `next(gen)` / `gen.__next__()`. */
  __next__(): PyValue {
    return this.resume(() => this.body.next(null));
  }

  /** Ports gen_send, 3.11. */
  send(value: PyValue = null): PyValue {
    if (!this.started && !this.finished && value !== null) throw new TypeError("can't send non-None value to a just-started generator");
    return this.resume(() => this.body.next(value));
  }

  /** Ports gen_throw, 3.11 (one argument: an exception class or instance). */
  throw(exc: PyValue): PyValue {
    const error = thrown(exc);
    if (!this.started) {
      // Thrown before the first line: the body never runs.
      this.finished = true;
      this.body.return(null);
      throw error;
    }
    return this.resume(() => this.body.throw(error));
  }

  /** Ports gen_close, 3.11: GeneratorExit thrown in; a yield in answer is a RuntimeError. */
  close(): null {
    if (this.finished) return null;
    if (!this.started) {
      this.finished = true;
      this.body.return(null);
      return null;
    }
    if (this.running) throw new ValueError('generator already executing');
    this.running = true;
    let r: IteratorResult<PyValue, PyValue>;
    try {
      r = this.body.throw(new GeneratorExit());
    } catch (e) {
      this.finished = true;
      if (e instanceof GeneratorExit || e instanceof StopIteration) return null;
      throw pep479(e, 'generator raised StopIteration');
    } finally {
      this.running = false;
    }
    if (r.done) {
      this.finished = true;
      return null;
    }
    throw new RuntimeError('generator ignored GeneratorExit');
  }

  /** The JS view a for loop iterates: never closes the generator on an early exit. */
  override [Symbol.iterator](): Iterator<PyValue> {
    return { next: () => this.jsNext() };
  }

  jsNext(): IteratorResult<PyValue> {
    if (this.finished) return { done: true, value: undefined };
    try {
      return { done: false, value: this.__next__() };
    } catch (e) {
      if (e instanceof StopIteration && this.finished) return { done: true, value: undefined };
      throw e;
    }
  }

  /** `repr(gen)`. */
  __repr__(): string {
    return `<generator object ${this.__qualname__}>`;
  }
}

/** `def f(): ... yield ...` called: the generator over the transpiled `function*` body. */
export function generator(qualname: string, body: Generator<PyValue, PyValue, PyValue>): PyGenerator {
  return new PyGenerator(qualname, body);
}

/**
 * `for x in <temporary>:` — CPython drops the last reference to a temporary iterator when the
 * loop ends, so a generator left by `break`/`return`/an exception is closed right there.
 */
export function closingIter(v: PyValue): Iterable<PyValue> {
  if (!(v instanceof PyGenerator)) return iterable(v);
  return {
    [Symbol.iterator]: () => ({
      next: () => v.jsNext(),
      return: () => {
        v.close();
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * `yield from v` as the operand of a JS `yield*`: a generator's send/throw/close reach it and
 * its return value is the expression's value; any other iterable is iterated.
 */
export function yieldFrom(v: PyValue): Iterable<PyValue, PyValue, PyValue> {
  if (!(v instanceof PyGenerator)) {
    const it = iterable(v)[Symbol.iterator]();
    const view: IterableIterator<PyValue, PyValue, PyValue> = { next: () => it.next() as IteratorResult<PyValue, PyValue>, [Symbol.iterator]: () => view };
    return view;
  }
  const step = (f: () => PyValue): IteratorResult<PyValue, PyValue> => {
    try {
      return { done: false, value: f() };
    } catch (e) {
      if (e instanceof StopIteration) return { done: true, value: stopValue(e) };
      throw e;
    }
  };
  const view: IterableIterator<PyValue, PyValue, PyValue> = {
    [Symbol.iterator]: () => view,
    next: (value?: PyValue) => step(() => v.send(value ?? null)),
    throw: (e?: unknown) => {
      if (e instanceof GeneratorExit) {
        v.close();
        throw e;
      }
      return step(() => v.throw(e as PyValue));
    },
    return: (value?: PyValue) => {
      v.close();
      return { done: true, value: value ?? null };
    },
  };
  return view;
}

const ITERATOR_NAMES: Array<[(v: PyValue) => boolean, string]> = [
  [(v) => Array.isArray(v), 'list_iterator'],
  [(v) => v instanceof PyTuple, 'tuple_iterator'],
  [(v) => v instanceof PyRange, 'range_iterator'],
  [(v) => typeof v === 'string', 'str_ascii_iterator'],
  [(v) => v instanceof Set, 'set_iterator'],
];

/** Ports bltinmodule.c builtin_iter, 3.11 (one argument): an iterator is its own; others get one. */
export function iterBuiltin(...args: PyValue[]): PyIterator {
  if (args.length !== 1) throw new TypeError(args.length === 0 ? 'iter expected at least 1 argument, got 0' : 'iter(v, w): v must be callable');
  const v = args[0];
  if (v instanceof PyIterator) return v;
  const source = iterable(v);
  const name = ITERATOR_NAMES.find(([test]) => test(v))?.[1] ?? 'dict_keyiterator';
  return new PyIterator(name, source[Symbol.iterator]());
}

/** Ports bltinmodule.c builtin_next, 3.11: `next(it)`, `next(it, default)`. */
export function next(...args: PyValue[]): PyValue {
  if (args.length === 0 || args.length > 2) throw new TypeError(`next expected ${args.length === 0 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${args.length}`);
  const [it] = args;
  const user = (() => {
    try {
      return objectHooks.next(it); // __next__ of a user class (classes.ts)
    } catch (e) {
      if (e instanceof StopIteration && args.length === 2) return { value: args[1] };
      throw e;
    }
  })();
  if (user !== undefined) return user.value;
  if (!(it instanceof PyIterator)) throw new TypeError(`'${typeName(it)}' object is not an iterator`);
  try {
    if (it instanceof PyGenerator) return it.__next__();
    const r = it[Symbol.iterator]().next();
    if (r.done) throw new StopIteration();
    return r.value;
  } catch (e) {
    if (e instanceof StopIteration && args.length === 2) return args[1];
    throw e;
  }
}

// ---------------------------------------------------------------------------- async generators

/**
 * How an awaitable is made in the dialect running the program: the port wraps the step in a
 * lazy port Coroutine (what `aw()` awaits); the native profile uses the promise itself.
 */
export type AwaitableFactory = (name: string, thunk: () => Promise<PyValue>, thrownBeforeStart?: (exc: unknown) => Promise<PyValue>) => PyValue;

const PROMISE_FACTORY: AwaitableFactory = (_name, thunk) => thunk();

/**
 * The awaitables `portAwaitable` made: CPython's async_generator_asend/athrow objects, which
 * (unlike a coroutine) have no `__qualname__` (what explain's events record of a task's coro).
 */
export const asyncgenSteps = new WeakSet<object>();

/**
 * The port's awaitables for an async generator's steps: lazy port Coroutines, which `aw()` and
 * Tasks drive like an `async def`'s. A Task cancelled before its first step throws into the
 * awaitable: for `aclose()`/`athrow()` that reaches the generator's body (genobject.c
 * async_gen_athrow_throw), so its `finally` runs, as when asyncio.run cancels a finalizer's task.
 */
export const portAwaitable: AwaitableFactory = (name, thunk, thrownBeforeStart) => {
  const coro = new Coroutine<PyValue>(name, thunk);
  asyncgenSteps.add(coro);
  if (thrownBeforeStart !== undefined) {
    (coro as unknown as { _throw_before_start(exc: unknown): Promise<PyValue> })._throw_before_start = (exc) => {
      coro._start = () => {
        throw new RuntimeError('cannot reuse already awaited aclose()/athrow()');
      };
      coro._started = true;
      return thrownBeforeStart(exc);
    };
  }
  return coro;
};

/** An async generator's finalizer (sys.set_asyncgen_hooks' `finalizer`). */
export type AsyncgenHook = (agen: PyAsyncGenerator) => void;

/**
 * Ports sys.set_asyncgen_hooks / get_asyncgen_hooks, 3.11: the running loop installs its
 * `firstiter` and `finalizer` (base_events.ts run_forever); an async generator calls
 * `firstiter` on its first step and keeps that `finalizer` (genobject.c async_gen_init_hooks).
 */
export const asyncgenHooks = { firstiter: null as AsyncgenHook | null, finalizer: null as AsyncgenHook | null };

/** Ports genobject.c's async generator object, 3.11: `__anext__`, `asend`, `athrow`, `aclose`. */
export class PyAsyncGenerator {
  private started = false;
  private finished = false;
  private running = false;
  private hooked = false;
  /** `ag_origin_or_finalizer`: the finalizer hook installed when it first ran. */
  private finalizer: AsyncgenHook | null = null;

  constructor(
    readonly __qualname__: string,
    private readonly body: AsyncGenerator<PyValue, PyValue, PyValue>,
    /** How this program's dialect makes an awaitable (runtime/contextlib.ts makes its own the same way). */
    readonly awaitable: AwaitableFactory = PROMISE_FACTORY,
  ) {}

  /** What awaiting `anext(agen)` does, as a promise of this chain (runtime/contextlib.ts). */
  nextValue(): Promise<PyValue> {
    this.initHooks();
    return this.resume(() => this.body.next(null));
  }

  /** What awaiting `agen.athrow(exc)` does, as a promise of this chain (runtime/contextlib.ts). */
  async throwIn(exc: PyValue): Promise<PyValue> {
    this.initHooks();
    const error = thrown(exc);
    if (!this.started) {
      this.finished = true;
      await this.body.return(null);
      throw error;
    }
    return this.resume(() => this.body.throw(error));
  }

  get __pyTypeName__(): string {
    return 'async_generator';
  }

  /** Ports async_gen_init_hooks, 3.11: the first step calls the loop's `firstiter` hook. */
  private initHooks(): void {
    if (this.hooked) return;
    this.hooked = true;
    this.finalizer = asyncgenHooks.finalizer;
    asyncgenHooks.firstiter?.(this);
  }

  /**
   * Ports _PyGen_Finalize for an async generator, 3.11: its last reference went (the
   * transpiler calls this where CPython's refcount drops to zero: `dropped`, `aiterClosing`);
   * a generator that ran and is not finished goes to the finalizer hook (the loop schedules
   * `aclose()` in a task of its own).
   */
  finalize(): void {
    if (this.finished || this.finalizer === null) return;
    const finalizer = this.finalizer;
    this.finalizer = null;
    finalizer(this);
  }

  /** One resumption of the body; a finished body raises StopAsyncIteration. */
  private async resume(step: () => Promise<IteratorResult<PyValue, PyValue>>): Promise<PyValue> {
    if (this.running) throw new RuntimeError('anext(): asynchronous generator is already running');
    if (this.finished) throw new StopAsyncIteration();
    this.running = true;
    this.started = true;
    let r: IteratorResult<PyValue, PyValue>;
    try {
      r = await step();
    } catch (e) {
      this.finished = true;
      throw pep479(e, e instanceof StopIteration ? 'async generator raised StopIteration' : 'async generator raised StopAsyncIteration');
    } finally {
      this.running = false;
    }
    if (r.done) {
      this.finished = true;
      throw new StopAsyncIteration();
    }
    return r.value;
  }

  /** `agen.__anext__()` / `anext(agen)`: an awaitable of the next value. */
  __anext__(): PyValue {
    this.initHooks();
    return this.awaitable('__anext__', () => this.resume(() => this.body.next(null)));
  }

  /** Ports async_gen_asend, 3.11. */
  asend(value: PyValue = null): PyValue {
    this.initHooks();
    return this.awaitable('asend', async () => {
      if (!this.started && !this.finished && value !== null) throw new TypeError("can't send non-None value to a just-started async generator");
      return this.resume(() => this.body.next(value));
    });
  }

  /** Ports async_gen_athrow (throw), 3.11. */
  athrow(exc: PyValue): PyValue {
    this.initHooks();
    return this.awaitable('athrow', () => this.throwIn(exc));
  }

  /** Ports async_gen_athrow (close), 3.11: GeneratorExit thrown in; a yield in answer is a RuntimeError. */
  aclose(): PyValue {
    this.initHooks();
    return this.awaitable('aclose', () => this.closeWith(new GeneratorExit()), (exc) => this.closeWith(exc));
  }

  /** What awaiting `aclose()` does (`error` is GeneratorExit, or what a Task threw in before the first step). */
  async closeWith(error: unknown): Promise<null> {
    if (this.finished) {
      if (error instanceof GeneratorExit) return null;
      throw error;
    }
    if (!this.started) {
      this.finished = true;
      await this.body.return(null);
      if (error instanceof GeneratorExit) return null;
      throw error;
    }
    if (this.running) throw new RuntimeError('aclose(): asynchronous generator is already running');
    this.running = true;
    let r: IteratorResult<PyValue, PyValue>;
    try {
      r = await this.body.throw(error);
    } catch (e) {
      this.finished = true;
      if (e instanceof GeneratorExit || e instanceof StopAsyncIteration) return null;
      throw pep479(e, e instanceof StopIteration ? 'async generator raised StopIteration' : 'async generator raised StopAsyncIteration');
    } finally {
      this.running = false;
    }
    this.finished = true;
    if (r.done) return null;
    throw new RuntimeError('async generator ignored GeneratorExit');
  }

  /** Whether the body finished (or was closed): `ag_frame is None`. */
  get closed(): boolean {
    return this.finished;
  }

  /** The JS view `for await` iterates: never closes the generator on an early exit (CPython leaves that to its finalizer). */
  [Symbol.asyncIterator](): AsyncIterator<PyValue> {
    return {
      next: async () => {
        this.initHooks();
        if (this.finished) return { done: true, value: undefined };
        try {
          return { done: false, value: await this.resume(() => this.body.next(null)) };
        } catch (e) {
          if (e instanceof StopAsyncIteration && this.finished) return { done: true, value: undefined };
          throw e;
        }
      },
    };
  }

  /** `repr(agen)`. */
  __repr__(): string {
    return `<async_generator object ${this.__qualname__}>`;
  }
}

/** `async def f(): ... yield ...` called: the async generator over the transpiled `async function*` body. */
export function asyncGenerator(qualname: string, body: AsyncGenerator<PyValue, PyValue, PyValue>, awaitable?: AwaitableFactory): PyAsyncGenerator {
  return new PyAsyncGenerator(qualname, body, awaitable);
}

/**
 * `async for x in <temporary>:` — CPython drops the last reference to the temporary when the
 * loop ends, so an async generator left by `break`/`return`/an exception goes to its
 * finalizer there (the loop then closes it in a task of its own).
 */
export function aiterClosing(v: PyValue, awaitWith?: AwaitWith): AsyncIterable<PyValue> {
  if (!(v instanceof PyAsyncGenerator)) return aiter(v, awaitWith);
  const it = v[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => it.next(),
      return: async () => {
        v.finalize();
        return { done: true, value: undefined };
      },
    }),
  };
}

/**
 * A function's locals that held a generator go when its frame does (CPython's refcounting):
 * the transpiler calls this at the end of a function for the locals that never escape it
 * (transpile/emit-generators.ts droppedLocals). A generator is closed at once; an async
 * generator goes to its finalizer.
 */
export function dropped(...values: unknown[]): void {
  for (const v of values) {
    if (v instanceof PyGenerator) v.close();
    else if (v instanceof PyAsyncGenerator) v.finalize();
  }
}

/** How a dialect awaits what a user `__anext__` returns (the port: `asyncio.aw`, a lazy coroutine's runner). */
export type AwaitWith = (x: PyValue) => Promise<PyValue>;

/**
 * `async for x in v:` — `v.__aiter__()` as a JS async iterable (CPython's TypeError when it has none).
 * A user class's `__anext__` result is awaited with `awaitWith` (the dialect's await; a plain
 * promise's by default).
 */
export function aiter(v: PyValue, awaitWith: AwaitWith = awaitAny): AsyncIterable<PyValue> {
  if (v instanceof PyAsyncGenerator) return v;
  if (v !== null && typeof v === 'object' && typeof (v as { __aiter__?: unknown }).__aiter__ === 'function') {
    const it = (v as { __aiter__(): PyValue }).__aiter__();
    if (it instanceof PyAsyncGenerator) return it;
    const anext = (it as { __anext__?: unknown } | null)?.__anext__;
    if (typeof anext !== 'function') throw new TypeError(`'async for' received an object from __aiter__ that does not implement __anext__: ${typeName(it)}`);
    return {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          try {
            return { done: false, value: await awaitWith((anext as () => PyValue).call(it)) };
          } catch (e) {
            if (e instanceof StopAsyncIteration) return { done: true, value: undefined };
            throw e;
          }
        },
      }),
    };
  }
  throw new TypeError(`'async for' requires an object with __aiter__ method, got ${typeName(v)}`);
}

/** A promise's await (the native dialect's). */
async function awaitAny(x: PyValue): Promise<PyValue> {
  return x;
}

/** Ports bltinmodule.c builtin_anext, 3.11: `anext(agen)`, `anext(agen, default)` (StopAsyncIteration gives the default). */
/**
 * `await anext(agen(...)[, default])` on a fresh async generator (transpile/emit.ts: a module
 * function's call, awaited at once). In CPython the anext awaitable holds the only reference:
 * the refcount drops to zero as the await ends, and _PyGen_Finalize hands an unfinished
 * generator to the loop's `_asyncgen_finalizer_hook` there (`call_soon_threadsafe(create_task,
 * agen.aclose())`), so its `finally` runs two loop iterations later, not at shutdown_asyncgens.
 * The port finalizes when the awaitable settles, before the awaiting frame goes on, as CPython.
 */
export function anextOfTemporary(...args: PyValue[]): PyValue {
  const [it] = args;
  if (!(it instanceof PyAsyncGenerator) || args.length > 2) return anext(...args);
  return it.awaitable(args.length === 2 ? 'anext' : '__anext__', async () => {
    try {
      return await it.nextValue();
    } catch (e) {
      if (args.length === 2 && e instanceof StopAsyncIteration) return args[1];
      throw e;
    } finally {
      if (!_mutations.anextTemporaryKept) it.finalize();
    }
  });
}

export function anext(...args: PyValue[]): PyValue {
  if (args.length === 0 || args.length > 2) throw new TypeError(`anext expected ${args.length === 0 ? 'at least 1 argument' : 'at most 2 arguments'}, got ${args.length}`);
  const [it] = args;
  if (args.length === 2 && it instanceof PyAsyncGenerator) {
    return it.awaitable('anext', async () => {
      try {
        return await it.nextValue();
      } catch (e) {
        if (e instanceof StopAsyncIteration) return args[1];
        throw e;
      }
    });
  }
  if (args.length === 2) throw new TypeError(`'${typeName(it)}' object is not an async iterator`);
  if (it instanceof PyAsyncGenerator) return it.__anext__();
  if (it !== null && typeof it === 'object' && typeof (it as { __anext__?: unknown }).__anext__ === 'function') return (it as { __anext__(): PyValue }).__anext__();
  throw new TypeError(`'${typeName(it)}' object is not an async iterator`);
}
