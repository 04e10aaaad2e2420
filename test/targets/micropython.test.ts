/**
 * MicroPython's asyncio as a target (targets/micropython): real MicroPython 1.27 in
 * WebAssembly against real CPython through the product's oracle. A known program's trace on
 * MicroPython; each cause's minimal program lands in its named bucket; generated programs'
 * differences all land in named MicroPython buckets (never unclassified, never a crash); a
 * program MicroPython cannot express gets a clear verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import micropython from '../../targets/micropython/adapter.ts';
import { MICROPYTHON_BUCKET_RULES } from '../../compare/buckets-micropython.ts';
import { classify } from '../../compare/buckets.ts';
import { runOnOracle } from '../../compare/sides.ts';
import { compareRuns } from '../../compare/traces.ts';
import { isFailure, type SideResult } from '../../compare/verdict.ts';
import { DEFAULT_BUDGET, type ClockModel, type Program, type RunResult } from '../../ir/program.ts';
import { check, startOracle, type Oracle } from '../../lib/index.ts';
import { importPythonSource } from '../../oracle/importer.ts';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await startOracle({ workers: 1 });
});
afterAll(async () => {
  await oracle?.close();
});

const program = (lines: string[]): Promise<Program> => importPythonSource(['import asyncio', ...lines, 'asyncio.run(main())', ''].join('\n'), 'program.py', oracle);

function ran(result: SideResult): RunResult {
  if (isFailure(result)) throw new Error(`expected a run, got a failure: ${result.failure}`);
  return result;
}

async function bothSides(p: Program, clock: ClockModel = 'ideal'): Promise<[RunResult, RunResult]> {
  const options = { clock, budget: DEFAULT_BUDGET };
  return [ran(await runOnOracle(oracle, p, options)), ran(await micropython.run(p, options))];
}

const texts = (run: RunResult) => run.trace.map((entry) => entry.text);

/** Six tasks sleep 0.1 s each: equal deadlines. */
const EQUAL_SLEEPS = [
  'async def w(n):',
  '    await asyncio.sleep(0.1)',
  "    print('w', n)",
  'async def main():',
  '    for i in range(6):',
  '        asyncio.create_task(w(i))',
  '    await asyncio.sleep(0.2)',
  "    print('main')",
];

describe('the MicroPython target', () => {
  it('runs a program on MicroPython\'s own scheduler, with virtual milliseconds and task names', async () => {
    const result = ran(await micropython.run(await program(EQUAL_SLEEPS), { clock: 'ideal', budget: DEFAULT_BUDGET }));
    expect(result.outcome).toEqual({ kind: 'ok' });
    expect(result.trace.map((e) => [e.text, e.time, e.task])).toEqual([
      ['w 0\n', 0.1, 'Task-2'],
      ['w 1\n', 0.1, 'Task-3'],
      ['w 2\n', 0.1, 'Task-4'],
      ['w 3\n', 0.1, 'Task-5'],
      ['w 4\n', 0.1, 'Task-6'],
      ['w 5\n', 0.1, 'Task-7'],
      ['main\n', 0.2, 'Task-1'],
    ]);
    expect(result.endTime).toBe(0.2);
    expect(micropython.comparesTime).toBe(false);
    expect(await micropython.typescript(await program(EQUAL_SLEEPS))).toContain('asyncio.run(main())');
  });

  it('starts every program afresh: the same program twice gives the same run', async () => {
    const p = await program(['async def w():', '    await asyncio.sleep(5)', 'async def main():', '    asyncio.create_task(w())', "    print('main')"]);
    const options = { clock: 'ideal' as const, budget: DEFAULT_BUDGET };
    const first = ran(await micropython.run(p, options));
    const second = ran(await micropython.run(p, options));
    expect(second).toEqual(first);
    expect(first.trace).toEqual([{ text: 'main\n', time: 0, task: 'Task-1', iteration: expect.any(Number) }]);
  });

  it('stops an endless loop at the iteration budget, as CPython does', async () => {
    const p = await program(['async def main():', '    while True:', '        await asyncio.sleep(0)']);
    const [expected, actual] = await bothSides(p);
    expect(expected.outcome).toEqual({ kind: 'budget', limit: 'iterations' });
    expect(actual.outcome).toEqual({ kind: 'budget', limit: 'iterations' });
  });

  it('answers a broken program with a failure, never a throw', async () => {
    const result = await micropython.run({ functions: [], body: [{ kind: 'nonsense' }] } as unknown as Program, { clock: 'ideal', budget: DEFAULT_BUDGET });
    expect(isFailure(result) && result.failure).toMatch(/^micropython: /);
  });
});

