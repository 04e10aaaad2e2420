/**
 * CPython's recursion limit on the port (runtime/frames.ts): a `RecursionError` at the
 * depth where the oracle raises it, with its message, for plain recursion of `def` and of
 * `async def` awaited directly; never V8's RangeError. Every expectation is the oracle's answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portSide, runOnOracle } from '../../compare/sides.ts';
import { compareRuns } from '../../compare/traces.ts';
import { isFailure } from '../../compare/verdict.ts';
import { DEFAULT_BUDGET, type Program, type RunResult } from '../../ir/program.ts';
import { Oracle } from '../../oracle/pool.ts';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.start({ workers: 1 });
});
afterAll(() => oracle.close());

const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };

/** A recursive program `n` deep, read through the product's importer. */
const TEMPLATES = {
  async: (n: number) => `import asyncio

async def down(n):
    if n == 0:
        return 0
    return await down(n - 1) + 1

async def main():
    print(await down(${n}))

asyncio.run(main())
`,
  sync: (n: number) => `import asyncio

def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1

async def main():
    print(down(${n}))

asyncio.run(main())
`,
  module: (n: number) => `def down(n):
    if n == 0:
        return 0
    return down(n - 1) + 1

print(down(${n}))
`,
  asyncInTask: (n: number) => `import asyncio

async def down(n):
    if n == 0:
        return 0
    return await down(n - 1) + 1

async def main():
    t = asyncio.create_task(down(${n}))
    print(await t)

asyncio.run(main())
`,
  sleepAtTheBottom: (n: number) => `import asyncio

async def down(n):
    if n == 0:
        await asyncio.sleep(0.5)
        return 0
    return await down(n - 1) + 1

async def main():
    print(await down(${n}))

asyncio.run(main())
`,
  listComprehension: (n: number) => `import asyncio

def down(n):
    if n == 0:
        return 0
    return [down(n - 1) for i in range(1)][0]

async def main():
    print(down(${n}))

asyncio.run(main())
`,
  strEachLevel: (n: number) => `import asyncio

def down(n):
    if n == 0:
        return 0
    s = str(n)
    return down(n - 1)

async def main():
    print(down(${n}))

asyncio.run(main())
`,
  printEachLevel: (n: number) => `import asyncio

def down(n):
    print(n)
    if n == 0:
        return 0
    return down(n - 1)

async def main():
    down(${n})

asyncio.run(main())
`,
  printStrEachLevel: (n: number) => `import asyncio

async def down(n):
    print('level')
    if n == 0:
        return 0
    return await down(n - 1)

async def main():
    await down(${n})

asyncio.run(main())
`,
  printNothing: (n: number) => `import asyncio

def down(n):
    print()
    if n == 0:
        return 0
    return down(n - 1)

async def main():
    down(${n})

asyncio.run(main())
`,
  nestedListStr: (n: number) => `import asyncio

async def main():
    x = []
    for i in range(${n}):
        x = [x]
    print(len(str(x)))

asyncio.run(main())
`,
  fromADef: (n: number) => `import asyncio

async def down(n):
    if n == 0:
        return 0
    return await down(n - 1) + 1

async def main():
    print(await down(${n}))

def start():
    asyncio.run(main())

start()
`,
} as const;
type Shape = keyof typeof TEMPLATES;

/**
 * Not in the boundary table: `print(x)` of a list nested ~987 deep. The oracle's print is a
 * Python function whose own depth changes once CPython has specialised it (its boundary moves
 * by one after a few runs in one worker; a real python3's C print is two levels shallower):
 * reported, see the report of issue 7 point 5. Far past the limit both sides agree (below).
 */
const NESTED_PRINT = (n: number) => `import asyncio

async def main():
    x = []
    for i in range(${n}):
        x = [x]
    print(x)

asyncio.run(main())
`;

async function programOf(shape: Shape, n: number): Promise<Program> {
  return oracle.importSource(TEMPLATES[shape](n), `${shape}.py`);
}

async function bothSides(shape: Shape, n: number): Promise<{ cpython: RunResult; port: RunResult }> {
  const program = await programOf(shape, n);
  const [cpython, port] = await Promise.all([runOnOracle(oracle, program, options), portSide.run(program, options)]);
  if (isFailure(cpython)) throw new Error(`oracle: ${cpython.failure}`);
  if (isFailure(port)) throw new Error(`port: ${port.failure}`);
  return { cpython, port };
}

/** The smallest `n` that raises on `run`, by bisection between an `ok` and a failing depth. */
async function firstFailing(run: (n: number) => Promise<RunResult>, ok: number, failing: number): Promise<number> {
  while (failing - ok > 1) {
    const mid = (ok + failing) >> 1;
    if ((await run(mid)).outcome.kind === 'ok') ok = mid;
    else failing = mid;
  }
  return failing;
}

describe('a recursive async def', () => {
  it('2,000 deep raises RecursionError on both sides', async () => {
    const { cpython, port } = await bothSides('async', 2000);
    expect(cpython.outcome).toEqual({ kind: 'exception', type: 'RecursionError', message: 'maximum recursion depth exceeded' });
    expect(port.outcome).toEqual(cpython.outcome);
    expect(port.trace).toEqual([]);
  });

  it('900 deep prints on both sides', async () => {
    const { cpython, port } = await bothSides('async', 900);
    expect(cpython.trace.map((e) => e.text)).toEqual(['900\n']);
    expect(compareRuns(cpython, port).same).toBe(true);
  });
});

describe('the boundary: the first depth that raises, found on each side', () => {
  it.each(Object.keys(TEMPLATES) as Shape[])('%s', async (shape) => {
    const onOracle = async (n: number) => (await runOnOracle(oracle, await programOf(shape, n), options)) as RunResult;
    const onPort = async (n: number) => (await portSide.run(await programOf(shape, n), options)) as RunResult;
    const cpythonFirst = await firstFailing(onOracle, 100, 1500);
    const portFirst = await firstFailing(onPort, 100, 1500);
    expect(portFirst).toBe(cpythonFirst);
    // Either side of the boundary, the whole runs agree (message included).
    for (const n of [cpythonFirst - 1, cpythonFirst]) {
      const { cpython, port } = await bothSides(shape, n);
      expect(compareRuns(cpython, port).same, `${shape} ${n}: ${JSON.stringify([cpython.outcome, port.outcome])}`).toBe(true);
    }
  });
});

it('nesting far past the limit is a RecursionError, never V8\'s RangeError (a list 100,000 deep printed)', async () => {
  const program = await oracle.importSource(NESTED_PRINT(100_000), 'nested.py');
  const [cpython, port] = (await Promise.all([runOnOracle(oracle, program, options), portSide.run(program, options)])) as RunResult[];
  expect(cpython.outcome).toEqual({ kind: 'exception', type: 'RecursionError', message: 'maximum recursion depth exceeded while getting the repr of an object' });
  expect(port.outcome).toEqual(cpython.outcome);
});

it('deep but legal: 990 frames of async recursion in a task fit in V8 (no RangeError, no port crash)', async () => {
  const { cpython, port } = await bothSides('asyncInTask', 985);
  expect(cpython.outcome.kind).toBe('ok');
  expect(compareRuns(cpython, port).same).toBe(true);
});
