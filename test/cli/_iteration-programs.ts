/**
 * Asyncio programs that use the iteration slice (issue 8 item 5): generators and generator
 * expressions, `yield`/`yield from`, send/throw/close, next()/iter(), async generators,
 * `async for`, async comprehensions, anext()/aclose(), and the loop's finalization of async
 * generators (a `break` out of `async for`, a dropped local, asyncio.run's shutdown_asyncgens).
 * iteration.test.ts runs each with `python3` and on the port; `native: false` marks the ones
 * that ask for the current task (the native profile has none).
 */
export interface IterationProgram {
  source: string;
  native: boolean;
}

export const ITERATION_PROGRAMS: Record<string, IterationProgram> = {
  'generators-next-genexp.py': {
    native: true,
    source: `import asyncio

def countdown(n):
    print('start', n)
    try:
        while n > 0:
            yield n
            n -= 1
    finally:
        print('countdown finally')
    return 'liftoff'

def pairs(xs):
    for i, x in enumerate(xs):
        yield i, x

async def main():
    g = countdown(3)
    print(next(g), next(g))
    print(list(g))
    print(next(g, 'empty'))
    try:
        next(g)
    except StopIteration as e:
        print('stop', e.args)
    g2 = countdown(2)
    next(g2)
    try:
        next(g2); next(g2)
    except StopIteration as e:
        print('value', e.args, repr(e))
    for i, x in pairs('ab'):
        print(i, x)
        await asyncio.sleep(0)
    for n in countdown(5):
        if n == 3:
            break
    print('after break')
    print(', '.join(str(x) for x in range(4)))
    print(any(x > 2 for x in [1, 2, 3]), all(x > 0 for x in []))
    print(max(len(w) for w in ['a', 'bbb', 'cc']))
    print(sorted((x % 3, x) for x in range(5)))
    it = iter([1, 2])
    print(next(it), next(it), next(it, None))
    print(type(countdown(1)).__name__, type(x for x in []).__name__, type(iter([])).__name__)
    try:
        next([1])
    except TypeError as e:
        print(e)

asyncio.run(main())
`,
  },
  'send-async-for-comprehension.py': {
    native: true,
    source: `import asyncio

def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received

def bad():
    yield 1
    raise StopIteration('x')

async def ticker(n, delay):
    try:
        for i in range(n):
            await asyncio.sleep(delay)
            yield i
    finally:
        print('ticker done')

async def worker(name):
    async for t in ticker(2, 0.5):
        print(name, t)

async def main():
    g = echo()
    print(g.send(None), g.send('a'), g.send('b'))
    try:
        g.send(None)
    except StopIteration as e:
        print('returned', e.args[0])
    try:
        echo().send(1)
    except TypeError as e:
        print(e)
    try:
        list(bad())
    except RuntimeError as e:
        print('RuntimeError', e, type(e.__cause__).__name__)
    await asyncio.gather(worker('A'), worker('B'))
    squares = [x * x async for x in ticker(3, 0.1) if x != 1]
    print(squares)
    agen = ticker(3, 0.2)
    print(await anext(agen))
    print(await anext(agen))
    await agen.aclose()
    print(await anext(agen, 'default'))
    try:
        await anext(agen)
    except StopAsyncIteration:
        print('exhausted')
    r = [await asyncio.sleep(0.1, x) for x in range(2)]
    print(r)

asyncio.run(main())
`,
  },
  'throw-close-yield-from.py': {
    native: true,
    source: `import asyncio

def gen():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print('caught', e)
        yield 99
    finally:
        print('gen cleanup')

def inner():
    x = yield 'i1'
    print('inner got', x)
    return 'inner-result'

def outer():
    r = yield from inner()
    print('outer got', r)
    yield 'o1'

async def main():
    g = gen()
    print(next(g))
    print(g.throw(ValueError('boom')))
    g.close()
    print('closed')
    g = gen()
    print(next(g))
    g.close()
    o = outer()
    print(next(o))
    print(o.send('hello'))
    print(list(o))
    def nested(n):
        for i in range(n):
            yield i * 2
    print(list(nested(3)))
    total = 0
    for v in (x + 1 for x in nested(4) if x > 0):
        total += v
        await asyncio.sleep(0.01)
    print('total', total)

asyncio.run(main())
`,
  },
  'break-finalizer-task.py': {
    native: false,
    source: `import asyncio

async def ticker():
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print('ticker finally', asyncio.current_task().get_name())
        await asyncio.sleep(0)
        print('ticker finally 2')

async def main():
    async for t in ticker():
        print('t', t)
        if t == 1:
            break
    print('after break')
    await asyncio.sleep(0)
    print('main end')

asyncio.run(main())
`,
  },
  'local-dropped-at-return.py': {
    native: false,
    source: `import asyncio

async def ticker():
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print('ticker finally', asyncio.current_task().get_name())

async def main():
    g = ticker()
    print(await anext(g))
    print('main end')

asyncio.run(main())
print('after run')
`,
  },
  'shutdown-asyncgens.py': {
    native: false,
    source: `import asyncio
gens = []

async def ticker():
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print('ticker finally', asyncio.current_task().get_name())

async def main():
    g = ticker()
    gens.append(g)
    print(await anext(g))
    print('main end')

asyncio.run(main())
print('after run')
`,
  },
  'break-finalizer-native.py': {
    native: true,
    source: `import asyncio

async def ticker():
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print('ticker finally')
        await asyncio.sleep(0)
        print('ticker finally 2')

async def main():
    async for t in ticker():
        print('t', t)
        if t == 1:
            break
    print('after break')
    await asyncio.sleep(0)
    print('main end')

asyncio.run(main())
`,
  },
  'shutdown-asyncgens-native.py': {
    native: true,
    source: `import asyncio
gens = []

async def ticker():
    try:
        for i in range(10):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print('ticker finally')

async def main():
    g = ticker()
    gens.append(g)
    print(await anext(g))
    print('main end')

asyncio.run(main())
print('after run')
`,
  },
  'errors-and-uncaught-stop.py': {
    native: true,
    source: `import asyncio

def numbers():
    try:
        yield 1
        yield 2
    finally:
        print('numbers closed')

def take_first():
    g = numbers()
    first = next(g)
    print('first', first)
    return first

async def agen():
    try:
        yield 'a'
        await asyncio.sleep(0.1)
        yield 'b'
        raise ValueError('agen failed')
    finally:
        print('agen finally')

async def main():
    print(take_first())
    try:
        async for x in agen():
            print('x', x)
    except ValueError as e:
        print('caught', e)
    try:
        async for x in agen():
            print('y', x)
            raise KeyError('body')
    except KeyError as e:
        print('caught body', e)
    await asyncio.sleep(0)
    print('before stop')
    g = numbers()
    print(next(g), next(g))
    next(g)

asyncio.run(main())
`,
  },
  'producers-gather.py': {
    native: true,
    source: `import asyncio

async def producer(q_name, n):
    for i in range(n):
        await asyncio.sleep(0.2)
        yield f'{q_name}-{i}'

async def consume(name):
    items = []
    async for item in producer(name, 3):
        items.append(item)
        print(name, 'got', item)
    return items

async def main():
    results = await asyncio.gather(consume('A'), consume('B'))
    print(results)
    gen = producer('C', 5)
    async for item in gen:
        if item.endswith('1'):
            break
    print('left loop')
    print(await anext(gen))
    await gen.aclose()
    print([x async for x in producer('D', 2)])
    print(sum([i async for i in producer('E', 0)] or [0]))

asyncio.run(main())
`,
  },
  'contextmanager-decorators.py': {
    native: true,
    source: `import asyncio
import contextlib
from contextlib import asynccontextmanager


@contextlib.contextmanager
def managed(name):
    print('enter', name)
    yield name


@asynccontextmanager
async def amanaged(name):
    await asyncio.sleep(0.1)
    yield name


async def main():
    cm = managed('a')
    print(type(cm).__name__)
    acm = amanaged('b')
    print(type(acm).__name__)

asyncio.run(main())
`,
  },
};

