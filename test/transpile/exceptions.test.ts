/**
 * Exceptions through the whole pipeline (issue 8 item 1): real asyncio programs using
 * try/except/else/finally, raise [from], bare raise, assert, exception classes, isinstance,
 * `type(e).__name__`, `e.args`/`__cause__`/`__context__`. `run --target port` prints what
 * `python3 FILE` prints, with the same exit code and the traceback's last line on stderr; the
 * native profile runs them without a harness failure.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectNativeRuns, expectPortPrintsAsPython3 } from '../_support/program-files.ts';
import { portSide } from '../../compare/sides.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { tracebackLastLine } from '../../runtime/exceptions.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { cliInProcess, python, writeProgram } from '../cli/_cli.ts';

const DIR = new URL('./exception-programs/', import.meta.url).pathname;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

/** The last non-empty line of a traceback (or of the tool's stderr). */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

describe('exception programs print on the port what python3 prints', () => {
  it('there are programs for every part: tasks, cancellation, the hierarchy, chaining, uncaught, module level', () => {
    expect(FILES).toEqual(['cancel.py', 'chain.py', 'hierarchy.py', 'module.py', 'task-raises.py', 'uncaught.py']);
  });

  it.each(FILES)('%s', async (name) => {
    await expectPortPrintsAsPython3(join(DIR, name));
  });

  it.each(FILES)('%s runs on the native profile without a harness failure', async (name) => {
    await expectNativeRuns(join(DIR, name), 'realistic');
  });
});

describe('small cases, each against python3 (read by the oracle\'s importer, run in-process on the port)', () => {
  const cases: Array<[string, string]> = [
    ['raise a class, empty message: the last line is the bare name', 'async def main():\n    raise ValueError\n'],
    ['uncaught CancelledError is module-qualified', 'async def main():\n    raise asyncio.CancelledError()\n'],
    ['str(e) of several args, float args', 'async def main():\n    try:\n        raise ValueError("a", 1.0, [2])\n    except ValueError as e:\n        print(e, e.args, str(ValueError(2.5)))\n'],
    ['PEP 479: StopIteration out of a coroutine', 'async def f():\n    raise StopIteration("x")\n\nasync def main():\n    try:\n        await f()\n    except RuntimeError as e:\n        print(repr(e), repr(e.__cause__))\n'],
    ['checks: raise 5, except 3, isinstance(x, 3), a bad cause', 'async def main():\n    for i in range(4):\n        try:\n            if i == 0:\n                raise 5\n            if i == 1:\n                try:\n                    1 / 0\n                except 3:\n                    pass\n            if i == 2:\n                print(isinstance(1, 3))\n            raise ValueError from 7\n        except TypeError as e:\n            print(e)\n'],
    ['the handler name is unbound after the handler', 'def f():\n    try:\n        raise KeyError(1)\n    except KeyError as e:\n        pass\n    return e\n\nasync def main():\n    try:\n        f()\n    except NameError as n:\n        print(type(n).__name__)\n'],
    ['return in finally overrides, break in finally swallows', 'def f():\n    try:\n        raise ValueError(1)\n    finally:\n        return "finally wins"\n\nasync def main():\n    print(f())\n    for i in range(3):\n        try:\n            raise KeyError(i)\n        finally:\n            break\n    print("after", i)\n'],
    ['context through a finally, and a cycle cut', 'async def main():\n    try:\n        try:\n            raise ValueError(1)\n        finally:\n            raise KeyError(2)\n    except KeyError as k:\n        print(repr(k.__context__))\n    try:\n        try:\n            raise ValueError("a")\n        except ValueError as a:\n            try:\n                raise KeyError("b")\n            except KeyError as b:\n                raise a\n    except ValueError as z:\n        print(repr(z.__context__), repr(z.__context__.__context__))\n'],
    ['an exception class printed and its type', 'async def main():\n    print(ValueError, asyncio.TimeoutError, asyncio.InvalidStateError, type(ValueError).__name__, ValueError.args)\n    print(type(3).__name__, type("s").__name__, type([]).__name__, type(None).__name__)\n'],
    ['assert with a message evaluated only on failure', 'def msg():\n    print("msg evaluated")\n    return "m"\n\nasync def main():\n    assert 1 < 2, msg()\n    assert [], msg()\n'],
  ];
  it.each(cases)('%s', async (label, body) => {
    const source = `import asyncio\n\n${body}\n\nasyncio.run(main())\n`;
    const file = writeProgram(`exc-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.py`, source);
    const [real, program] = await Promise.all([python(file), (await sharedOracle()).importSource(source, file)]);
    const port = await portSide.run(program, { clock: 'realistic', budget: DEFAULT_BUDGET });
    if (!('trace' in port)) throw new Error(`the port failed: ${JSON.stringify(port)}`);
    expect(port.trace.map((t) => t.text).join('')).toBe(real.stdout);
    const o = port.outcome;
    expect(o.kind === 'exception' ? 1 : o.kind === 'ok' ? 0 : -1).toBe(real.exitCode);
    if (o.kind === 'exception') expect(tracebackLastLine(o.type, o.message)).toBe(lastLine(real.stderr));
  });
});

describe('refused with file:line:col and a hint', () => {
  it('run --target port: exit 2 and file:line:col', async () => {
    const file = writeProgram('exc-refused-run.py', 'import asyncio\n\ndef f():\n    raise\n');
    const r = await cliInProcess(['run', file, '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:4:5: unsupported bare raise outside an except handler`);
  });

  it.each([
    ['break in except*', 'async def main():\n    while True:\n        try:\n            pass\n        except* ValueError:\n            break\n', "8:13: unsupported break in an except* block"],
    ['a bare raise outside a handler', 'def f():\n    raise\n', '4:5: unsupported bare raise outside an except handler (name the exception: `except ValueError as e: ... raise e`)'],
    ['a keyword argument of an exception', 'async def main():\n    raise ValueError(msg=1)\n', '4:22: unsupported keyword argument msg= of ValueError'],
    ['type() other than type(x).__name__', 'async def main():\n    print(type(1))\n', '4:11: unsupported type() (only `type(x).__name__` is in the subset)'],
    ['an exception group with a keyword', 'async def main():\n    raise ExceptionGroup("g", [], x=1)\n', '4:35: unsupported keyword argument x= of ExceptionGroup'],
  ])('%s', async (label, body, where) => {
    const oracle = await sharedOracle();
    const refusal = await oracle.importSource(`import asyncio\n\n${body}`, 'prog.py').then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    expect(refusal, label).toContain(`prog.py:${where}`);
  });
});
