/**
 * The embedded CPython builds (Pyodide, one worker thread each) run the product's oracle
 * worker and print what the system CPython (3.11) prints, except where asyncio or Python
 * itself changed between the versions: those differences are asserted as what each version
 * prints, not hidden. Each build is loaded once for the file (a few seconds each).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClockModel, RunResult } from '../../ir/program.ts';
import { DEFAULT_EMBEDDED, EMBEDDED_BUILDS, type EmbeddedBuild } from '../../oracle/embedded/builds.ts';
import { EmbeddedOracle } from '../../oracle/embedded/oracle.ts';
import { Oracle } from '../../oracle/pool.ts';
import { FIXTURES, PYTHON, texts } from './helpers.ts';

const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).sort();
const CLOCKS: ClockModel[] = ['realistic', 'ideal'];

/** A task already done when it is gathered: 3.11 spends two iterations on it, 3.12+ none (SEMANTICS.md). */
const GATHER_DONE_TASK = `import asyncio


async def ticker():
    for i in range(4):
        print('tick', i)
        await asyncio.sleep(0)


async def quick():
    return 1


async def main():
    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    asyncio.create_task(ticker())
    await asyncio.gather(t)
    print('gathered')


asyncio.run(main())
`;

const LOOP_FOREVER = `import asyncio


async def main():
    print('before')
    n = 0
    while True:
        n = n + 1


asyncio.run(main())
`;

/** `sum` over a range runs in C and never checks for signals: only terminating the thread stops it. */
const DEAF_TO_SIGNALS = `import asyncio


async def main():
    print('before')
    print(sum(range(30000000000)))


asyncio.run(main())
`;

const minor = (version: string): number => Number(version.split('.')[1]);

let system: Oracle;
/** What the system CPython prints for each fixture and clock. */
const expected = new Map<string, RunResult>();

beforeAll(async () => {
  system = await Oracle.start({ python: PYTHON, workers: 1 });
  expect(system.info.version).toMatch(/^3\.11\./); // the port's version: the baseline of this file
  for (const file of FIXTURE_FILES) {
    const source = readFileSync(join(FIXTURES, file), 'utf8');
    for (const clock of CLOCKS) expected.set(`${file}:${clock}`, await system.run(source, { clock }));
  }
});
afterAll(() => system?.close());

describe.each(EMBEDDED_BUILDS.map((build) => [build.name, build] as const))('%s', (_name, build: EmbeddedBuild) => {
  let oracle: EmbeddedOracle;
  beforeAll(async () => {
    oracle = await EmbeddedOracle.start({ build, workers: 1 });
  });
  afterAll(() => oracle?.close());

  it('is the CPython it is named after, with the C Task', () => {
    expect(oracle.info.version).toBe(build.python);
    expect(oracle.info.implementation).toBe('CPython');
    expect(oracle.info.executable).toContain(`pyodide ${build.pyodide}`);
  });

  it('prints what CPython 3.11 prints on every tutorial fixture, both clocks, to the bit', async () => {
    for (const file of FIXTURE_FILES) {
      const source = readFileSync(join(FIXTURES, file), 'utf8');
      for (const clock of CLOCKS) {
        const want = expected.get(`${file}:${clock}`) as RunResult;
        const got = await oracle.run(source, { clock });
        if (file === 'exception_in_task.py' && minor(build.python) >= 14) {
          // 3.14 reworded ZeroDivisionError for `//` ("integer division or modulo by zero" before).
          expect(want.outcome).toMatchObject({ type: 'ZeroDivisionError', message: 'integer division or modulo by zero' });
          expect(got).toEqual({ ...want, outcome: { ...want.outcome, message: 'division by zero' } });
        } else {
          expect(got, `${file} (${clock})`).toEqual(want);
        }
      }
    }
  });

  it('names tasks Task-1... in every program, though Pyodide keeps its counters between them', async () => {
    const source = readFileSync(join(FIXTURES, 'task_names.py'), 'utf8');
    const first = await oracle.run(source);
    const second = await oracle.run(source);
    expect(second).toEqual(first);
    expect(first.trace[0]).toMatchObject({ text: 'main is Task-1\n', task: 'Task-1' });
  });

  it('shows the version difference: gather of a done task takes no iterations from 3.12', async () => {
    const old = await system.run(GATHER_DONE_TASK);
    const now = await oracle.run(GATHER_DONE_TASK);
    expect(texts(old.trace)).toEqual(['tick 0\n', 'tick 1\n', 'gathered\n', 'tick 2\n']);
    expect(texts(now.trace)).toEqual(['gathered\n', 'tick 0\n']);
    expect(now.outcome).toEqual({ kind: 'ok' });
  });

  // The alarm and the thread's replacement are checked on every build: the bootstrap that
  // supplies SIGALRM runs inside each CPython.
  it('stops an endless loop with the worker own SIGALRM handler, keeping what it printed, as the process worker does', async () => {
    const want = await system.run(LOOP_FOREVER, { wallclockMs: 300 });
    expect(want.outcome).toEqual({ kind: 'budget', limit: 'wallclock' });
    expect(await oracle.run(LOOP_FOREVER, { wallclockMs: 300 })).toEqual(want);
    expect(texts((await oracle.run("print('next')\n")).trace)).toEqual(['next\n']);
  });

  it('terminates a thread that does not answer the alarm; the program is a wall-clock outcome, and the next one runs', async () => {
    const hung = oracle.run(DEAF_TO_SIGNALS, { wallclockMs: 300 });
    const queued = oracle.run(readFileSync(join(FIXTURES, 'seed_tutorial.py'), 'utf8'));
    expect(await hung).toEqual({ trace: [], outcome: { kind: 'budget', limit: 'wallclock' }, endTime: 0, iterations: 0 });
    expect(await queued).toEqual(expected.get('seed_tutorial.py:realistic'));
  });
});

describe(`${DEFAULT_EMBEDDED.name}/py-task`, () => {
  let oracle: EmbeddedOracle;
  beforeAll(async () => {
    oracle = await EmbeddedOracle.start({ build: DEFAULT_EMBEDDED, pythonTasks: true, workers: 1 });
  });
  afterAll(() => oracle?.close());

  it('runs the pure-Python Task (the interpreter says so) and prints what the C Task prints', async () => {
    expect(oracle.info.implementation).toBe('CPython/py-task');
    for (const file of FIXTURE_FILES) {
      const source = readFileSync(join(FIXTURES, file), 'utf8');
      expect(await oracle.run(source), file).toEqual(expected.get(`${file}:realistic`));
    }
    expect(texts((await oracle.run(GATHER_DONE_TASK)).trace)).toEqual(['gathered\n', 'tick 0\n']);
  });
});
