/**
 * Causes by counterfactual (compare/causes.ts, native/switches.ts): for each switch of the
 * native profile, a program whose difference from CPython that switch alone explains, found
 * through the product's own path (`compare` of compare/compare-program.ts on the native side,
 * real CPython through the shared oracle); a difference two switches explain together; one no
 * switch explains, which falls back to the rules of buckets.ts.
 */
import { describe, expect, it } from 'vitest';
import type { ClockModel } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { compareProgram } from '../../compare/compare-program.ts';
import { causeInfo, isBucketName, isCauseName } from '../../compare/causes.ts';
import { BUCKET_NAMES, ruleNamed } from '../../compare/buckets.ts';
import { nativeSide } from '../../compare/sides.ts';
import { NATIVE_SWITCHES, SWITCH_NAMES } from '../../native/switches.ts';
import { sharedOracle } from '../_support/oracle.ts';

/** The bucket `compare FILE.py --target native` files the program's difference under. */
async function bucketOf(source: string, clock: ClockModel = 'realistic'): Promise<string | undefined> {
  const oracle = await sharedOracle();
  const program = await importPythonSource(source, 'program.py', oracle);
  const compared = await compareProgram({ oracle, side: nativeSide, program, source: printPython(program), clock, command: 'test', replay: 'test' });
  expect(compared.verdict).toBe('differs');
  return compared.report?.buckets[0]?.name;
}

const CASES: Array<{ cause: string; clock: ClockModel; source: string }> = [
  {
    cause: 'lazy-coroutines',
    clock: 'realistic',
    source: `import asyncio


async def main():
    c = worker()
    print('main:1')


async def worker():
    print('worker:0')


asyncio.run(main())
`,
  },
  {
    cause: 'lazy-task-start',
    clock: 'realistic',
    source: `import asyncio


async def main():
    t = asyncio.create_task(worker())
    print('main:1')
    await t


async def worker():
    print('worker:0')


asyncio.run(main())
`,
  },
  {
    cause: 'next-iteration-wakeups',
    clock: 'realistic',
    source: `import asyncio


async def main():
    a = asyncio.create_task(worker('a'))
    b = asyncio.create_task(worker('b'))
    await a
    print('main:1')
    await b


async def worker(name):
    await asyncio.sleep(0.1)
    print('worker:1', name)


asyncio.run(main())
`,
  },
  {
    cause: 'sleep0-yield',
    clock: 'realistic',
    source: `import asyncio


async def main():
    a = asyncio.create_task(worker('a', 0.001))
    b = asyncio.create_task(worker('b', 0))
    await a
    await b


async def worker(name, delay):
    await asyncio.sleep(delay)
    print('worker:1', name)


asyncio.run(main())
`,
  },
  {
    cause: 'shutdown-cancellation',
    clock: 'realistic',
    source: `import asyncio


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print('main:1')


async def worker():
    print('worker:0')
    await asyncio.sleep(1)
    print('worker:1')


asyncio.run(main())
`,
  },
  {
    cause: 'shutdown-asyncgens',
    clock: 'realistic',
    source: `import asyncio


async def main():
    async def agen(n):
        try:
            for i in range(2):
                yield n + i
        finally:
            print('main:2', 'closed')
    g = agen(1)
    kept.append(g)
    print('main:1', await anext(g))


kept = []
asyncio.run(main())
`,
  },
  {
    cause: 'heap-tie-order',
    clock: 'ideal',
    source: `import asyncio


async def main():
    await asyncio.gather(worker(0), worker(1), worker(2), worker(3), worker(4))


async def worker(n):
    await asyncio.sleep(0.02)
    print('worker:1', n)


asyncio.run(main())
`,
  },
  {
    cause: 'float-deadlines',
    clock: 'realistic',
    source: `import asyncio


async def main():
    a = asyncio.create_task(worker('a', 0.0119))
    b = asyncio.create_task(worker('b', 0.011))
    await a
    await b


async def worker(name, delay):
    await asyncio.sleep(delay)
    print('worker:1', name)


asyncio.run(main())
`,
  },
  {
    cause: 'cancel-at-next-await',
    clock: 'realistic',
    source: `import asyncio


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    print('main:1', t.cancel())
    await asyncio.sleep(0.1)
    print('main:2', t.done(), t.cancelled())


async def worker():
    await asyncio.sleep(0.05)
    print('worker:1')


asyncio.run(main())
`,
  },
  {
    cause: 'unhandled-rejection-logged',
    clock: 'realistic',
    source: `import asyncio


async def main():
    asyncio.gather(worker())
    await asyncio.sleep(0.1)
    print('main:1')


async def worker():
    raise ValueError('worker:0')


asyncio.run(main())
`,
  },
  {
    cause: 'loop-callbacks',
    clock: 'realistic',
    source: `import asyncio


async def main():
    fut = asyncio.get_running_loop().create_future()
    fut.add_done_callback(lambda f: print('callback', f.result()))
    fut.set_result(1)
    print('main:1')
    await fut
    print('main:2')


asyncio.run(main())
`,
  },
  {
    cause: 'set-hash-order',
    clock: 'realistic',
    source: `import asyncio


async def main():
    print('main:0', {5, 1})


asyncio.run(main())
`,
  },
];

