/**
 * contextlib.contextmanager / asynccontextmanager (runtime/contextlib.ts) against CPython:
 * the `with` statements are not in this branch yet (h3 builds them), so the TS side runs
 * PEP 343's expansion by hand — `__enter__`/`__exit__`, `__aenter__`/`__aexit__` called as
 * the statement calls them — over generator bodies written as the transpiler writes them, on
 * the port's loop; it must print what `python3` prints for the same program with real `with`.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import * as asyncio from '../../port/index.ts';
import { asynccontextmanager, contextmanager, type AsyncGeneratorContextManager, type GeneratorContextManager } from '../../runtime/contextlib.ts';
import { BaseException, KeyError, TypeError, ValueError } from '../../runtime/exceptions.ts';
import { asyncGenerator, generator, portAwaitable } from '../../runtime/generators.ts';
import { str } from '../../runtime/str.ts';
import type { PyValue } from '../../runtime/values.ts';
import { runOnPort } from '../port/_dual.ts';
import { PYTHON } from '../_support/python.ts';
import { TMP } from '../cli/_cli.ts';

const PROGRAM = `import asyncio
from contextlib import contextmanager, asynccontextmanager


@contextmanager
def managed(name, mode):
    print('enter', name)
    if mode == 'noyield':
        return
    try:
        yield name.upper()
        if mode == 'twice':
            yield 'again'
    except ValueError as e:
        print('gen caught', e)
        if mode == 'reyield':
            yield 'more'
        if mode == 'replace':
            raise KeyError('replaced')
    finally:
        print('exit', name)


def run_sync(name, mode, raise_in_body):
    try:
        with managed(name, mode) as v:
            print('body', v)
            if raise_in_body:
                raise ValueError('in body')
            if raise_in_body is None:
                raise TypeError('not handled')
        print('after with', name)
    except Exception as e:
        print('outside', type(e).__name__, e)


@asynccontextmanager
async def amanaged(name, mode):
    print('aenter', name)
    await asyncio.sleep(0.1)
    if mode == 'noyield':
        return
    try:
        yield name.upper()
        if mode == 'twice':
            yield 'again'
    except ValueError as e:
        print('agen caught', e)
        await asyncio.sleep(0)
    finally:
        print('aexit', name)


async def run_async(name, mode, raise_in_body):
    try:
        async with amanaged(name, mode) as v:
            print('body', v)
            await asyncio.sleep(0.1)
            if raise_in_body:
                raise ValueError('in body')
            if raise_in_body is None:
                raise TypeError('not handled')
        print('after async with', name)
    except Exception as e:
        print('outside', type(e).__name__, e)


async def main():
    run_sync('a', 'plain', False)
    run_sync('b', 'plain', True)
    run_sync('c', 'plain', None)
    run_sync('d', 'noyield', False)
    run_sync('e', 'twice', False)
    run_sync('f', 'reyield', True)
    run_sync('g', 'replace', True)
    await run_async('h', 'plain', False)
    await run_async('i', 'plain', True)
    await run_async('j', 'plain', None)
    await run_async('k', 'noyield', False)
    await run_async('l', 'twice', False)


asyncio.run(main())
`;

type Print = (...args: unknown[]) => void;

/** `with cm as v: body(v)` as PEP 343 (and runtime/with.ts) expands it. */
function withSync(cm: GeneratorContextManager, body: (v: PyValue) => void): void {
  const v = cm.__enter__();
  try {
    body(v);
  } catch (e) {
    if (!(e instanceof BaseException)) throw e;
    if (!cm.__exit__(e.constructor as unknown as PyValue, e, null)) throw e;
    return;
  }
  cm.__exit__(null, null, null);
}

