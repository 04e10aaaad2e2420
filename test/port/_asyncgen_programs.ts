/**
 * Programs on the loop's finalization of async generators (base_events.py
 * `_asyncgen_firstiter_hook`/`_asyncgen_finalizer_hook`/`shutdown_asyncgens`), each written
 * twice as test/port/_programs.ts does: the TS side builds the async generator the way the
 * transpiler does (an `async function*` in runtime/generators.ts's wrapper, its steps port
 * coroutines).
 */
import * as asyncio from '../../port/index.ts';
import { anext, asyncGenerator, portAwaitable } from '../../runtime/generators.ts';
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

export const ASYNCGEN_PROGRAMS: DualProgram[] = [SHUTDOWN_ASYNCGENS];
