/**
 * Task, Future and coroutine reprs on the port (port/base_tasks.ts, base_futures.ts,
 * coroutines.ts _format_coroutine, format_helpers.ts) against the product's oracle: every
 * state a program can print (pending at a line, waiting for a future or a task, cancelling,
 * cancelled, finished with a result or an exception, done callbacks), byte for byte once
 * object addresses are masked (compare/traces.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portSide, runOnOracle } from '../../compare/sides.ts';
import { compareRuns, maskAddresses } from '../../compare/traces.ts';
import { isFailure } from '../../compare/verdict.ts';
import { DEFAULT_BUDGET, type RunResult } from '../../ir/program.ts';
import { Oracle } from '../../oracle/pool.ts';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.start({ workers: 1 });
});
afterAll(() => oracle.close());

const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };

async function bothSides(source: string, filename = 'reprs.py'): Promise<{ cpython: RunResult; port: RunResult }> {
  // The header's source is the path CPython shows (what `run FILE.py` puts there).
  const program = { ...(await oracle.importSource(source, filename)), header: { generator: 'test', source: filename } };
  const [cpython, port] = await Promise.all([runOnOracle(oracle, program, options), portSide.run(program, options)]);
  if (isFailure(cpython)) throw new Error(`oracle: ${cpython.failure}`);
  if (isFailure(port)) throw new Error(`port: ${port.failure}`);
  return { cpython, port };
}

const STATES = `import asyncio

async def child(n):
    await asyncio.sleep(1)
    return n * 2

async def boom():
    return 1 // 0

async def waiter(t):
    return await t

async def main():
    print(asyncio.current_task())
    c = child(1)
    print(c)
    t = asyncio.create_task(c)
    print(t)
    ws = [asyncio.create_task(waiter(t)) for i in range(3)]
    await asyncio.sleep(0)
    print(t)
    print(ws[0])
    g = asyncio.gather(t, child(2))
    await asyncio.sleep(0)
    print(t)
    x = asyncio.create_task(waiter(asyncio.current_task()))
    await asyncio.sleep(0)
    print(x)
    b = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print(b)
    u = asyncio.create_task(child(3))
    await asyncio.sleep(0)
    u.cancel()
    print(u)
    await asyncio.sleep(0)
    print(u)
    print(g)
    print(repr(f'{t}'), [t])
    await g
    print(g)
    v = asyncio.create_task(child('x' * 50))
    await v
    print(v)
    w = asyncio.create_task(child([1, 2, 3, 4, 5, 6, 7, 8]))
    await w
    print(w)
    print(child(1), asyncio.sleep(1))
    s = asyncio.create_task(asyncio.sleep(1))
    print(s)
    await asyncio.sleep(0)
    print(s)
    print(asyncio.gather())

asyncio.run(main())
`;

describe('reprs of tasks, futures and coroutines', () => {
  it('every state of the tour prints as on CPython (addresses masked)', async () => {
    const { cpython, port } = await bothSides(STATES);
    expect(cpython.outcome.kind).toBe('ok');
    expect(cpython.trace.length).toBe(19);
    expect(port.trace.map((e) => maskAddresses(e.text))).toEqual(cpython.trace.map((e) => maskAddresses(e.text)));
    expect(compareRuns(cpython, port).same).toBe(true);
  });

  it("shows the program's path as given and CPython's own asyncio files by their full path", async () => {
    const { cpython, port } = await bothSides(STATES, 'some/dir/prog.py');
    const first = cpython.trace[0].text;
    expect(first).toMatch(/^<Task pending name='Task-1' coro=<main\(\) running at some\/dir\/prog\.py:\d+> cb=\[_run_until_complete_cb\(\) at \/.*\/asyncio\/base_events\.py:180\]>\n$/);
    expect(port.trace[0].text).toBe(first);
  });

  it('a difference would be seen: another line number is not masked', async () => {
    const { cpython } = await bothSides(STATES);
    const shifted = { ...cpython, trace: cpython.trace.map((e, i) => (i === 0 ? { ...e, text: e.text.replace(/:(\d+)>/, (_m, n) => `:${Number(n) + 1}>`) } : e)) };
    expect(compareRuns(cpython, shifted).same).toBe(false);
  });
});

const LINES = `import asyncio

def show(label):
    print(label, asyncio.current_task())

async def helper(t):
    show('helper')
    await asyncio.sleep(0.5)
    print('helper sees', t)
    return 1

async def spin(t):
    n = 0
    while await asyncio.sleep(0, n) < 3:
        print(t)
        n = n + 1
    return [asyncio.current_task()]

async def main():
    show('main')
    me = asyncio.current_task()
    s = asyncio.create_task(spin(me))
    x = await helper(s)
    if x > 5:
        print('no')
    elif await asyncio.sleep(0, x) == 1:
        print(me)
    r = await s
    print(r, s)
    print(f'{me!r:>5} {me}')
    print('%s' % me)
    await me

asyncio.run(main())
`;

describe("a task's coroutine line", () => {
  it('is the line the outermost coroutine runs or waits at: a sync call, an inline await, a while test, an elif, a self-await', async () => {
    const { cpython, port } = await bothSides(LINES);
    expect(cpython.outcome).toMatchObject({ kind: 'exception', type: 'RuntimeError' });
    expect(cpython.trace.length).toBe(10);
    expect(compareRuns(cpython, port).same).toBe(true);
  });
});

describe('type names in error messages (the C types\' tp_name)', () => {
  it.each(['t < 1', "'a' + t", 'c[0]', 'len(g)', 'g2[0]'])('%s', async (expr) => {
    const source = `import asyncio

async def f():
    return 1

async def main():
    t = asyncio.create_task(f())
    c = f()
    g = asyncio.gather()
    g2 = asyncio.gather(f())
    print(${expr})

asyncio.run(main())
`;
    const { cpython, port } = await bothSides(source);
    expect(cpython.outcome.kind).toBe('exception');
    expect(port.outcome).toEqual(cpython.outcome);
  });
});

/** A random program: tasks of a few kinds, steps, cancels and prints of tasks at random points. */
const kinds = ['sleeper(0.5)', 'sleeper(0)', 'returner(3)', "returner('word')", 'raiser()', 'waiter(first)'] as const;
const op = fc.oneof(
  fc.record({ k: fc.constant('create' as const), kind: fc.constantFrom(...kinds) }),
  fc.record({ k: fc.constant('step' as const), delay: fc.constantFrom('0', '0.25', '1') }),
  fc.record({ k: fc.constant('print' as const), which: fc.nat(5) }),
  fc.record({ k: fc.constant('cancel' as const), which: fc.nat(5) }),
  fc.record({ k: fc.constant('me' as const) }),
);

