import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { transform } from 'sucrase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, type Outcome, type RunResult } from '../../ir/program.ts';
import { executeNative, sleep, type NativeProgram } from '../../native/index.ts';
import { print } from '../../runtime/index.ts';
import { CASES, type NativeCase } from './_programs.ts';

import { PYTHON } from '../_support/python.ts';
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const NATIVE_INDEX = fileURLToPath(new URL('../../native/index.ts', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'native-execute-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (param: string, body: string) => NativeProgram;

/** The case's TS, compiled the way an emitter's output would be: sucrase, then a function of `rt`. */
function compile(ts: string): NativeProgram {
  return new AsyncFunction('rt', transform(ts, { transforms: ['typescript'] }).code);
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const texts = (r: RunResult): string[] => lines(r.trace.map((e) => e.text).join(''));

/** Node's exit code for each outcome: 1 for an uncaught error, 13 for an unsettled top-level await. */
const EXIT_CODE: Partial<Record<Outcome['kind'], number>> = { ok: 0, exception: 1, deadlock: 13 };

/** The case as a standalone file, run by real Node with real timers. */
async function runInNode(c: NativeCase, index: number): Promise<{ stdout: string[]; exitCode: number }> {
  const file = join(work, `case${index}.mts`);
  writeFileSync(file, `import { runtime as rt } from ${JSON.stringify(NATIVE_INDEX)};\n${c.ts}`);
  const r = await execa(TSX, [file], { reject: false });
  return { stdout: lines(r.stdout), exitCode: r.exitCode ?? -1 };
}

async function runInCPython(python: string, index: number): Promise<{ stdout: string[]; exitCode: number; stderr: string }> {
  const file = join(work, `case${index}.py`);
  writeFileSync(file, python);
  const r = await execa(PYTHON, [file], { reject: false });
  return { stdout: lines(r.stdout), exitCode: r.exitCode ?? -1, stderr: r.stderr };
}

/** Runs `jobs` two at a time: the machine has two cores and other work on them. */
async function twoAtATime<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe('executeNative on the virtual clock', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const r = await executeNative(compile(c.ts), { budget: DEFAULT_BUDGET });
      expect(texts(r)).toEqual(c.native);
      expect(r.outcome).toEqual(c.outcome);
      if (c.nativeTimes) expect(r.trace.map((e) => e.time)).toEqual(c.nativeTimes);
      expect(r.trace.every((e) => e.task === null)).toBe(true);
    });
  }

  it('iteration counts the timer callbacks fired before each print', async () => {
    const r = await executeNative(compile(CASES[0].ts), { budget: DEFAULT_BUDGET });
    expect(r.trace.map((e) => e.iteration)).toEqual([0, 0, 0, 1]);
    expect(r).toMatchObject({ iterations: 1, endTime: 1 });
  });

  it('a sleep(0) loop runs out of the iteration budget', async () => {
    const r = await executeNative(compile('while (true) { rt.print("tick"); await rt.sleep(0n); }'), {
      budget: { maxIterations: 50, maxTime: 1000 },
    });
    expect(r.outcome).toEqual({ kind: 'budget', limit: 'iterations' });
    expect(r.iterations).toBe(50);
    expect(r.trace).toHaveLength(51);
    expect(r.endTime).toBe(0.05);
  });

  it('a timer past maxTime stops the run with a time budget, before it fires', async () => {
    const r = await executeNative(compile('await rt.sleep(4n); rt.print("4"); await rt.sleep(2n); rt.print("6");'), {
      budget: { maxIterations: 1000, maxTime: 5 },
    });
    expect(r.outcome).toEqual({ kind: 'budget', limit: 'time' });
    expect(texts(r)).toEqual(['4']);
    expect(r.endTime).toBe(4);
  });
});

describe('a session leaves nothing behind', () => {
  it('restores print, real-timer sleep and the unhandledRejection listeners, even after a crash', async () => {
    const listenersBefore = process.rawListeners('unhandledRejection');
    const crash = CASES.find((c) => c.name.startsWith('a never-awaited call'))!;
    const r = await executeNative(compile(crash.ts), { budget: DEFAULT_BUDGET });
    expect(r.outcome.kind).toBe('exception');
    expect(process.rawListeners('unhandledRejection')).toEqual(listenersBefore);

    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(chunk), true)) as typeof process.stdout.write;
    try {
      print('after the session');
    } finally {
      process.stdout.write = write;
    }
    expect(written).toEqual(['after the session\n']);

    // No session: sleep is Node's real setTimeout, so it really takes its time.
    const started = performance.now();
    await sleep(0.02);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('runs of the same program agree, whatever ran before (task names restart at Task-2)', async () => {
    const program = compile('const t = rt.task(rt.sleep(0.01)); rt.print(t.get_name()); await t; rt.print(t.done(), t.result());');
    const first = await executeNative(program, { budget: DEFAULT_BUDGET });
    await executeNative(compile(CASES[3].ts), { budget: DEFAULT_BUDGET });
    const again = await executeNative(program, { budget: DEFAULT_BUDGET });
    expect(texts(first)).toEqual(['Task-2', 'True None']);
    expect(again).toEqual(first);
  });

  it('refuses a second session while one runs', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = executeNative(() => gate, { budget: DEFAULT_BUDGET });
    await expect(executeNative(async () => {}, { budget: DEFAULT_BUDGET })).rejects.toThrow(/already running/);
    release();
    expect((await running).outcome).toEqual({ kind: 'ok' });
  });

  it("task().result() raises InvalidStateError while pending, the error once rejected", async () => {
    const r = await executeNative(
      compile(`const { task, sleep, print, py } = rt;
const t = task(sleep(0.01));
try { t.result(); } catch (e) { print(e.constructor.name, e.message); }
async function bad() { await sleep(0.001); py.floordiv(1n, 0n); }
const b = task(bad());
await sleep(0.002);
try { b.result(); } catch (e) { print(e.constructor.name, e.message); }`),
      { budget: DEFAULT_BUDGET },
    );
    expect(texts(r)).toEqual(['InvalidStateError Result is not set.', 'ZeroDivisionError integer division or modulo by zero']);
    expect(r.outcome).toEqual({ kind: 'ok' });
  });
});

describe('real Node prints what the virtual run prints', () => {
  let real: Array<{ stdout: string[]; exitCode: number }>;
  beforeAll(async () => {
    real = await twoAtATime(CASES.map((c, i) => () => runInNode(c, i)));
  });
  CASES.forEach((c, i) => {
    it(c.name, async () => {
      const virtual = await executeNative(compile(c.ts), { budget: DEFAULT_BUDGET });
      expect(real[i].stdout).toEqual(texts(virtual));
      expect(real[i].exitCode).toBe(EXIT_CODE[virtual.outcome.kind]);
    });
  });
});

describe('CPython 3.11 prints what the table of differences says', () => {
  const withPython = CASES.filter((c) => c.python !== undefined);
  let cpython: Array<{ stdout: string[]; exitCode: number; stderr: string }>;
  beforeAll(async () => {
    cpython = await twoAtATime(withPython.map((c, i) => () => runInCPython(c.python!, i)));
  });
  withPython.forEach((c, i) => {
    it(c.name, () => {
      expect(cpython[i].stdout).toEqual(c.cpython);
      const outcome = c.cpythonOutcome ?? { kind: 'ok' };
      expect(cpython[i].exitCode).toBe(outcome.kind === 'ok' ? 0 : 1);
      if (outcome.kind === 'exception') expect(cpython[i].stderr).toContain(`${outcome.type}: ${outcome.message}`);
    });
  });
});
