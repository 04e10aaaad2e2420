/**
 * Programs on the loop's finalization of async generators (base_events.py
 * `_asyncgen_firstiter_hook`/`_asyncgen_finalizer_hook`/`shutdown_asyncgens`), each written
 * twice as test/port/_programs.ts does: the TS side builds the async generator the way the
 * transpiler does (an `async function*` in runtime/generators.ts's wrapper, its steps port
 * coroutines).
 */
import * as asyncio from '../../port/index.ts';
import { anext, anextOfTemporary, asyncGenerator, portAwaitable } from '../../runtime/generators.ts';
import type { PyValue } from '../../runtime/values.ts';
import type { DualProgram } from './_dual.ts';

const { coroutine, aw, sleep } = asyncio;
type Print = (...args: unknown[]) => void;

/** An async generator still referenced at shutdown: asyncio.run's shutdown_asyncgens closes it (gather: one more task). */
export const SHUTDOWN_ASYNCGENS: DualProgram = {
  name: 'shutdown_asyncgens',
  py: `
import asyncio
kept = []
async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print('ticker finally')
async def main():
    t = ticker(10)
    kept.append(t)
    print('first', await anext(t))
    print('second', await anext(t))
    print('main end')
asyncio.run(main())
`,
  ts: (print: Print) => {
    const kept: PyValue[] = [];
    const ticker = (n: bigint) =>
      asyncGenerator(
        'ticker',
        (async function* (): AsyncGenerator<PyValue, PyValue, PyValue> {
          try {
            for (let i = 0n; i < n; i++) {
              await aw(sleep(0.1));
              yield i;
            }
          } finally {
            print('ticker finally');
          }
          return null;
        })(),
        portAwaitable,
      );
    return coroutine('main', async () => {
      const t = ticker(10n);
      kept.push(t);
      print('first', await aw(anext(t) as asyncio.Coroutine<PyValue>));
      print('second', await aw(anext(t) as asyncio.Coroutine<PyValue>));
      print('main end');
      return null;
    })();
  },
};

/**
 * `await anext(ticker())`: the generator's only reference is the awaitable, so CPython's refcount
 * finalizes it as the await ends (`_asyncgen_finalizer_hook`: aclose() in a task of its own),
 * while main still runs; left to shutdown_asyncgens, its `finally` would print after 'main end'.
 */
export const ANEXT_TEMPORARY: DualProgram = {
  name: 'anext_temporary',
  py: `
import asyncio
async def ticker():
    try:
        yield 1
        yield 2
    finally:
        print('ticker finally')
async def main():
    print('first', await anext(ticker()))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('main end')
asyncio.run(main())
`,
  ts: (print: Print) => {
    const ticker = () =>
      asyncGenerator(
        'ticker',
        (async function* (): AsyncGenerator<PyValue, PyValue, PyValue> {
          try {
            yield 1n;
            yield 2n;
          } finally {
            print('ticker finally');
          }
          return null;
        })(),
        portAwaitable,
      );
    return coroutine('main', async () => {
      print('first', await aw(anextOfTemporary(ticker()) as asyncio.Coroutine<PyValue>));
      await aw(sleep(0));
      await aw(sleep(0));
      print('main end');
      return null;
    })();
  },
};

export const ASYNCGEN_PROGRAMS: DualProgram[] = [SHUTDOWN_ASYNCGENS, ANEXT_TEMPORARY];