type Op = { k: string; kind?: string; delay?: string; which?: number };

function programText(ops: Op[]): string {
  const body = ['    first = asyncio.create_task(sleeper(0.5))', '    ts = [first]'];
  for (const o of ops) {
    if (o.k === 'create') body.push(`    ts.append(asyncio.create_task(${o.kind}))`);
    else if (o.k === 'step') body.push(`    await asyncio.sleep(${o.delay})`);
    else if (o.k === 'print') body.push(`    print(ts[${o.which} % len(ts)])`);
    else if (o.k === 'cancel') body.push(`    ts[${o.which} % len(ts)].cancel()`);
    else body.push('    print(asyncio.current_task())');
  }
  body.push('    print(ts)');
  return `import asyncio

async def sleeper(d):
    await asyncio.sleep(d)
    return d

async def returner(x):
    return x

async def raiser():
    return [1][2]

async def waiter(t):
    return await t

async def main():
${body.join('\n')}

asyncio.run(main())
`;
}

async function agrees(ops: Op[]): Promise<boolean> {
  const { cpython, port } = await bothSides(programText(ops));
  return compareRuns(cpython, port).same;
}

describe('random task states', () => {
  it('40 programs, seed 42', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 12 }), agrees), { seed: 42, numRuns: 40 });
  });

  it('40 programs, a random seed (printed)', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`base_tasks reprs seed: ${seed}`);
    await fc.assert(fc.asyncProperty(fc.array(op, { maxLength: 12 }), agrees), { seed, numRuns: 40 });
  });
});