/** Outside the slice: each file, and the `line:col: unsupported ...` it is refused with. */
export const ITERATION_REFUSALS: Record<string, [string, string]> = {
  'contextmanager-without-yield.py': ['import asyncio\nimport contextlib\n\n\n@contextlib.contextmanager\ndef managed():\n    return 1\n', '5:2: unsupported decorator contextmanager on a function that never yields'],
  'asynccontextmanager-on-def.py': ['import asyncio\nimport contextlib\n\n\n@contextlib.asynccontextmanager\ndef managed():\n    yield 1\n', '5:2: unsupported decorator asynccontextmanager on a def'],
  'yield-at-module-level.py': ['import asyncio\n\nx = (yield 1)\n', '3:6: unsupported yield outside a function'],
  'yield-in-lambda.py': ['import asyncio\n\nasync def main():\n    f = lambda: (yield 1)\n\nasyncio.run(main())\n', '4:18: unsupported yield inside a lambda or a comprehension'],
  'await-in-genexp.py': ['import asyncio\n\nasync def main():\n    print(list(await asyncio.sleep(0, x) for x in [1]))\n\nasyncio.run(main())\n', '4:16: unsupported await inside a generator expression (an async generator expression; write an async def generator)'],
  'async-for-in-def.py': ['import asyncio\n\ndef f(xs):\n    async for x in xs:\n        print(x)\n', '4:5: unsupported async for outside an async def'],
  'yield-from-in-async-def.py': ['import asyncio\n\nasync def agen():\n    yield from [1]\n', '4:5: unsupported yield from inside an async def'],
  'async-genexp.py': ['import asyncio\n\nasync def agen():\n    yield 1\n\nasync def main():\n    print(list(x async for x in agen()))\n\nasyncio.run(main())\n', '7:28: unsupported async generator expression (write an async def generator)'],
  'generator-attribute.py': ['import asyncio\n\ndef gen():\n    yield 1\n\nasync def main():\n    print(gen().gi_running)\n\nasyncio.run(main())\n', '7:11: unsupported attribute .gi_running'],
};
