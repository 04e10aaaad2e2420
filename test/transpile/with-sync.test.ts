/**
 * `with` / `async with`, asyncio's synchronisation primitives, queues, timeouts, TaskGroup and
 * `except*` through the whole pipeline (issue 9): programs read by the importer print on the
 * port what `python3 FILE` prints (stdout, exit code, the traceback's last line), agree with
 * CPython under the ideal clock too, and run on the native profile without a harness failure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeSide, portSide, runOnOracle } from '../../compare/sides.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { validateProgram } from '../../ir/validate.ts';
import { withExcInfo, withManager } from '../../runtime/with.ts';
import { ValueError } from '../../runtime/exceptions.ts';
import { observable } from '../_support/observable.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { withMutation, type Mutations } from '../../port/_mutations.ts';
import { cliInProcess, python } from '../cli/_cli.ts';

const DIR = new URL('./sync-programs/', import.meta.url).pathname;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

/** The last non-empty line of a traceback (or of the tool's stderr). */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

/**
 * What the port's last line must match in python3's stderr: the last line itself, or, for an
 * ExceptionGroup (whose traceback ends in a box of its sub-exceptions), the group's own line.
 */
function expectSameLastLine(port: string, real: string): void {
  const line = lastLine(port);
  if (line.startsWith('ExceptionGroup:') || line.startsWith('BaseExceptionGroup:')) expect(real.split('\n')).toContain(`  | ${line}`);
  else expect(line).toBe(lastLine(real));
}

describe('sync programs print on the port what python3 prints', () => {
  it('there are programs for locks, queues, timeouts, task groups and the protocol errors', () => {
    expect(FILES).toEqual(['locks.py', 'queues.py', 'taskgroups.py', 'timeouts.py', 'with-errors.py']);
  });

  it.each(FILES)('%s', async (name) => {
    const file = join(DIR, name);
    const [real, port] = await Promise.all([python(file), cliInProcess(['run', file, '--target', 'port'])]);
    expect(port.stdout).toBe(real.stdout);
    expect(port.exitCode).toBe(real.exitCode);
    if (real.exitCode === 0) expect(port.stderr).toBe('');
    else expectSameLastLine(port.stderr, real.stderr);
  }, 30_000);

  it.each(FILES)('%s: the port agrees with CPython under the ideal clock', async (name) => {
    const oracle = await sharedOracle();
    const program = await oracle.importSource(readFileSync(join(DIR, name), 'utf8'), name);
    const options = { clock: 'ideal' as const, budget: DEFAULT_BUDGET };
    const [expected, actual] = await Promise.all([runOnOracle(oracle, program, options), portSide.run(program, options)]);
    if (!('trace' in expected) || !('trace' in actual)) throw new Error(`a side failed: ${JSON.stringify([expected, actual])}`);
    expect(actual.trace).toEqual(expected.trace);
    expect(actual.outcome).toEqual(expected.outcome);
  }, 30_000);

  it.each(FILES)('%s runs on the native profile without a harness failure', async (name) => {
    const program = await (await sharedOracle()).importSource(readFileSync(join(DIR, name), 'utf8'), name);
    const r = await nativeSide.run(program, { clock: 'realistic', budget: DEFAULT_BUDGET });
    expect('trace' in r ? r.outcome.kind : JSON.stringify(r)).toMatch(/^(ok|exception|deadlock)$/);
  });
});

