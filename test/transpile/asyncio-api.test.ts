/**
 * Tasks, futures, callbacks and the loop API through the whole pipeline (issue 9): wait_for,
 * wait, shield, as_completed, ensure_future, gather(return_exceptions), Task and Future
 * methods, InvalidStateError, call_soon/call_later/call_at, the old loop API and Runner.
 * `run --target port` prints what `python3 FILE` prints, with the same exit code and the
 * traceback's last line on stderr; the native profile runs them without a harness failure;
 * what stays out (threads, executors, streams) is refused with file:line:col and a hint.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNativeRuns, expectPortPrintsAsPython3 } from '../_support/program-files.ts';
import { cliInProcess, python, writeProgram } from '../cli/_cli.ts';

const DIR = new URL('./asyncio-api-programs/', import.meta.url).pathname;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

describe('asyncio API programs print on the port what python3 prints', () => {
  it('there are programs for each part: tasks, wait, as_completed, futures, the loop API, its exception handler, print as a callback, Runner, an uncaught timeout', () => {
    expect(FILES).toEqual(['as_completed.py', 'exception-handler.py', 'futures.py', 'loop.py', 'print-as-callback.py', 'runner.py', 'tasks.py', 'uncaught.py', 'wait.py']);
  });

  it.each(FILES)('%s', async (name) => {
    await expectPortPrintsAsPython3(join(DIR, name));
  });

  it.each(FILES)('%s runs on the native profile without a harness failure', async (name) => {
    await expectNativeRuns(join(DIR, name), 'realistic', /^(ok|exception|deadlock)$/);
  });
});

describe('the old loop API outside a running loop (port only: plain promises have no all_tasks)', () => {
  it('ensure_future, loop.create_task, run_forever stopped by a callback, all_tasks(loop), run_until_complete(gather)', async () => {
    const file = writeProgram(
      'api-loop-all-tasks.py',
      'import asyncio\n\nasync def worker(name, d):\n    await asyncio.sleep(d)\n    print(name, "done")\n\ndef stopper(loop):\n    print("stopping")\n    loop.stop()\n\nloop = asyncio.get_event_loop()\nasyncio.ensure_future(worker("a", 0.02))\nloop.create_task(worker("b", 0.01))\nloop.call_later(0.05, stopper, loop)\nloop.run_forever()\nprint(len(asyncio.all_tasks(loop)))\nloop.run_until_complete(asyncio.gather(worker("c", 0.01), worker("d", 0.02)))\nloop.close()\n',
    );
    const [real, port] = await Promise.all([python(file), cliInProcess(['run', file, '--target', 'port'])]);
    expect(real.stdout).toBe('b done\na done\nstopping\n0\nc done\nd done\n');
    expect(port).toEqual({ stdout: real.stdout, stderr: '', exitCode: 0 });
  });
});

describe('what CPython orders by address is refused when the program looks at it', () => {
  it('iterating a set of several tasks from asyncio.wait: exit 2, naming the cause', async () => {
    const file = writeProgram(
      'api-wait-iterate.py',
      'import asyncio\n\nasync def f(x):\n    await asyncio.sleep(x)\n    return x\n\nasync def main():\n    done, _ = await asyncio.wait([asyncio.create_task(f(0.01)), asyncio.create_task(f(0.02))])\n    for t in done:\n        print(t.result())\n\nasyncio.run(main())\n',
    );
    const r = await cliInProcess(['run', file, '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:9:5: unsupported hash of None or an object (a task) in a set that is iterated (CPython 3.11 hashes it by address`);
  });
});

describe('refused with file:line:col and a hint', () => {
  const main = (body: string): string => `import asyncio\n\nasync def main():\n${body}\n\nasyncio.run(main())\n`;
  it.each([
    ['a thread', main('    await asyncio.to_thread(main)'), '4:11: unsupported call of asyncio.to_thread (threads and executors are outside the subset)'],
    ['an executor', main('    loop = asyncio.get_running_loop()\n    await loop.run_in_executor(None, main)'), '5:11: unsupported method .run_in_executor() (executors and threads are outside the subset)'],
    ['a stream', main('    r, w = await asyncio.open_connection("localhost", 80)'), '4:18: unsupported call of asyncio.open_connection (streams and sockets are outside the subset)'],
    ['a subprocess', main('    p = await asyncio.create_subprocess_exec("ls")'), '4:15: unsupported call of asyncio.create_subprocess_exec (subprocesses are outside the subset)'],
    ['wait_for without its timeout', main('    await asyncio.wait_for(asyncio.sleep(1))'), '4:11: unsupported asyncio.wait_for with 1 arguments (it takes 2)'],
    [
      'an exception handler called for a task freed by the garbage collector (at run time)',
      'import asyncio\n\ndef handler(loop, context):\n    print("handler:", context["message"])\n\nasync def bad():\n    raise ValueError("kept")\n\nasync def main():\n    asyncio.get_running_loop().set_exception_handler(handler)\n    t = asyncio.create_task(bad())\n    await asyncio.sleep(0.1)\n\nasyncio.run(main())\n',
      "14:1: unsupported exception handler for a future whose exception was never retrieved (CPython calls it when the future's last reference goes",
    ],
    ['a Future bound to a loop by keyword', main('    f = asyncio.Future(loop=asyncio.get_running_loop())'), 'unsupported keyword argument loop= of asyncio.Future'],
  ])('%s', async (_label, source, expected) => {
    const file = writeProgram(`api-refused-${_label.replace(/\W+/g, '-')}.py`, source);
    const r = await cliInProcess(['run', file, '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(expected.includes(':') && /^\d/.test(expected) ? `${file}:${expected}` : expected);
  });
});
