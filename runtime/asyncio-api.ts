/**
 * Where a program's Python values meet the port's asyncio API (issue 9): the port keeps
 * CPython's algorithms with JS-shaped results (a `Set` of futures, a JS generator); a program
 * sees what Python returns (a tuple of two `set`s, a `generator`). Transpiled code reaches
 * these as `py.<name>`.
 */
import { Coroutine } from '../port/coroutines.ts';
import type { Future } from '../port/futures.ts';
import { aw, as_completed as portAsCompleted, wait as portWait } from '../port/tasks.ts';
import { set } from './containers.ts';
import { PySet } from './set.ts';
import { TypeError } from './exceptions.ts';
import { iter } from './sequences.ts';
import { PyIterator, PyTuple, typeName, type PyValue } from './values.ts';

/**
 * The futures a program passes: a set of them (`wait(pending)`) is read in its table's order,
 * which only decides the order of internal done-callbacks on distinct futures, never a result.
 */
function futuresOf(fs: PyValue): Iterable<PyValue> {
  return fs instanceof PySet ? fs.unorderedElements() : iter(fs);
}

/** A timeout argument as the port takes it: None, an int or a float (CPython fails later, in the loop's arithmetic). */
function timeoutOf(value: PyValue | undefined): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  throw new TypeError(`'<=' not supported between instances of '${typeName(value)}' and 'int'`);
}

/**
 * Ports tasks.py wait, 3.11, as a program sees it: `(done, pending)`, a tuple of two sets.
 * Tasks hash by address in CPython, so a set of more than one iterates in an order the port
 * cannot know: iterating or printing such a set is refused (runtime/set.ts); `len`, `in`
 * and a one-element set (what FIRST_COMPLETED usually gives) are exact.
 */
export function waitSets(fs: PyValue, timeout?: PyValue, return_when?: PyValue): Coroutine<PyTuple> {
  const waiting = portWait(
    futuresOf(fs) as Iterable<Future<unknown>>,
    { timeout: timeoutOf(timeout), return_when: (return_when ?? undefined) as string | undefined },
  );
  return new Coroutine('wait', async () => {
    const [done, pending] = await aw(waiting);
    return new PyTuple([set([...done] as PyValue[]), set([...pending] as PyValue[])]);
  });
}

/** Ports tasks.py as_completed, 3.11, as a program sees it: a `generator` of coroutines. */
export function asCompletedIter(fs: PyValue, timeout?: PyValue): PyIterator {
  const items = futuresOf(fs);
  return new PyIterator('generator', portAsCompleted(items as Iterable<Future<unknown>>, { timeout: timeoutOf(timeout) })[Symbol.iterator]() as Iterator<PyValue>);
}

/** `asyncio.wait_for(aw, timeout)`'s timeout: None, an int or a float. */
export function waitForTimeout(value: PyValue): number | bigint | null {
  if (value === null || typeof value === 'bigint' || typeof value === 'number') return value;
  return timeoutOf(value);
}