describe('the mutation tests catch a simplified port through imported programs too', () => {
  it.each<keyof Mutations>(['lockBarging', 'notifyWakesAll', 'taskGroupNoSiblingCancel'])('%s', async (mutation) => {
    const oracle = await sharedOracle();
    const differing: string[] = [];
    for (const name of FILES) {
      const program = await oracle.importSource(readFileSync(join(DIR, name), 'utf8'), name);
      const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
      const expected = await runOnOracle(oracle, program, options);
      const actual = await withMutation(mutation, () => portSide.run(program, options));
      if (JSON.stringify(observable(actual)) !== JSON.stringify(observable(expected))) differing.push(name);
    }
    console.log(`${mutation}: caught by ${differing.join(', ')}`);
    expect(differing.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('the IR of a with statement', () => {
  it('prints back as the source wrote it, each item with its target, and validates', async () => {
    const source = 'import asyncio\n\nasync def main():\n    lock = asyncio.Lock()\n    async with lock, asyncio.Semaphore(2) as (s):\n        pass\n    try:\n        pass\n    except* (ValueError, KeyError) as eg:\n        print(eg.exceptions)\n\nasyncio.run(main())\n';
    const program = await (await sharedOracle()).importSource(source, 'prog.py');
    expect(() => validateProgram(program)).not.toThrow();
    const printed = printPython(program);
    expect(printed).toContain('    async with lock, asyncio.Semaphore(2) as s:\n');
    expect(printed).toContain('    except* (ValueError, KeyError) as eg:\n');
  });

  it('validation refuses an empty with and an except* handler that returns', () => {
    const empty = { functions: [{ name: 'f', isAsync: true, params: [], body: [{ kind: 'with', isAsync: true, items: [], body: [] }] }], body: [] };
    expect(() => validateProgram(empty)).toThrow(/at least one item/);
    const star = {
      functions: [{ name: 'f', isAsync: true, params: [], body: [{ kind: 'try', star: true, body: [], handlers: [{ type: { kind: 'excClass', name: 'ValueError' }, body: [{ kind: 'return' }] }], orelse: [], finalbody: [] }] }],
      body: [],
    };
    expect(() => validateProgram(star)).toThrow(/cannot appear in an except\* block/);
  });
});

describe('runtime/with.ts: the protocol as CPython 3.11 looks it up', () => {
  it('a true __exit__ result is what the emitted code treats as suppression; exc_info is (type, value, None)', () => {
    const calls: unknown[][] = [];
    const manager = { __enter__: () => 'entered', __exit__: (...args: unknown[]) => (calls.push(args), true) };
    const m = withManager(manager, false);
    expect(m.enter()).toBe('entered');
    const error = new ValueError('x');
    expect(m.exit(...withExcInfo(error))).toBe(true);
    expect(calls).toEqual([[ValueError, error, null]]);
  });

  it('a missing __exit__ / __aexit__ is the TypeError naming the missed method; a JS error passes untouched', () => {
    expect(() => withManager({ __enter__: () => null } as never, false)).toThrow("'Object' object does not support the context manager protocol (missed __exit__ method)");
    expect(() => withManager({ __aenter__: () => null } as never, true)).toThrow('asynchronous context manager protocol (missed __aexit__ method)');
    const jsError = new RangeError('harness');
    expect(() => withExcInfo(jsError)).toThrow(jsError);
  });
});

describe('what stays out is refused with file:line:col and a hint', () => {
  it.each([
    ['streams', 'async def main():\n    await asyncio.open_connection("h", 1)\n', '4:11: unsupported call of asyncio.open_connection (streams and sockets are outside the subset)'],
    ['subprocesses', 'async def main():\n    await asyncio.create_subprocess_exec("ls")\n', '4:11: unsupported call of asyncio.create_subprocess_exec (subprocesses are outside the subset)'],
    ['threads', 'def f():\n    pass\n\nasync def main():\n    await asyncio.to_thread(f)\n', '7:11: unsupported call of asyncio.to_thread (threads and executors are outside the subset)'],
    ['a constructor with too many arguments', 'async def main():\n    asyncio.Lock(1)\n', '4:5: unsupported asyncio.Lock with 1 arguments (it takes at most 0)'],
    ['async with in a plain def', 'def f(lock):\n    async with lock:\n        pass\n', '4:5: unsupported async with outside an async function'],
    ['continue in except*', 'async def main():\n    for i in range(2):\n        try:\n            pass\n        except* ValueError:\n            continue\n', '8:13: unsupported continue in an except* block'],
  ])('%s', async (label, body, where) => {
    const refusal = await (await sharedOracle()).importSource(`import asyncio\n\n${body}`, 'prog.py').then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    expect(refusal, label).toContain(`prog.py:${where}`);
  });
});
