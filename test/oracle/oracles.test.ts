/**
 * Oracles by name (oracle/oracles.ts): the names, the pure-Python Task of the system CPython
 * (CPython promises it behaves as the C one: checked on generated programs), PyPy, and an
 * installed CPython chosen by version. Real interpreters throughout (PyPy: `apt-get install
 * pypy3`, which .ci/run does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { programArbitrary } from '../../generators/index.ts';
import type { ProgramConstraints } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import { observable } from '../_support/observable.ts';
import { EMBEDDED_BUILDS } from '../../oracle/embedded/builds.ts';
import { parseOracleName, startOracle, type Oracle } from '../../oracle/oracles.ts';
import { cliInProcess } from '../cli/_cli.ts';
import { FIXTURES, PYTHON, runRealPython } from './helpers.ts';

const FIXTURE_FILES = readdirSync(FIXTURES).filter((f) => f.endsWith('.py')).sort();
const PY_TASK_LAUNCHER = fileURLToPath(new URL('../../oracle/embedded/launch_py_task_worker.py', import.meta.url));

/** Every construct the generator knows, gather, task methods and cancel included. */
const ALL_FEATURES: ProgramConstraints = { features: { gather: true, taskMethods: true, cancel: true } };

describe('parseOracleName', () => {
  it('knows system, the embedded builds, other CPython versions, pypy, paths, and /py-task on each', () => {
    expect(parseOracleName('system')).toEqual({ kind: 'system', pythonTasks: false });
    for (const build of EMBEDDED_BUILDS) expect(parseOracleName(build.name)).toEqual({ kind: 'embedded', build, pythonTasks: false });
    expect(parseOracleName('cpython-3.12/py-task')).toMatchObject({ kind: 'embedded', pythonTasks: true });
    expect(parseOracleName('cpython-3.11/py-task')).toEqual({ kind: 'versioned', version: '3.11', pythonTasks: true });
    expect(parseOracleName('pypy')).toEqual({ kind: 'pypy', pythonTasks: false });
    expect(parseOracleName('/usr/bin/python3.11')).toEqual({ kind: 'path', path: '/usr/bin/python3.11', pythonTasks: false });
    expect(parseOracleName('./py/python3/py-task')).toEqual({ kind: 'path', path: './py/python3', pythonTasks: true });
  });

  it('refuses anything else, saying what it accepts', () => {
    for (const bad of ['', 'python3', 'cpython', 'cpython-4', 'jython', 'system/c-task', 'cpython-3.12/pytask']) {
      expect(() => parseOracleName(bad), bad).toThrow(/unknown oracle .*expected system \(default\), cpython-3\.12/);
    }
  });
});

describe('the launcher of the pure-Python Task', () => {
  it('blocks _asyncio: asyncio.Task and Future are the Python classes', async () => {
    const code = `import runpy; runpy.run_path(${JSON.stringify(PY_TASK_LAUNCHER)}); import asyncio; print(asyncio.Task.__module__, asyncio.Future.__module__)`;
    expect((await execa(PYTHON, ['-I', '-c', code])).stdout).toBe('asyncio.tasks asyncio.futures');
  });

  it('refuses to start when asyncio was already imported with the C Task', async () => {
    const code = `import asyncio, runpy; runpy.run_path(${JSON.stringify(PY_TASK_LAUNCHER)})`;
    const r = await execa(PYTHON, ['-I', '-c', code], { reject: false });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/imported with the C Task/);
  });
});

