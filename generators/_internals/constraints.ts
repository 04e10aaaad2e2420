/**
 * Defaults and validation for `ProgramConstraints`. Validation runs when the arbitrary is
 * built, so a bad option fails at once with a message naming the public API.
 */

/** Which constructs `programArbitrary` may emit. */
export interface ProgramFeatures {
  /** `t3 = asyncio.create_task(worker1(2))` @defaultValue true */
  createTask: boolean;
  /** `await t3` and `v4 = await t3` (then `print('main:4', v4)`) @defaultValue true */
  awaitTask: boolean;
  /** `await worker1(2)` and `v4 = await worker1(2)` (then a print of `v4`) @defaultValue true */
  awaitCoroutine: boolean;
  /** `await asyncio.sleep(d)` with `d` from `delays` @defaultValue true */
  sleep: boolean;
  /** `for i in range(k):` with 1 <= k <= `maxLoopIterations`, nested at most `maxDepth` deep @defaultValue true */
  forLoop: boolean;
  /** Non-main functions end with `return <value computed from n>` (int, float or str) @defaultValue true */
  returnValue: boolean;
  /** `asyncio.create_task(worker1(2))` whose task nobody awaits @defaultValue true */
  unawaitedTask: boolean;
  /** `c3 = worker1(2)`: a coroutine object that is never awaited (CPython warns on stderr) @defaultValue true */
  unawaitedCoroutine: boolean;
  /** `v3 = await asyncio.gather(worker1(1), t2)` (then a print of `v3`) @defaultValue false */
  gather: boolean;
  /** `print('main:3', t2.done(), t2.cancelled())` @defaultValue false */
  taskMethods: boolean;
  /** `t2.cancel()`; a cancelled task is then never awaited, so nothing raises @defaultValue false */
  cancel: boolean;
  /**
   * `try:` around a block (awaits included), `except <T> as e3:` printing `type(e3).__name__` and
   * `e3`, sometimes `else:`, and `finally:` (printing only in functions no task runs, see lower.ts)
   * @defaultValue false
   */
  tryExcept: boolean;
  /** `raise ValueError('worker1:2', n)` / `RuntimeError`, under `if n % 2 == 0:` where an int is in scope @defaultValue false */
  raiseInTask: boolean;
  /**
   * `try: v3 = await worker1(2) except Exception as e3: print(..., repr(e3), repr(e3.__cause__))`,
   * and handlers that chain: `raise RuntimeError('main:4') from e3` @defaultValue false
   */
  exceptionAcrossAwait: boolean;
  /**
   * Cancel a sleeping, running or finished task of the function, print `cancel()`'s return value,
   * then (where only main's task runs) await it in `try/except asyncio.CancelledError` handlers that
   * swallow, re-raise or print `task.cancelled()` (features/cancellation.ts) @defaultValue false
   */
  cancelAwait: boolean;
  /** `asyncio.current_task().cancel()` in main's task, caught at its next await (features/cancellation.ts) @defaultValue false */
  selfCancel: boolean;
  /** Nested defs with `nonlocal` counters and keyword-only parameters, lambdas capturing loop variables, callbacks, `functools.partial` (features/closures.ts) @defaultValue false */
  closures: boolean;
  /** Dicts of task results keyed by name, dict/set/list comprehensions, sets of ints and strings printed in CPython's order (features/containers.ts) @defaultValue false */
  containers: boolean;
  /** `time.sleep(d)` blocking the loop, `time.monotonic()` differences printed (features/clock.ts) @defaultValue false */
  blockingSleep: boolean;
  /** Seeded `random`: `seed`, `randint`, `random`, `shuffle`, `choice`, `sample`, `uniform` (features/random.ts) @defaultValue false */
  seededRandom: boolean;
  /**
   * Async generators (features/asyncgen.ts): a nested `async def agen3(n):` yielding `n * 10 + i`
   * around `await asyncio.sleep(d)`, sometimes in `try/finally` printing; consumed by
   * `async for x3 in agen3(n):` (to the end, or `break` then `await g3.aclose()`),
   * `[x3 async for x3 in agen3(n) if x3 % 2 == 0]`, `await anext(g3)` / `anext(g3, None)`, or kept in
   * a module-level `kept` list after one `anext`, for `shutdown_asyncgens` to close @defaultValue false
   */
  asyncGenerators: boolean;
  /**
   * Context managers (features/managers.ts): `async with ACtx_main_3(n) as c3:` on a class with
   * `__aenter__`/`__aexit__` (sleeping, `return isinstance(exc, ValueError)`), `with SCtx_main_3(n) as c3:`
   * (`__enter__`/`__exit__`), `@contextlib.asynccontextmanager`/`@contextlib.contextmanager` generators
   * `try: yield n * 2 except ValueError as e: ... finally: ...`; bodies that raise ValueError/RuntimeError,
   * caught after by `except Exception as e3:` @defaultValue false
   */
  contextManagers: boolean;
  /**
   * Tasks waiting on one `asyncio.Event`, `Lock`, `Condition`, `Semaphore` or `BoundedSemaphore`,
   * released by the statement, printing the order they wake in (features/sync.ts):
   * `ev3 = asyncio.Event()`, `async def waiter3(tag): ... await ev3.wait() ...`,
   * `ws3 = [asyncio.create_task(waiter3(x3)) for x3 in range(3)]`, `ev3.set()`,
   * `rs3 = await asyncio.gather(*ws3)`; `async with lock3:`, `cond3.notify(2)`, `sem3.locked()`
   * @defaultValue false
   */
  syncPrimitives: boolean;
  /**
   * Consumer tasks on a bounded `asyncio.Queue`, `PriorityQueue` or `LifoQueue` (features/queues.ts):
   * `q3 = asyncio.Queue(2)`, `item3 = await q3.get()`, `q3.task_done()`, `await q3.put(3)`,
   * `await q3.join()`, `q3.put_nowait(1)` / `q3.get_nowait()` with `except asyncio.QueueFull as e3:`
   * / `QueueEmpty` @defaultValue false
   */
  queues: boolean;
  /**
   * Deadlines racing the work they bound (features/timeouts.ts): `async with asyncio.timeout(0.1 + 0.2) as cm3:`
   * around `await asyncio.sleep(0.1); await asyncio.sleep(0.2)` or `await worker2(n)`, `timeout_at`,
   * nested timeouts, `timeout(None)` + `cm3.reschedule(...)`, `await asyncio.wait_for(worker2(n), 0.3)`,
   * `asyncio.shield(s3)` under a timeout, `except asyncio.CancelledError` inside the block (re-raise,
   * swallow), all in `try/except TimeoutError as e3: print(..., repr(e3), cm3.expired())` @defaultValue false
   */
  timeouts: boolean;
  /**
   * `async with asyncio.TaskGroup() as tg3: c3_0 = tg3.create_task(child3(1, 0.1))` with children that
   * return, raise ValueError/RuntimeError (two at once) or sleep, in `try/except* ValueError as eg3:
   * print(..., repr(eg3.exceptions))` or `except ExceptionGroup`; then `c3_0.cancelled()` (features/taskgroups.ts)
   * @defaultValue false
   */
  taskGroups: boolean;
  /**
   * `asyncio.current_task().cancelling()` / `.uncancel()` in timeout handling on main's task: a
   * CancelledError handler inside `async with asyncio.timeout(d)` that uncancels, a self-cancellation
   * uncancelled before a timeout (features/uncancel.ts) @defaultValue false
   */
  uncancel: boolean;
  /**
   * `loop3 = asyncio.get_running_loop()`; callbacks (nested defs, lambdas, `functools.partial`) given to
   * `loop3.call_soon(cb3, 'soon', 1)`, `loop3.call_later(0.1, cb3, 'later')`, `loop3.call_at(loop3.time() + 0.2, cb3, 'at')`,
   * `h3.cancel()`; `t2.add_done_callback(on_done3)`, `t2.remove_done_callback(on_done3)`;
   * `fut3 = loop3.create_future()` settled by `loop3.call_later(0.1, fut3.set_result, 5)` and awaited
   * (features/callbacks.ts) @defaultValue false
   */
  callbacks: boolean;
  /**
   * `class Counter_main_3:` with a class attribute, `__init__`, `async def run(self, n)` (sleeps, updates
   * `self.total`), a `@property`, `__repr__`, a subclass calling `super().run(n)`; instances whose
   * `run` is awaited or run as tasks: `ta3 = asyncio.create_task(a3.run(2))` (features/classes.ts) @defaultValue false
   */
  classes: boolean;
}

