import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import { nativeSide } from '../../compare/sides.ts';
import { DEFAULT_BUDGET, type Program, type RunResult } from '../../ir/program.ts';
import { executeNative, type NativeProgram } from '../../native/index.ts';
import { BaseException } from '../../runtime/exceptions.ts';
import { NativeTranspileError, compileForNative, transpile } from '../../transpile/index.ts';
import { adef, aio, aw, call, expr, print, program, set, str, float, int, name } from './_ir.ts';
import { PROGRAMS } from './_programs.ts';

/** What `check --target native` generates: the features the native side supports (compare/sides.ts nativeSide.features). */
const NATIVE_FEATURES = { features: { ...nativeSide.features } };
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const NATIVE_INDEX = fileURLToPath(new URL('../../native/index.ts', import.meta.url));
const PYTHON_INDEX = fileURLToPath(new URL('../../runtime/index.ts', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'native-emit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const texts = (r: RunResult): string[] => r.trace.map((e) => e.text).join('').split('\n').filter((l) => l !== '');

/** Names only JavaScript throws; a Python program on runtime cannot raise them. */
const JS_ONLY = new Set(['ReferenceError', 'SyntaxError', 'RangeError', 'EvalError', 'URIError']);
/** What V8 says when emitted code is wrong (a Python TypeError never reads like this). */
const JS_TYPE_ERROR = /is not a function|is not iterable|Cannot read properties|Cannot set properties|is not a constructor|before initialization/;

/**
 * Runs the native profile of `p` under `executeNative`. An error escaping the module body
 * that is not a Python exception, or an outcome only JavaScript produces, is the emitter's
 * bug and is returned as `jsError`; Python exceptions and other orders are results.
 */
async function runNative(p: Program): Promise<{ result: RunResult; jsError: string | null }> {
  return runWatched(compileForNative(p).program);
}

async function runWatched(program: NativeProgram): Promise<{ result: RunResult; jsError: string | null }> {
  let jsError: string | null = null;
  const watched: NativeProgram = (rt) =>
    program(rt).catch((error: unknown) => {
      if (!(error instanceof BaseException)) jsError = String(error);
      throw error;
    });
  const result = await executeNative(watched, { budget: DEFAULT_BUDGET });
  const o = result.outcome;
  if (o.kind === 'exception' && (JS_ONLY.has(o.type) || (o.type === 'TypeError' && JS_TYPE_ERROR.test(o.message)))) {
    jsError ??= `${o.type}: ${o.message}`;
  }
  return { result, jsError };
}

async function jsErrorsOf(programs: Program[]): Promise<string[]> {
  const errors: string[] = [];
  for (const [k, p] of programs.entries()) {
    const { jsError } = await runNative(p);
    if (jsError) errors.push(`program ${k}: ${jsError}\n${transpile(p, { profile: 'native' })}`);
  }
  return errors;
}

/** tasksAndGather without its one line that names current_task/all_tasks. */
function withoutCurrentTask(p: Program): Program {
  const mentions = (s: unknown): boolean => JSON.stringify(s).includes('"current_task"');
  return { ...p, functions: p.functions.map((f) => ({ ...f, body: f.body.filter((s) => !mentions(s)) })) };
}

const seedTutorial = program([
  adef('other', [], [print(str('text')), expr(aw(aio('sleep', [int(1)]))), print(str('done sleeping'))]),
  adef('main', [], [print(str('shav')), expr(aio('create_task', [call('other')])), print(str('finished'))]),
]);

const neverAwaited = program([
  adef('work', [], [print(str('work runs'))]),
  adef('main', [], [
    set('c', call('work')),
    print(str('made a coroutine')),
    expr(aw(aio('sleep', [int(0)]))),
    print(str('main done')),
  ]),
]);

describe('the native profile', () => {
  it('tells a JavaScript error from a Python exception (the crash check can fail)', async () => {
    const broken = await runWatched(async () => (null as unknown as { x(): void }).x());
    expect(broken.jsError).toMatch(/TypeError: Cannot read properties of null/);
    const unhandled = await runWatched(async () => void Promise.reject(new TypeError('f is not a function')));
    expect(unhandled.jsError).toBe('TypeError: f is not a function');
    const python = await runNative(PROGRAMS.escapesIndexError);
    expect(python.jsError).toBeNull();
    expect(python.result.outcome).toEqual({ kind: 'exception', type: 'IndexError', message: 'list index out of range' });
  });

  it('runs every hand-built program without a JavaScript error', async () => {
    const runnable = Object.entries(PROGRAMS).filter(([label]) => label !== 'tasksAndGather');
    expect(runnable.length).toBe(11);
    const programs = [...runnable.map(([, p]) => p), withoutCurrentTask(PROGRAMS.tasksAndGather)];
    expect(await jsErrorsOf(programs)).toEqual([]);
    const tasks = await runNative(withoutCurrentTask(PROGRAMS.tasksAndGather));
    // Eager start: the coroutine body runs when it is called, before the next print.
    expect(texts(tasks.result).slice(0, 3)).toEqual(['start lazy', 'created, not started', 'end lazy']);
    expect(texts(tasks.result)).toContain("[ZeroDivisionError('integer division or modulo by zero'), 'slept']");
  });

  it('refuses asyncio.current_task and all_tasks with a clear error', () => {
    expect(() => transpile(PROGRAMS.tasksAndGather, { profile: 'native' })).toThrow(NativeTranspileError);
    expect(() => compileForNative(PROGRAMS.tasksAndGather)).toThrow('native profile: asyncio.current_task has no promise counterpart');
    const allTasks = program([adef('main', [], [print(aio('all_tasks'))])]);
    expect(() => transpile(allTasks, { profile: 'native' })).toThrow('native profile: asyncio.all_tasks has no promise counterpart');
  });

  it('runs 200 generated programs (seed 42) without a JavaScript error', async () => {
    expect(await jsErrorsOf(samplePrograms({ seed: 42, count: 200, constraints: NATIVE_FEATURES }))).toEqual([]);
  });

  it('runs generated programs without a JavaScript error, random seed', async () => {
    const seed = Date.now() % 1_000_000;
    console.log(`native profile: random seed ${seed}`);
    expect(await jsErrorsOf(samplePrograms({ seed, count: 60, constraints: NATIVE_FEATURES }))).toEqual([]);
  });

  it('starts a task at once and keeps it after main (the seed tutorial)', async () => {
    const { result, jsError } = await runNative(seedTutorial);
    expect(jsError).toBeNull();
    expect(texts(result)).toEqual(['shav', 'text', 'finished', 'done sleeping']);
    expect(result.trace.map((e) => e.time)).toEqual([0, 0, 0, 1]);
    expect(result.outcome).toEqual({ kind: 'ok' });
  });

  it('runs the body of a coroutine nobody awaits', async () => {
    const { result } = await runNative(neverAwaited);
    expect(texts(result)).toEqual(['work runs', 'made a coroutine', 'main done']);
  });

  it('writes the mapping of native/README.md', () => {
    const gathering = program([
      adef('f', ['x'], [expr(aw(aio('sleep', [float(0.5)]))), { kind: 'return', value: name('x') }]),
      adef('main', [], [
        set('t', aio('create_task', [call('f', [int(1)])])),
        print(aw(aio('gather', [call('f', [int(2)]), name('t')]))),
        print(aw(aio('gather', [call('f', [int(3)])], { return_exceptions: { kind: 'bool', value: true } }))),
      ]),
    ]);
    const ts = transpile(gathering, { profile: 'native' });
    expect(ts).toContain('async function f(x: bigint): Promise<bigint> {');
    expect(ts).toContain('await sleep(0.5);');
    expect(ts).toContain('t = task(f(1n));');
    expect(ts).toContain('print(await (Promise.all([f(2n), t]) as Promise<PyValue[]>));');
    expect(ts).toContain('Promise.allSettled([f(3n)])');
    expect(ts).toMatch(/\nexport default \(async \(\): Promise<void> => \{\n  await main\(\);\n\}\)\(\);\n$/);
    expect(ts).not.toMatch(/asyncio/);
  });
});

describe('a native file runs standalone (real timers) as executeNative runs it', () => {
  const cases: Record<string, Program> = {
    seedTutorial,
    neverAwaited,
    tasksAndGather: withoutCurrentTask(PROGRAMS.tasksAndGather),
    escapesFromTask: PROGRAMS.escapesFromTask,
  };
  for (const [label, p] of Object.entries(cases)) {
    it(label, async () => {
      const file = join(work, `${label}.mts`);
      writeFileSync(file, transpile(p, { profile: 'native', importFrom: { port: '', python: PYTHON_INDEX, native: NATIVE_INDEX } }));
      const node = await execa(TSX, [file], { reject: false });
      const { result } = await runNative(p);
      expect(node.stdout.split('\n').filter((l) => l !== '')).toEqual(texts(result));
      expect(texts(result).length).toBeGreaterThan(0);
      expect(node.exitCode).toBe(result.outcome.kind === 'ok' ? 0 : 1);
    });
  }
});
