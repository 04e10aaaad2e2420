/**
 * dict, set/frozenset, slicing, starred assignment, walrus and `del` inside asyncio programs:
 * `run --target port` prints what `python3 FILE` prints (PYTHONHASHSEED=0, as the oracle runs
 * it: str hashes, and so the order of a set of strs, are fixed), with the same exit code and
 * the traceback's last line; the native profile runs them without a harness crash; what stays
 * outside the slice is refused with file:line:col.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliInProcess, writeProgram, type CliResult } from '../cli/_cli.ts';
import { PYTHON } from '../_support/python.ts';

async function python3(file: string): Promise<CliResult> {
  const r = await execa(PYTHON, [file], { reject: false, stripFinalNewline: false, timeout: 60_000, env: { PYTHONHASHSEED: '0' } });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}

const lastLine = (text: string): string => text.trimEnd().split('\n').pop() ?? '';

const PROGRAMS: Record<string, string> = {
  'dict-filled-by-tasks.py': `import asyncio

async def fetch(name, results, delay):
    await asyncio.sleep(delay)
    results[name] = len(name) * delay
    print('fetched', name, results)

async def main():
    results = {}
    names = ['alpha', 'be', 'gamma', 'delta']
    tasks = [asyncio.create_task(fetch(n, results, (i % 3) / 10)) for i, n in enumerate(names)]
    await asyncio.gather(*tasks)
    print(results, len(results), 'be' in results, 'zeta' not in results)
    print(results.keys(), results.values())
    print(results.items())
    for k, v in results.items():
        print(k, v)
    print(results.get('alpha'), results.get('nope'), results.get('nope', -1))
    print(results.pop('be'), results.setdefault('eps', 0.5), results)
    del results['alpha']
    results.update({'zz': 1}, yy=2)
    results.update([('xx', 3)])
    copy = results.copy()
    copy['only-copy'] = True
    print(results, copy == results, list(copy), sorted(copy))
    print(dict(a=1, b=[1, 2]), dict([(1, 'x'), (2, 'y')]), dict(), {1: 'int', 1.0: 'float', True: 'bool'})
    nested = {'self': None, 'list': [1, {'k': (1, 2)}]}
    nested['self'] = nested
    print(nested)
    print({k: v * 2 for k, v in copy.items() if k != 'only-copy'}, results.popitem(), results)
    results.clear()
    print(results, bool(results), len({}))
    print(f"{ {'f': 1} }")

asyncio.run(main())
`,
  'set-order.py': `import asyncio

async def collect(tags, word):
    await asyncio.sleep(0.01 * len(word))
    tags.add(word)
    tags.add(len(word))

async def main():
    tags = set()
    await asyncio.gather(*[collect(tags, w) for w in ['spam', 'eggs', 'ham', 'bacon', 'x', 'lobster', 'thermidor']])
    print(tags, len(tags))
    tags.discard('ham')
    tags.remove(3)
    print(tags, tags.pop(), tags)
    nums = {n * 37 % 101 for n in range(40)}
    print(nums)
    for n in range(0, 101, 3):
        nums.discard(n)
    print(nums)
    nums.update(range(200, 260, 7), [-1, -2, 2 ** 62, 2 ** 61 - 1])
    print(nums)
    a = {1, 2, 3, 'a', 'b', (1, 2)}
    b = {3, 4, 'b', 'c', (1, 2), 2.5}
    print(a | b, a & b, a - b, b - a, a ^ b)
    print(a.union(b, [9]), a.intersection(b), a.difference(b, {1}), a.symmetric_difference(b))
    print(a <= b, {1, 2} <= a, {1, 2} < a, a >= {1}, a.issubset(b), a.issuperset([1, 2]), a.isdisjoint({99}))
    print(frozenset('hello'), frozenset(), set(), {frozenset({1, 2}), frozenset({3})}, set('mississippi'))
    c = set(a)
    c |= {100}
    c &= {1, 100, 'a', 'zzz'}
    c -= {1}
    c ^= {5, 'a'}
    print(c, a)
    for x in {'q', 'w', 'e', 'r', 't', 'y'}:
        print(x, end=' ')
    print()
    print({3.5, 1.0, 1, True, -0.0, 0}, {(1, 'x'), (2, 'y'), ('z',)})

asyncio.run(main())
`,
  'slices-unpacking-walrus.py': `import asyncio

async def produce(n):
    await asyncio.sleep(0)
    return list(range(n))

async def main():
    xs = await produce(10)
    print(xs[2:5], xs[:3], xs[7:], xs[::2], xs[::-1], xs[-3:], xs[1:-1:3], xs[5:2], xs[100:], xs[-100:2])
    print('asyncio'[1:4], 'asyncio'[::-2], (1, 2, 3, 4)[1:], range(10)[2:8:2])
    xs[1:3] = ['a', 'b', 'c']
    print(xs)
    xs[::4] = [0, 0, 0]
    del xs[0]
    del xs[-2:]
    print(xs)
    first, *middle, last = xs
    print(first, middle, last)
    *init, tail = 'abc'
    head, *rest = (1,)
    print(init, tail, head, rest)
    for i, (a, *bs) in enumerate([(1, 2, 3), (4,)]):
        print(i, a, bs)
    if (n := len(xs)) > 3:
        print('long', n)
    total = 0
    while (chunk := xs[total:total + 3]):
        print(chunk)
        total += 3
    print([y for x in range(5) if (y := x * x) > 3], y)

asyncio.run(main())
`,
  'key-error.py': `import asyncio

async def lookup(d, key):
    await asyncio.sleep(0.1)
    return d[key]

async def main():
    d = {'a': 1}
    print(await lookup(d, 'a'))
    print(await lookup(d, 'missing'))

asyncio.run(main())
`,
  'set-remove-missing.py': `import asyncio

async def main():
    s = {(1, 'two'), 3}
    await asyncio.sleep(0)
    s.remove((4, 'five'))

asyncio.run(main())
`,
  'unhashable.py': `import asyncio

async def main():
    await asyncio.sleep(0)
    print({[1]: 2})

asyncio.run(main())
`,
};

describe('containers inside asyncio programs: the port prints what python3 prints', () => {
  it.each(Object.keys(PROGRAMS))('%s', async (name) => {
    const file = writeProgram(name, PROGRAMS[name]);
    const expected = await python3(file);
    const port = await cliInProcess(['run', file, '--target', 'port']);
    expect(port.stdout).toBe(expected.stdout);
    expect(port.exitCode).toBe(expected.exitCode);
    if (expected.exitCode !== 0) expect(lastLine(port.stderr)).toBe(lastLine(expected.stderr));
  });

  it('the programs raise what was meant (the comparison above is not vacuous)', async () => {
    expect(lastLine((await python3(writeProgram('key-error.py', PROGRAMS['key-error.py']))).stderr)).toBe("KeyError: 'missing'");
    expect(lastLine((await python3(writeProgram('unhashable.py', PROGRAMS['unhashable.py']))).stderr)).toBe("TypeError: unhashable type: 'list'");
  });

  it('the native profile runs them (a set may print in insertion order: bucket set-iteration-order)', async () => {
    for (const name of ['dict-filled-by-tasks.py', 'set-order.py', 'slices-unpacking-walrus.py']) {
      const file = writeProgram(name, PROGRAMS[name]);
      const native = await cliInProcess(['run', file, '--target', 'native']);
      expect(native.exitCode, native.stderr).toBe(0);
      expect(native.stdout.split('\n').length).toBe((await python3(file)).stdout.split('\n').length);
    }
  });
});

describe('what stays outside the slice is refused with file:line:col', () => {
  const REFUSED: Array<[string, string, RegExp]> = [
    ['dict-unpacking.py', 'import asyncio\n\nasync def main():\n    d = {"a": 1}\n    print({**d})\n\nasyncio.run(main())\n', /dict-unpacking\.py:5:11: unsupported \*\* unpacking in a dict display/],
    ['del-name.py', 'import asyncio\n\nasync def main():\n    x = 1\n    del x\n\nasyncio.run(main())\n', /del-name\.py:5:9: unsupported del of name/],
    ['match.py', 'import asyncio\n\nmatch 1:\n    case 1:\n        pass\n\nasyncio.run(main())\n', /match\.py:3:1: unsupported match statement at module level/],
    ['shift.py', 'import asyncio\n\nasync def main():\n    print(1 << 2)\n\nasyncio.run(main())\n', /shift\.py:4:11: unsupported operator <</],
  ];
  it.each(REFUSED)('%s', async (name, source, message) => {
    const r = await cliInProcess(['run', writeProgram(name, source), '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });
});