/** Options of {@link programArbitrary}; every field is optional. */
export interface ProgramConstraints {
  /** Most functions in a program, `main` included (at least 1). @defaultValue 4 */
  maxFunctions?: number;
  /** Most statements in one block (a function body or a loop body; loop bodies get at most half, at least 1). @defaultValue 6 */
  maxStatements?: number;
  /** Deepest nesting of `for` loops (0: no loops). @defaultValue 2 */
  maxDepth?: number;
  /** Largest `k` in `for i in range(k)` (k >= 1, so a loop body always runs). @defaultValue 3 */
  maxLoopIterations?: number;
  /**
   * The delays `asyncio.sleep` is given; shrinking moves towards the first one.
   * @defaultValue [0, 0.1, 0.2, 0.3, 0.01, 0.06, 0.07, 1, 0.5] — 0 is a bare yield;
   * the others make float sums that matter (0.1 + 0.2 > 0.3, 0.01 + 0.06 < 0.07).
   */
  delays?: readonly number[];
  /**
   * Constructs to use. With `swarm`, a listed feature is pinned and each unlisted one is
   * switched on or off per program; without, unlisted ones keep their default.
   * @defaultValue see {@link ProgramFeatures}
   */
  features?: Partial<ProgramFeatures>;
  /**
   * Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012): each program draws its own
   * random subset of every feature (those `features` lists stay as listed), so over a run
   * every feature is exercised and none crowds out the others in any one program.
   * @defaultValue true
   */
  swarm?: boolean;
}

