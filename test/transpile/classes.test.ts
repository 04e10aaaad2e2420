/**
 * Classes through the whole pipeline (issue 8 item 2): real asyncio programs with classes,
 * `__init__`, attributes, methods and async methods run as tasks, bound methods as callbacks,
 * class attributes, inheritance and `super()`, properties, static and class methods, the
 * dunders the runtime gives meaning to, and user exception classes crossing `await`.
 * `run --target port` prints what `python3 FILE` prints, with the same exit code and the
 * traceback's last line on stderr; the native profile runs them without a harness failure.
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

const DIR = new URL('./class-programs/', import.meta.url).pathname;
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

/** The last non-empty line of a traceback (or of the tool's stderr). */
const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';

describe('class programs print on the port what python3 prints', () => {
  it('there are programs for every part: tasks and callbacks, dataclasses, dunders, exceptions, JS names, module level', () => {
    expect(FILES).toEqual(['counters.py', 'dataclass-orders.py', 'dunders.py', 'exceptions.py', 'js-names.py', 'module-level.py']);
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
    ['the default repr, a class repr, a bound method repr', 'class C:\n    def m(self):\n        pass\n\nasync def main():\n    c = C()\n    print(C, type(c).__name__, str(c) == repr(c), repr(c)[:20])\n    print(repr(c.m)[:20])\n'],
    ['AttributeError messages: instance, class, del, a property without a setter', 'class C:\n    x = 1\n\n    @property\n    def p(self):\n        return 2\n\nasync def main():\n    c = C()\n    for k in range(4):\n        try:\n            if k == 0:\n                c.y\n            if k == 1:\n                C.y\n            if k == 2:\n                del c.x\n            c.p = 3\n        except AttributeError as e:\n            print(e)\n'],
    ['an instance attribute shadows a class attribute; del brings it back', 'class C:\n    x = "class"\n\nasync def main():\n    c = C()\n    c.x = "instance"\n    print(c.x, C.x)\n    del c.x\n    print(c.x)\n'],
    ['a user method wins over the builtin meaning of its name', 'class Store:\n    def __init__(self):\n        self.data = {}\n\n    def get(self, key):\n        return self.data.get(key, "missing")\n\n    def add(self, key, value):\n        self.data[key] = value\n\n    async def cancel(self):\n        await asyncio.sleep(1)\n        return "cancelled"\n\nasync def main():\n    s = Store()\n    s.add("a", 1)\n    print(s.get("a"), s.get("b"), await s.cancel())\n'],
    ['__init__ returning a value, __str__ returning a non-str', 'class A:\n    def __init__(self):\n        return 1\n\nclass B:\n    def __str__(self):\n        return 5\n\nasync def main():\n    for k in range(2):\n        try:\n            print(A() if k == 0 else str(B()))\n        except TypeError as e:\n            print(e)\n'],
    ['an uncaught user exception in a task: the traceback names the class', 'class Boom(RuntimeError):\n    pass\n\nasync def work():\n    await asyncio.sleep(0.1)\n    raise Boom("in a task")\n\nasync def main():\n    await asyncio.create_task(work())\n'],
    ['__eq__ without __lt__: the reflected order and the TypeError', 'class V:\n    def __init__(self, v):\n        self.v = v\n\n    def __gt__(self, other):\n        return self.v > other.v\n\nasync def main():\n    print(V(1) < V(2), V(3) < V(2))\n    try:\n        V(1) <= V(2)\n    except TypeError as e:\n        print(e)\n'],
    ['dataclasses.dataclass: its repr unless the class writes one, eq, defaults, a mutable default', 'import dataclasses\n\n@dataclasses.dataclass\nclass P:\n    x: int\n    y: int = 0\n\n    def __repr__(self):\n        return f"<{self.x},{self.y}>"\n\n@dataclasses.dataclass\nclass Q:\n    name: str\n    tags: list = []\n\nasync def main():\n    p = P(1)\n    p.y += 4\n    print(p, P(2, 3), p == P(1, 4))\n'],
    ['an async method awaited in a loop, its task named', 'class Ticker:\n    def __init__(self, n):\n        self.n = n\n\n    async def tick(self):\n        for i in range(self.n):\n            await asyncio.sleep(1)\n            print("tick", i, asyncio.current_task().get_name())\n        return self\n\nasync def main():\n    t = asyncio.create_task(Ticker(2).tick(), name="ticker")\n    r = await t\n    print(r.n)\n'],
  ];
  it.each(cases)('%s', async (label, body) => {
    const source = `import asyncio\n\n\n${body}\n\nasyncio.run(main())\n`;
    const file = writeProgram(`cls-${label.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}.py`, source);
    const [real, program] = await Promise.all([python(file), (await sharedOracle()).importSource(source, file)]);
    const port = await portSide.run(program, { clock: 'realistic', budget: DEFAULT_BUDGET });
    if (!('trace' in port)) throw new Error(`the port failed: ${JSON.stringify(port)}`);
    // Addresses differ from run to run (the comparer masks them); here only the prefixes are printed.
    expect(port.trace.map((t) => t.text).join('')).toBe(real.stdout);
    const o = port.outcome;
    expect(o.kind === 'exception' ? 1 : o.kind === 'ok' ? 0 : -1).toBe(real.exitCode);
    if (o.kind === 'exception') expect(tracebackLastLine(o.type, o.message)).toBe(lastLine(real.stderr));
  });
});

describe('refused with file:line:col and a hint', () => {
  it('run --target port: exit 2 and file:line:col', async () => {
    const file = writeProgram('cls-refused-run.py', 'import asyncio\n\n\nclass A:\n    class B:\n        pass\n');
    const r = await cliInProcess(['run', file, '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${file}:5:5: unsupported nested class (define the class at module level)`);
  });

  it.each([
    ['multiple inheritance', 'class A:\n    pass\n\nclass B:\n    pass\n\nclass C(A, B):\n    pass\n', '9:12: unsupported multiple inheritance (one base class at most)'],
    ['a metaclass', 'class A(metaclass=type):\n    pass\n', '3:9: unsupported class keyword argument metaclass= (metaclasses are outside the subset)'],
    ['a class inside a function', 'def f():\n    class A:\n        pass\n', '4:5: unsupported class definition inside a function (define the class at module level)'],
    ['a base defined below', 'class A(B):\n    pass\n\nclass B:\n    pass\n', '3:9: unsupported base class B (a base is a class defined above, or an exception class)'],
    ['a dunder the runtime gives no meaning', 'class A:\n    def __setitem__(self, k, v):\n        pass\n', '4:5: unsupported method __setitem__ (the dunders a class may define: __aenter__, __aexit__, __aiter__, __anext__, __bool__, __call__, __contains__, __enter__, __eq__, __exit__, __ge__, __getitem__, __gt__, __hash__, __init__, __iter__, __le__, __len__, __lt__, __ne__, __next__, __post_init__, __repr__, __str__)'],
    ['a class decorator', 'def deco(c):\n    return c\n\n@deco\nclass A:\n    pass\n', '6:2: unsupported class decorator'],
    ['super() in a nested function', 'class A:\n    def f(self):\n        def g():\n            return super().f()\n        return g\n', '6:20: unsupported super() outside a method (or in a nested function, a lambda or a staticmethod)'],
    ['a class attribute read in the class body', 'class A:\n    x = 1\n    y = x + 1\n', '5:9: unsupported name x read in a class body (it is a class attribute: write the value itself)'],
    ['an attribute of a builtin value outside the subset', 'x = (1).real\n', '3:5: unsupported attribute .real (an attribute of a builtin value outside the subset)'],
    ['a dataclass option outside the subset', 'from dataclasses import dataclass\n\n@dataclass(slots=True)\nclass A:\n    x: int\n', '5:12: unsupported dataclass option slots= (the subset reads eq=, order=, frozen=)'],
    ['a dataclasses.field option outside the subset', 'from dataclasses import dataclass, field\n\n@dataclass\nclass A:\n    x: int = field(kw_only=True)\n', '7:20: unsupported keyword argument kw_only= of dataclasses.field'],
    ['a Task internal', 'async def main():\n    print(asyncio.current_task()._coro)\n', '4:11: unsupported attribute ._coro (an attribute of coroutines, frames, functions, Tasks or event loops: outside the subset)'],
  ])('%s', async (_label, body, expected) => {
    const source = `import asyncio\n\n${body}`;
    const error = await (await sharedOracle()).importSource(source, 'x.py').catch((e: unknown) => e);
    expect((error as Error).message).toBe(`x.py:${expected}`);
  });
});