describe('each cause, by its minimal program', () => {
  const cases: Array<[string, string[]]> = [
    ['micropython-missing-api', ['async def main():', "    print('name', asyncio.current_task().get_name())"]],
    ['micropython-missing-api', ['async def main():', "    print('main', len(asyncio.all_tasks()))"]],
    ['micropython-missing-api', ['async def w():', "    print('w', asyncio.current_task().get_name())", 'async def main():', '    asyncio.create_task(w())', '    await asyncio.sleep(0.1)', "    print('main')"]],
    ['micropython-exception-message', ['async def main():', "    print('a')", '    print(1 / 0)']],
    ['micropython-single-waiter', ['async def w():', '    pass', 'async def main():', '    t = asyncio.create_task(w())', "    print('main', await asyncio.gather(t, t))"]],
    ['micropython-sleep-is-not-a-coroutine', ['async def main():', "    print('main', await asyncio.gather(asyncio.sleep(0.1)))"]],
    ['micropython-value-text', ['async def main():', "    print('main', repr('\u00e9'))"]],
    ['micropython-run-returns-with-main', ['async def w():', "    print('w')", 'async def main():', '    asyncio.create_task(w())']],
    [
      'micropython-gather-wakeup',
      [
        'async def w2():',
        '    pass',
        'async def w1():',
        '    t = asyncio.create_task(w2())',
        "    print('w1', await t)",
        'async def main():',
        '    asyncio.create_task(w1())',
        "    print('main', await asyncio.gather(w2()))",
        '    await asyncio.sleep(0.1)',
      ],
    ],
    ['micropython-timer-ties', EQUAL_SLEEPS],
  ];
  it.each(cases)('%s', async (bucket, lines) => {
    const p = await program(lines);
    const [expected, actual] = await bothSides(p);
    expect(compareRuns(expected, actual, { times: false }).same).toBe(false);
    expect(classify(p, expected, actual)).toBe(bucket);
  });

  it('micropython-millisecond-ticks (the realistic clock: a microsecond per clock read)', async () => {
    const p = await program([
      'async def w2():',
      "    print('w2:0')",
      '    await asyncio.sleep(0.1)',
      "    print('w2:1')",
      'async def w1():',
      '    asyncio.create_task(w2())',
      '    await w2()',
      'async def main():',
      '    await w1()',
      '    await w1()',
      '    await asyncio.sleep(0)',
    ]);
    const [expected, actual] = await bothSides(p, 'realistic');
    expect(compareRuns(expected, actual, { times: false }).same).toBe(false);
    expect(classify(p, expected, actual)).toBe('micropython-millisecond-ticks');
  });

  it('micropython-millisecond-ticks: tasks due microseconds after main resumed still run first on MicroPython', async () => {
    const p = await program([
      'async def w2():',
      '    await asyncio.sleep(0.3)',
      '    await asyncio.sleep(0.1)',
      "    print('w2')",
      'async def w1():',
      '    asyncio.create_task(w2())',
      '    await w2()',
      'async def main():',
      '    for i in range(2):',
      '        t = asyncio.create_task(w1())',
      '    await t',
      "    print('main')",
    ]);
    const [expected, actual] = await bothSides(p, 'realistic');
    expect(texts(actual).length).toBeGreaterThan(texts(expected).length);
    expect(classify(p, expected, actual)).toBe('micropython-millisecond-ticks');
  });

  it('a program MicroPython cannot express gets a verdict that says so', async () => {
    const p = await program(['async def main():', "    print('name', asyncio.current_task().get_name())"]);
    const [, actual] = await bothSides(p);
    expect(actual.outcome).toEqual({ kind: 'exception', type: 'AttributeError', message: "'Task' object has no attribute 'get_name'" });
  });
});

describe('generated programs', () => {
  const names = new Set(MICROPYTHON_BUCKET_RULES.map((rule) => rule.name));
  const features = { gather: true, taskMethods: true, cancel: true };

  async function checkAllNamed(seed: number, runs: number) {
    // The research behind the MicroPython causes covered the tasks features, not the exception
    // ones swarm testing now switches on: those programs are not researched on MicroPython yet.
    const report = await check({ target: micropython, runs, seed, clock: 'ideal', oracle, constraints: { features, maxFunctions: 3, swarm: false } });
    expect(report.outcomes.portCrash).toBe(0);
    expect(report.outcomes.same + report.outcomes.differs).toBe(runs);
    for (const bucket of report.buckets) expect(names, `bucket ${bucket.name}:\n${bucket.example.python}`).toContain(bucket.name);
    return report;
  }

  it('seed 42: every difference lands in a named MicroPython bucket', async () => {
    const report = await checkAllNamed(42, 40);
    expect(report.differences).toBeGreaterThan(0);
  }, 60_000);

  it('a random seed: every difference lands in a named MicroPython bucket', async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`micropython property run: seed ${seed}`);
    await checkAllNamed(seed, 25);
  }, 60_000);
});