export const DEFAULT_FEATURES: Readonly<ProgramFeatures> = Object.freeze({
  createTask: true,
  awaitTask: true,
  awaitCoroutine: true,
  sleep: true,
  forLoop: true,
  returnValue: true,
  unawaitedTask: true,
  unawaitedCoroutine: true,
  gather: false,
  taskMethods: false,
  cancel: false,
  tryExcept: false,
  raiseInTask: false,
  exceptionAcrossAwait: false,
  cancelAwait: false,
  selfCancel: false,
  closures: false,
  containers: false,
  blockingSleep: false,
  seededRandom: false,
  asyncGenerators: false,
  contextManagers: false,
  syncPrimitives: false,
  queues: false,
  timeouts: false,
  taskGroups: false,
  uncancel: false,
  callbacks: false,
  classes: false,
});

export const DEFAULT_DELAYS: readonly number[] = Object.freeze([0, 0.1, 0.2, 0.3, 0.01, 0.06, 0.07, 1, 0.5]);

/** Constraints with every default filled in. */
export interface ResolvedConstraints {
  maxFunctions: number;
  maxStatements: number;
  maxDepth: number;
  maxLoopIterations: number;
  delays: readonly number[];
  features: Readonly<ProgramFeatures>;
  /** With swarm on: the features a program draws (the others are pinned in `features`). */
  swarmFeatures: ReadonlyArray<keyof ProgramFeatures>;
}

const KNOWN_KEYS = ['maxFunctions', 'maxStatements', 'maxDepth', 'maxLoopIterations', 'delays', 'features', 'swarm'];

function requireInteger(api: string, name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`${api}: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

/** Fills in defaults and throws `Error('<api>: ...')` for anything invalid. */
export function resolveConstraints(constraints: ProgramConstraints | undefined, api = 'programArbitrary'): ResolvedConstraints {
  const c = constraints ?? {};
  for (const key of Object.keys(c)) {
    if (!KNOWN_KEYS.includes(key)) throw new Error(`${api}: unknown constraint '${key}' (known: ${KNOWN_KEYS.join(', ')})`);
  }
  const delays = c.delays ?? DEFAULT_DELAYS;
  if (!Array.isArray(delays) || delays.length === 0) throw new Error(`${api}: delays must be a non-empty array of numbers >= 0`);
  for (const d of delays) {
    if (typeof d !== 'number' || !Number.isFinite(d) || d < 0) {
      throw new Error(`${api}: delays must hold finite numbers >= 0, got ${String(d)}`);
    }
  }
  const features: ProgramFeatures = { ...DEFAULT_FEATURES };
  for (const [name, enabled] of Object.entries(c.features ?? {})) {
    if (!(name in DEFAULT_FEATURES)) throw new Error(`${api}: unknown feature '${name}' (known: ${Object.keys(DEFAULT_FEATURES).join(', ')})`);
    if (typeof enabled !== 'boolean') throw new Error(`${api}: feature ${name} must be a boolean, got ${String(enabled)}`);
    features[name as keyof ProgramFeatures] = enabled;
  }
  if (c.swarm !== undefined && typeof c.swarm !== 'boolean') throw new Error(`${api}: swarm must be a boolean, got ${String(c.swarm)}`);
  const pinned = new Set(Object.keys(c.features ?? {}));
  const swarmFeatures = c.swarm === false ? [] : (Object.keys(DEFAULT_FEATURES) as Array<keyof ProgramFeatures>).filter((f) => !pinned.has(f));
  return {
    swarmFeatures,
    maxFunctions: requireInteger(api, 'maxFunctions', c.maxFunctions ?? 4, 1),
    maxStatements: requireInteger(api, 'maxStatements', c.maxStatements ?? 6, 1),
    maxDepth: requireInteger(api, 'maxDepth', c.maxDepth ?? 2, 0),
    maxLoopIterations: requireInteger(api, 'maxLoopIterations', c.maxLoopIterations ?? 3, 1),
    delays: [...delays],
    features: Object.freeze(features),
  };
}