/** `async with cm as v: await body(v)`, each special method's awaitable awaited with the port's `aw`. */
async function withAsync(cm: AsyncGeneratorContextManager, body: (v: PyValue) => Promise<void>): Promise<void> {
  const v = await asyncio.aw(cm.__aenter__() as asyncio.Coroutine<PyValue>);
  try {
    await body(v);
  } catch (e) {
    if (!(e instanceof BaseException)) throw e;
    if (!(await asyncio.aw(cm.__aexit__(e.constructor as unknown as PyValue, e, null) as asyncio.Coroutine<PyValue>))) throw e;
    return;
  }
  await asyncio.aw(cm.__aexit__(null, null, null) as asyncio.Coroutine<PyValue>);
}

function hand(print: Print): asyncio.Coroutine<unknown> {
  const managed = contextmanager((name: string, mode: string) =>
    generator(
      'managed',
      (function* (): Generator<PyValue, PyValue, PyValue> {
        print('enter', name);
        if (mode === 'noyield') return null;
        try {
          try {
            yield name.toUpperCase();
            if (mode === 'twice') yield 'again';
          } catch (e) {
            if (!(e instanceof ValueError)) throw e;
            print('gen caught', str(e));
            if (mode === 'reyield') yield 'more';
            if (mode === 'replace') throw new KeyError('replaced');
          }
        } finally {
          print('exit', name);
        }
        return null;
      })(),
    ),
  );
  const amanaged = asynccontextmanager((name: string, mode: string) =>
    asyncGenerator(
      'amanaged',
      (async function* (): AsyncGenerator<PyValue, PyValue, PyValue> {
        print('aenter', name);
        await asyncio.aw(asyncio.sleep(0.1));
        if (mode === 'noyield') return null;
        try {
          try {
            yield name.toUpperCase();
            if (mode === 'twice') yield 'again';
          } catch (e) {
            if (!(e instanceof ValueError)) throw e;
            print('agen caught', str(e));
            await asyncio.aw(asyncio.sleep(0));
          }
        } finally {
          print('aexit', name);
        }
        return null;
      })(),
      portAwaitable,
    ),
  );
  const outside = (e: unknown) => print('outside', (e as Error).constructor.name, str(e as PyValue));
  const runSync = (name: string, mode: string, raiseInBody: boolean | null) => {
    try {
      withSync(managed(name, mode), (v) => {
        print('body', v);
        if (raiseInBody) throw new ValueError('in body');
        if (raiseInBody === null) throw new TypeError('not handled');
      });
      print('after with', name);
    } catch (e) {
      outside(e);
    }
  };
  const runAsync = async (name: string, mode: string, raiseInBody: boolean | null) => {
    try {
      await withAsync(amanaged(name, mode), async (v) => {
        print('body', v);
        await asyncio.aw(asyncio.sleep(0.1));
        if (raiseInBody) throw new ValueError('in body');
        if (raiseInBody === null) throw new TypeError('not handled');
      });
      print('after async with', name);
    } catch (e) {
      outside(e);
    }
  };
  return asyncio.coroutine('main', async () => {
    runSync('a', 'plain', false);
    runSync('b', 'plain', true);
    runSync('c', 'plain', null);
    runSync('d', 'noyield', false);
    runSync('e', 'twice', false);
    runSync('f', 'reyield', true);
    runSync('g', 'replace', true);
    await runAsync('h', 'plain', false);
    await runAsync('i', 'plain', true);
    await runAsync('j', 'plain', null);
    await runAsync('k', 'noyield', false);
    await runAsync('l', 'twice', false);
    return null;
  })();
}

describe('contextlib managers over generators', () => {
  it("enter/exit, an exception thrown into the generator, and \"generator didn't yield/stop\" print what python3 prints", async () => {
    const dir = join(TMP, 'contextlib');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'managers.py');
    writeFileSync(file, PROGRAM);
    const [python, port] = await Promise.all([execa(PYTHON, [file], { reject: false }), runOnPort(hand, 'ideal')]);
    expect(python.exitCode).toBe(0);
    expect(port.outcome).toEqual({ kind: 'ok' });
    expect(port.trace.map((e) => e.text).join('')).toBe(`${python.stdout}\n`);
  });
});
