/**
 * The default exception handler's messages on stderr (BaseEventLoop.default_exception_handler,
 * Future.__del__, Handle._run): "Task exception was never retrieved", "Future exception was
 * never retrieved", "Exception in callback ...". `run --target port` writes what `python3 FILE`
 * writes, but for the traceback body, which names CPython's own frames (README, Known limits);
 * and the rule of when the port "collects" a future (BaseEventLoop._collect_unretrieved).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as asyncio from '../../port/index.ts';
import { ValueError } from '../../runtime/exceptions.ts';
import { cliInProcess, python, ROOT } from '../cli/_cli.ts';
import { expectNativeRuns } from '../_support/program-files.ts';
import { withoutTracebackBody } from '../_support/stderr.ts';

const { coroutine, aw, sleep } = asyncio;

/** A TimerHandle's repr shows its deadline: python3's real monotonic clock, the port's virtual one. */
const maskDeadlines = (text: string): string => text.replace(/when=[0-9.e+-]+/g, 'when=<t>');

const PROGRAMS = [
  join(ROOT, 'test/published/never_retrieved.py'),
  ...readdirSync(join(ROOT, 'test/port/exception_handler'))
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => join(ROOT, 'test/port/exception_handler', f)),
];

describe('withoutTracebackBody', () => {
  it('drops the frames of each traceback and keeps the message and exception lines', () => {
    const stderr = [
      'Task exception was never retrieved',
      "future: <Task finished name='Task-2' coro=<bug() done, defined at /p.py:4> exception=ValueError('x')>",
      'Traceback (most recent call last):',
      '  File "/p.py", line 5, in bug',
      '    raise ValueError("x")',
      'ValueError: x',
      'Future exception was never retrieved',
      "future: <Future finished exception=KeyError('f')>",
      "KeyError: 'f'",
      '',
    ].join('\n');
    expect(withoutTracebackBody(stderr)).toBe(
      [stderr.split('\n').slice(0, 2), stderr.split('\n').slice(5)].flat().join('\n'),
    );
  });
});

describe('run --target port writes the default exception handler messages python3 writes', () => {
  it.each(PROGRAMS.map((file) => [file.slice(ROOT.length), file]))('%s', async (_name, file) => {
    const [real, port] = await Promise.all([python(file), cliInProcess(['run', file, '--target', 'port'])]);
    expect(real.stderr).toMatch(/never retrieved|Exception in callback/); // each program logs something
    expect(port.stdout).toBe(real.stdout);
    expect(port.exitCode).toBe(real.exitCode);
    expect(maskDeadlines(port.stderr)).toBe(maskDeadlines(withoutTracebackBody(real.stderr)));
  }, 60_000);
});

describe('the native profile runs them', () => {
  // A callback that raises ends a Node program (an uncaught exception): an `exception` outcome, never a harness failure.
  it.each(PROGRAMS.map((file) => [file.slice(ROOT.length), file]))('%s', async (_name, file) => {
    await expectNativeRuns(file, 'realistic');
  }, 60_000);
});

/** Runs `main` with asyncio.run on a virtual-clock loop; returns the policy (its loops' logged errors). */
async function runLogged(main: asyncio.Coroutine<unknown>): Promise<asyncio.VirtualClockPolicy> {
  const policy = new asyncio.VirtualClockPolicy({ clock: 'ideal' });
  asyncio.set_event_loop_policy(policy);
  try {
    await asyncio.run(main);
  } finally {
    asyncio.set_event_loop_policy(null);
  }
  return policy;
}

const fail = coroutine('fail', async (label: string) => {
  throw new ValueError(label);
});

describe('when the port collects a future (BaseEventLoop._collect_unretrieved)', () => {
  it('logs when the loop closes, not while the program could still retrieve the exception', async () => {
    let seenInMain: string[] | null = null;
    const policy = await runLogged(
      coroutine('main', async () => {
        asyncio.create_task(fail('late'));
        await aw(sleep(0.1));
        seenInMain = [...(asyncio.get_running_loop() as asyncio.VirtualClockEventLoop).loggedErrors];
      })(),
    );
    expect(seenInMain).toEqual([]);
    expect(policy.loggedErrors).toHaveLength(1);
    expect(policy.loggedErrors[0]).toMatch(/^Task exception was never retrieved\nfuture: <Task finished name='Task-\d+' coro=<fail\(\)> exception=ValueError\('late'\)>\nValueError: late$/);
  });

  it('a task the program dropped where it made it (`_discarded`) is logged right after the step that failed it', async () => {
    let seenInMain: string[] | null = null;
    const policy = await runLogged(
      coroutine('main', async () => {
        asyncio._discarded(asyncio.create_task(fail('dropped')));
        asyncio.create_task(fail('held')); // not marked: as if a variable held it
        await aw(sleep(0));
        seenInMain = [...(asyncio.get_running_loop() as asyncio.VirtualClockEventLoop).loggedErrors];
      })(),
    );
    expect(seenInMain).toHaveLength(1);
    expect(seenInMain![0]).toMatch(/ValueError: dropped$/);
    expect(policy.loggedErrors.map((text) => text.split('\n').at(-1))).toEqual(['ValueError: dropped', 'ValueError: held']);
  });

  it('in the order the exceptions were set, whatever the order the futures were made in', async () => {
    const policy = await runLogged(
      coroutine('main', async () => {
        const loop = asyncio.get_running_loop();
        const first = loop.create_future();
        const second = loop.create_future();
        second.set_exception(new ValueError('second made, set first'));
        first.set_exception(new ValueError('first made, set second'));
        await aw(sleep(0));
      })(),
    );
    expect(policy.loggedErrors.map((text) => text.split('\n').at(-1))).toEqual(['ValueError: second made, set first', 'ValueError: first made, set second']);
  });

  it('a loop the program never closes is collected when the program ends (atExit)', async () => {
    const policy = new asyncio.VirtualClockPolicy({ clock: 'ideal' });
    const loop = policy.new_event_loop();
    loop.create_future().set_exception(new ValueError('never closed'));
    expect(policy.loggedErrors).toEqual([]);
    policy.atExit();
    expect(policy.loggedErrors).toEqual(["Future exception was never retrieved\nfuture: <Future finished exception=ValueError('never closed')>\nValueError: never closed"]);
    policy.atExit(); // collected once
    expect(policy.loggedErrors).toHaveLength(1);
  });

  it('_log_traceback can only be set to False (futures.py)', () => {
    const loop = new asyncio.VirtualClockPolicy({ clock: 'ideal' }).new_event_loop();
    const fut = loop.create_future();
    fut.set_exception(new ValueError('x'));
    expect(fut._log_traceback).toBe(true);
    expect(() => (fut._log_traceback = true)).toThrow('_log_traceback can only be set to False');
    fut._log_traceback = false;
    loop.close();
    expect((loop as asyncio.VirtualClockEventLoop).loggedErrors).toEqual([]);
  });
});
