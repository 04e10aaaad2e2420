/**
 * The version-targeted port (port/version.ts): programs whose output differs between CPython
 * 3.11 and later versions print, on each CPython (the system 3.11 and every embedded build),
 * what that version prints, and on the port set to the same version the same, to the bit.
 * Then a seeded property run per version against its embedded CPython, as `check --oracle
 * cpython-3.X --python-version 3.X` runs it. Each oracle is loaded once for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../compare/check.ts';
import { oracleSide, portSide, runOnOracle } from '../../compare/sides.ts';
import { DEFAULT_BUDGET, type ClockModel, type Program, type RunResult } from '../../ir/program.ts';
import { EMBEDDED_BUILDS } from '../../oracle/embedded/builds.ts';
import { startOracle, type Oracle } from '../../oracle/oracles.ts';
import { setPowBuild } from '../../runtime/libm-build.ts';
import { DEFAULT_PYTHON_VERSION, featuresUnportedAt, floatModuloSaysByZero, gatherSkipsDoneTasks, pythonVersion, pythonVersionOf, setPythonVersion, unifiedZeroDivisionMessages, type PythonVersion } from '../../port/version.ts';
import { PYTHON } from '../_support/python.ts';

const program = (body: string, helpers = ''): string =>
  `import asyncio\n\n\n${helpers}async def main():\n${body
    .trim()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n')}\n\n\nasyncio.run(main())\n`;

const TICKER = `async def ticker():\n    for i in range(4):\n        print('tick', i)\n        await asyncio.sleep(0)\n\n\nasync def quick(n):\n    return n\n\n\n`;

/** Programs whose order or text differs between 3.11 and a later CPython. */
const DIFFERING: Record<string, string> = {
  'gather of a done task': program(
    "t = asyncio.create_task(quick(1))\nawait asyncio.sleep(0)\nasyncio.create_task(ticker())\nv = await asyncio.gather(t)\nprint('gathered', v)",
    TICKER,
  ),
  'gather of two done tasks': program(
    "t = asyncio.create_task(quick(1))\nu = asyncio.create_task(quick(2))\nawait asyncio.sleep(0)\nasyncio.create_task(ticker())\nv = await asyncio.gather(u, t)\nprint('gathered', v)",
    TICKER,
  ),
  'gather of one done task twice': program(
    "t = asyncio.create_task(quick(3))\nawait asyncio.sleep(0)\nasyncio.create_task(ticker())\nv = await asyncio.gather(t, t)\nprint('gathered', v)",
    TICKER,
  ),
  'gather of a cancelled task': program(
    "t = asyncio.create_task(quick(1))\nt.cancel()\nawait asyncio.sleep(0)\nasyncio.create_task(ticker())\nprint('cancelled', t.cancelled())\nv = await asyncio.gather(t)\nprint('gathered', v)",
    TICKER,
  ),
  'int // 0': program("print('main:1', 7 // 0)"),
  'int % 0': program("print('main:1', 7 % 0)"),
  'float // 0': program("print('main:1', 7.5 // 0)"),
  'float % 0': program("print('main:1', 7.5 % 0)"),
  'float / 0': program("print('main:1', 7.5 / 0)"),
  '0.0 ** -1': program("print('main:1', 0.0 ** -1)"),
};

const CLOCKS: ClockModel[] = ['realistic', 'ideal'];

interface Target {
  name: string;
  version: PythonVersion;
  oracle: Oracle;
  /** Each program as this oracle's importer read it. */
  programs: Map<string, Program>;
}

const targets: Target[] = [];

