/**
 * What transpiled `with` / `async with` statements call (as `py.<name>`): the manager's
 * `__enter__`/`__exit__` (or `__aenter__`/`__aexit__`) looked up as CPython 3.11's
 * BEFORE_WITH / BEFORE_ASYNC_WITH do, with their TypeErrors, and the `(type, value,
 * traceback)` triple `__exit__` receives when the block raised.
 *
 * Every Python object the runtime makes exposes its special methods as JS methods under
 * their Python names (port objects: `lock.__aenter__()`; user instances: their class's),
 * so the lookup is a property read. An `async with` manager's methods return awaitables
 * the dialect awaits (`asyncio.aw(...)` on the port, a promise on the native side).
 */
import { BaseException, TypeError } from './exceptions.ts';
import { typeName, type PyValue } from './values.ts';

/** The two bound special methods of a context manager. */
export interface WithManager {
  enter(): PyValue;
  exit(type: PyValue, value: PyValue, traceback: PyValue): PyValue;
}

type Method = (...args: PyValue[]) => PyValue;

function special(cm: PyValue, name: string): Method | undefined {
  if (cm === null || typeof cm !== 'object') return undefined;
  const member = (cm as unknown as Record<string, unknown>)[name];
  return typeof member === 'function' ? (member as Method) : undefined;
}

/**
 * Ports ceval.c BEFORE_ASYNC_WITH / BEFORE_WITH, 3.11: `__aenter__` (`__enter__`) first, then
 * `__aexit__` (`__exit__`), each missing one a TypeError naming the protocol.
 */
export function withManager(cm: PyValue, isAsync: boolean): WithManager {
  const [enterName, exitName, protocol] = isAsync
    ? ['__aenter__', '__aexit__', 'asynchronous context manager']
    : ['__enter__', '__exit__', 'context manager'];
  const enter = special(cm, enterName);
  if (enter === undefined) throw new TypeError(`'${typeName(cm)}' object does not support the ${protocol} protocol`);
  const exit = special(cm, exitName);
  if (exit === undefined) throw new TypeError(`'${typeName(cm)}' object does not support the ${protocol} protocol (missed ${exitName} method)`);
  return {
    enter: () => enter.call(cm) ?? null,
    exit: (type, value, traceback) => exit.call(cm, type, value, traceback) ?? null,
  };
}

/**
 * `sys.exc_info()` for the exception a `with` block raised: `(type(e), e, None)` (tracebacks
 * are not objects here: None). A JS error (a harness or port bug) is rethrown untouched, as
 * `py.caught` does: no `__exit__` sees it.
 */
export function withExcInfo(error: unknown): [PyValue, PyValue, PyValue] {
  if (!(error instanceof BaseException)) throw error;
  return [error.constructor as unknown as PyValue, error as unknown as PyValue, null];
}