describe('system/py-task against system (C Task)', () => {
  let cTask: Oracle;
  let pyTask: Oracle;
  beforeAll(async () => {
    [cTask, pyTask] = await Promise.all([startOracle({ python: PYTHON, workers: 1 }), startOracle({ oracle: 'system/py-task', python: PYTHON, workers: 1 })]);
  });
  afterAll(() => Promise.all([cTask?.close(), pyTask?.close()]));

  it('says which Task it runs', () => {
    expect(cTask.info.implementation).toBe('CPython');
    expect(pyTask.info).toEqual({ ...cTask.info, implementation: 'CPython/py-task' });
  });

  const sameRun = fc.asyncProperty(programArbitrary(ALL_FEATURES), fc.constantFrom('realistic' as const, 'ideal' as const), async (program, clock) => {
    const source = printPython(program);
    const [c, py] = await Promise.all([cTask.run(source, { clock }), pyTask.run(source, { clock })]);
    // All a program shows: the Python Task's reference cycles keep other finished async generators in the loop's
    // WeakSet until shutdown_asyncgens than the C Task's (observable.ts).
    expect(observable(py), source).toEqual(observable(c));
  });

  it('prints the same, at the same virtual times, on 300 generated programs (seed 42, every feature)', async () => {
    await fc.assert(sameRun, { seed: 42, numRuns: 300 });
  });

  it('prints the same on 200 more (random seed, printed)', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`system/py-task property seed: ${seed}`);
    await fc.assert(sameRun, { seed, numRuns: 200 });
  });
});

describe('pypy (PyPy 3.9)', () => {
  let system: Oracle;
  let pypy: Oracle;
  beforeAll(async () => {
    [system, pypy] = await Promise.all([startOracle({ python: PYTHON, workers: 1 }), startOracle({ oracle: 'pypy', workers: 1 })]);
  });
  afterAll(() => Promise.all([system?.close(), pypy?.close()]));

  it('is PyPy, Python 3.9', () => {
    expect(pypy.info.implementation).toBe('pypy');
    expect(pypy.info.version).toMatch(/^3\.9\./);
  });

  it('prints what CPython 3.11 prints on every tutorial fixture, both clocks (3.9 and 3.11 order alike)', async () => {
    for (const file of FIXTURE_FILES) {
      const source = readFileSync(join(FIXTURES, file), 'utf8');
      for (const clock of ['realistic', 'ideal'] as const) {
        expect(await pypy.run(source, { clock }), `${file} (${clock})`).toEqual(await system.run(source, { clock }));
      }
    }
  });
});

describe('cpython-3.11 (an installed CPython by version)', () => {
  it('finds python3.11 and runs it', async () => {
    const oracle = await startOracle({ oracle: 'cpython-3.11', workers: 1 });
    try {
      expect(oracle.info.version).toMatch(/^3\.11\./);
      expect((await oracle.run("print('hi')\n")).trace.map((t) => t.text)).toEqual(['hi\n']);
    } finally {
      await oracle.close();
    }
  });

  it('says which versions exist when the one asked for does not', async () => {
    await expect(startOracle({ oracle: 'cpython-3.99' })).rejects.toThrow(/no CPython 3\.99 here: python3\.99 is not on PATH.*Embedded builds: cpython-3\.12/);
  });
});

describe('--oracle on the commands that run CPython', () => {
  const seedTutorial = join(FIXTURES, 'seed_tutorial.py');

  it('run --target cpython --oracle pypy prints what python3 prints', async () => {
    const r = await cliInProcess(['run', seedTutorial, '--oracle', 'pypy']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe((await runRealPython(seedTutorial)).stdout);
  });

  it('check --oracle system/py-task compares the port with the pure-Python Task', async () => {
    const r = await cliInProcess(['check', '--runs', '20', '--seed', '42', '--oracle', 'system/py-task', '--workers', '1']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/20 programs, seed 42, target port, clock realistic, CPython\/py-task 3\.11\.\d+/);
  });

  it('compare and corpus take it too', async () => {
    const compared = await cliInProcess(['compare', seedTutorial, '--oracle', 'pypy']);
    expect(compared.exitCode, compared.stderr).toBe(0);
    expect(compared.stdout).toMatch(/pypy 3\.9\.\d+/);
    const corpus = await cliInProcess(['corpus', '--oracle', 'system/py-task']);
    expect(corpus.exitCode, corpus.stderr).toBe(0);
    expect(corpus.stdout).toMatch(/(\d+) of \1 corpus files agree/);
  });

  it('refuses an unknown name, and --oracle with --python (exit 2, saying why)', async () => {
    const unknown = await cliInProcess(['run', seedTutorial, '--oracle', 'jython']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/unknown oracle "jython": expected system \(default\)/);
    const both = await cliInProcess(['run', seedTutorial, '--oracle', 'pypy', '--python', PYTHON]);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/--oracle.*cannot be used with.*--python/);
  });
});