beforeAll(async () => {
  const names = [PYTHON, ...EMBEDDED_BUILDS.map((b) => b.name)];
  for (const name of names) {
    const oracle = await startOracle({ oracle: name, workers: 1 });
    const version = pythonVersionOf(oracle.info.version);
    if (version === undefined) throw new Error(`${name} is ${oracle.info.version}: not a version the port targets`);
    const programs = new Map<string, Program>();
    for (const [title, source] of Object.entries(DIFFERING)) programs.set(title, await oracle.importSource(source, 'program.py'));
    targets.push({ name: name === PYTHON ? 'system' : name, version, oracle, programs });
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(targets.map((t) => t.oracle.close()));
  setPythonVersion(undefined);
  setPowBuild(undefined);
});

/** The port as `check --oracle NAME` runs it: that version, and an embedded CPython's pow build. */
async function onPort<T>(target: Target, run: () => Promise<T>): Promise<T> {
  setPythonVersion(target.version);
  setPowBuild(target.name === 'system' ? undefined : 'generic');
  try {
    return await run();
  } finally {
    setPythonVersion(undefined);
    setPowBuild(undefined);
  }
}

async function both(target: Target, title: string, clock: ClockModel): Promise<{ cpython: RunResult; port: RunResult }> {
  const ir = target.programs.get(title) as Program;
  const options = { clock, budget: DEFAULT_BUDGET };
  const cpython = await runOnOracle(target.oracle, ir, options);
  const port = await onPort(target, () => portSide.run(ir, options));
  return { cpython: cpython as RunResult, port: port as RunResult };
}

describe('port/version.ts', () => {
  it('targets 3.11 unless told, and reads a version from sys.version', () => {
    expect(pythonVersion()).toBe(DEFAULT_PYTHON_VERSION);
    expect(pythonVersionOf('3.12.7')).toBe('3.12');
    expect(pythonVersionOf('3.15')).toBe('3.15');
    expect(pythonVersionOf('3.9.18')).toBeUndefined();
    expect(pythonVersionOf('3.1')).toBeUndefined();
    setPythonVersion('3.13');
    expect([pythonVersion(), gatherSkipsDoneTasks(), unifiedZeroDivisionMessages()]).toEqual(['3.13', true, false]);
    expect(floatModuloSaysByZero()).toBe(true);
    setPythonVersion('3.12');
    expect([gatherSkipsDoneTasks(), floatModuloSaysByZero()]).toEqual([true, false]);
    setPythonVersion('3.14');
    expect(unifiedZeroDivisionMessages()).toBe(true);
    setPythonVersion(undefined);
    expect([gatherSkipsDoneTasks(), unifiedZeroDivisionMessages()]).toEqual([false, false]);
  });

  it('has one oracle for each version it targets', () => {
    expect(targets.map((t) => t.version)).toEqual(['3.11', '3.12', '3.13', '3.14', '3.15']);
  });
});

describe.each(Object.keys(DIFFERING))('%s', (title) => {
  it('prints on the port at each version what that CPython prints, both clocks', async () => {
    for (const target of targets) {
      for (const clock of CLOCKS) {
        const { cpython, port } = await both(target, title, clock);
        expect(port, `${target.name} (${target.version}), ${clock}`).toEqual(cpython);
      }
    }
  });

  it('differs between 3.11 and a later CPython (so the switch is needed), and the port at 3.11 does not follow the later one', async () => {
    const [old, ...later] = targets;
    const oldRun = (await both(old, title, 'realistic')).cpython;
    const differing = [];
    for (const target of later) {
      const { cpython } = await both(target, title, 'realistic');
      if (JSON.stringify(cpython) !== JSON.stringify(oldRun)) differing.push(target);
    }
    expect(differing.length).toBeGreaterThan(0);
    for (const target of differing) {
      const wrongVersion = { ...target, version: DEFAULT_PYTHON_VERSION };
      const ir = target.programs.get(title) as Program;
      const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
      const port = await onPort(wrongVersion, () => portSide.run(ir, options));
      expect(port).not.toEqual(await runOnOracle(target.oracle, ir, options));
    }
  });
});

/** Every generated construct on (the defaults plus the ones off by default). */
const EVERY_FEATURE = { features: { gather: true, taskMethods: true, cancel: true } };
/**
 * Oracle against oracle: every feature but those whose asyncio changed after 3.11 on purpose
 * (featuresUnportedAt: wait_for in 3.12, TaskGroup and uncancel in 3.13), so that what differs
 * is the one change these tests name.
 */
const BEFORE_DEADLINE_CHANGES = { features: { ...EVERY_FEATURE.features, ...featuresUnportedAt('3.12') } };

describe.each(EMBEDDED_BUILDS.map((b) => [b.name] as const))('check against %s at its version', (name) => {
  const target = (): Target => targets.find((t) => t.name === name) as Target;

  async function check(seed: number, runs: number, clock: ClockModel) {
    return onPort(target(), () => runCheck({ runs, seed, clock, side: portSide, oracle: target().oracle, constraints: EVERY_FEATURE }));
  }

  it('finds no difference, seed 42, both clocks', async () => {
    for (const clock of CLOCKS) {
      const report = await check(42, 150, clock);
      expect(report.differences, JSON.stringify(report.buckets.map((b) => b.example?.python))).toBe(0);
      expect(report.outcomes.same).toBe(150);
    }
  }, 120_000);

  it('finds no difference, random seed', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`version.test.ts ${name}: seed ${seed}`);
    const report = await check(seed, 150, 'realistic');
    expect(report.differences, `seed ${seed}: ${JSON.stringify(report.buckets.map((b) => b.example?.python))}`).toBe(0);
  }, 120_000);
});

describe('oracle against oracle (check --oracle A --target B)', () => {
  const named = (name: string): Target => targets.find((t) => t.name === name) as Target;

  it('system 3.11 against cpython-3.12: every difference is the gather change, bucketed by its name, seed 42', async () => {
    const report = await runCheck({ runs: 1500, seed: 42, clock: 'realistic', side: oracleSide('cpython-3.12', named('cpython-3.12').oracle), oracle: named('system').oracle, constraints: BEFORE_DEADLINE_CHANGES });
    expect(report.target).toBe('cpython-3.12');
    expect(report.differences).toBeGreaterThan(0);
    expect(report.buckets.map((b) => b.name)).toEqual(['gather-done-child']);
    expect(report.buckets[0].example.python).toContain('asyncio.gather(');
  }, 120_000);

  it('cpython-3.12 against cpython-3.13: no difference, both clocks, seed 42', async () => {
    for (const clock of CLOCKS) {
      const report = await runCheck({ runs: 300, seed: 42, clock, side: oracleSide('cpython-3.13', named('cpython-3.13').oracle), oracle: named('cpython-3.12').oracle, constraints: BEFORE_DEADLINE_CHANGES });
      expect(report.differences).toBe(0);
      expect(report.outcomes.same).toBe(300);
    }
  }, 120_000);
});