describe('causes by counterfactual', () => {
  it('every switch has a case below', () => {
    expect(CASES.map((c) => c.cause)).toEqual([...SWITCH_NAMES]);
  });

  for (const c of CASES) {
    it(`${c.cause}: that switch alone makes the program agree (${c.clock} clock)`, async () => {
      expect(await bucketOf(c.source, c.clock)).toBe(c.cause);
    });
  }

  it('unhandled-rejection-logged also names a callback that raises: Node ends the program with the uncaught exception, the loop logs it and goes on', async () => {
    expect(await bucketOf(`import asyncio


def fail(label):
    raise ValueError(label)


async def main():
    asyncio.get_running_loop().call_soon(fail, 'callback')
    await asyncio.sleep(0.01)
    print('main:1')


asyncio.run(main())
`)).toBe('unhandled-rejection-logged');
  });

  it('two causes at once: neither switch alone, both together (a never-awaited coroutine inside an eagerly started task)', async () => {
    expect(await bucketOf(`import asyncio


async def main():
    t = asyncio.create_task(worker1())
    print('main:1')


async def worker1():
    c = worker2()
    print('worker1:0')


async def worker2():
    print('worker2:0')


asyncio.run(main())
`)).toBe('lazy-coroutines+lazy-task-start');
  });

  it("a clock read: CPython's loop reads its clock as float-deadlines does, and the sleep's wake-up costs an iteration (and its read)", async () => {
    const bucket = await bucketOf(`import asyncio
import time


async def main():
    await asyncio.sleep(0.1)
    print('main:1', time.monotonic())


asyncio.run(main())
`);
    expect(bucket).toBe('next-iteration-wakeups+float-deadlines');
  });

  it('cause names: switches and their combinations are bucket names --ignore-bucket accepts, with titles', () => {
    for (const name of SWITCH_NAMES) {
      expect(BUCKET_NAMES).toContain(name);
      expect(ruleNamed(name).title).toBe(NATIVE_SWITCHES.find((s) => s.name === name)!.title);
    }
    expect(isBucketName('lazy-task-start+shutdown-cancellation')).toBe(true);
    expect(isCauseName('lazy-task-start+lazy-task-start')).toBe(false);
    expect(isBucketName('lazy-task-start+eager-start')).toBe(false);
    expect(isBucketName('eager-start')).toBe(true);
    expect(causeInfo('lazy-coroutines+lazy-task-start')?.title).toMatch(/^Two causes at once: /);
    expect(ruleNamed('lazy-coroutines+lazy-task-start+shutdown-cancellation').title).toMatch(/^Three causes at once: /);
  });
});

