/**
 * `math` (runtime/math.ts) against CPython through the oracle, and what the subset refuses of
 * `time`, `random` and `math` (with `file:line:col: unsupported ...` and a hint, exit 2).
 */
import { describe, expect, it } from 'vitest';
import { cliInProcess, writeProgram } from '../cli/_cli.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { bothSides, expectRaisesAsCPython, inMain as inMainWith } from '../_support/both-sides.ts';
import { sharedOracle } from '../_support/oracle.ts';

const inMain = (lines: string[]): string => inMainWith(['import math'], lines);

const VALUES = ['0', '1', '-7', '2.5', '-2.5', '0.1', '1e300', '-0.0', '7 * 3', 'True', '10 ** 20 + 1', 'math.inf', '-math.inf', 'math.nan'];

describe('math on the port gives what CPython gives', () => {
  it('floor, ceil, sqrt, fabs, pow, isclose, gcd and the constants', async () => {
    const lines = ['print(math.pi, math.e, math.tau, math.inf, math.nan, -math.inf)'];
    for (const v of VALUES) {
      const safe = v.includes('inf') || v.includes('nan') ? [] : [`print(math.floor(${v}), math.ceil(${v}))`];
      lines.push(...safe, `print(math.fabs(${v}), math.isclose(${v}, 1.0), math.isclose(${v}, ${v}, rel_tol=0.5))`);
      if (!v.startsWith('-')) lines.push(`print(math.sqrt(${v}))`);
      for (const w of ['2', '0.5', '-1.5', '3', '0']) {
        const zeroToNegative = (v === '0' || v === '-0.0') && w.startsWith('-');
        const negativeToFraction = v.startsWith('-') && w.includes('.');
        const overflows = v === '1e300' && (w === '2' || w === '3');
        if (!zeroToNegative && !negativeToFraction && !overflows) lines.push(`print(math.pow(${v}, ${w}))`);
      }
    }
    lines.push('print(math.gcd(), math.gcd(12, 18), math.gcd(-4, 6, 10), math.gcd(2 ** 40, 6 ** 20), math.gcd(True, 0))');
    lines.push('print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(100, 101, abs_tol=1), math.isclose(math.inf, math.inf))');
    const { cpython, port } = await bothSides(inMain(lines));
    expect(cpython.outcome).toEqual({ kind: 'ok' });
    expect(port).toEqual(cpython);
  });

  it.each([
    ['math.sqrt(-1)', 'ValueError', 'math domain error'],
    ['math.floor(math.inf)', 'OverflowError', 'cannot convert float infinity to integer'],
    ['math.ceil(math.nan)', 'ValueError', 'cannot convert float NaN to integer'],
    ['math.pow(0, -1)', 'ValueError', 'math domain error'],
    ['math.pow(10.0, 400)', 'OverflowError', 'math range error'],
    ['math.pow(-8, 0.5)', 'ValueError', 'math domain error'],
    ['math.sqrt("4")', 'TypeError', 'must be real number, not str'],
    ['math.gcd(2.0, 4)', 'TypeError', "'float' object cannot be interpreted as an integer"],
    ['math.isclose(1, 2, rel_tol=-1)', 'ValueError', 'tolerances must be non-negative'],
  ])('%s raises as in CPython', async (call, type, message) => {
    await expectRaisesAsCPython(['import math'], [`print(${call})`], type, message);
  });
});

describe('what stays out of time, random and math is refused with a hint (exit 2)', () => {
  it.each([
    ['other modules', 'import asyncio\nimport os\n', 'x.py:2:1: unsupported import of os (the subset imports only asyncio, functools, collections, dataclasses, datetime, itertools, math, random, time)'],
    ['unlisted from-imports', 'import asyncio\nfrom time import strftime\n', 'x.py:2:1: unsupported import of time.strftime (the subset has time.monotonic, time.perf_counter, time.sleep, time.time)'],
    ['unlisted functions', 'import asyncio\nimport time\ntime.strftime("%Y")\n', 'x.py:3:1: unsupported call of time.strftime (the subset has time.monotonic, time.perf_counter, time.sleep, time.time)'],
    ['unlisted math functions', 'import asyncio\nimport math\nprint(math.tan(2))\n', 'x.py:3:7: unsupported call of math.tan (the subset has math.ceil, math.cos, math.exp, math.fabs, math.floor, math.gcd, math.isclose, math.log, math.pow, math.sin, math.sqrt, math.e, math.inf, math.nan, math.pi, math.tau)'],
    ['modules as values', 'import asyncio\nimport math\nm = math\n', 'x.py:3:5: unsupported use of the module math as a value'],
    ['an unreproducible seed', 'import asyncio\nimport random\nrandom.seed(None)\n', 'x.py:3:1: unsupported random.seed(None) (seeds from the OS: no run could reproduce it)'],
    ['wrong argument counts', 'import asyncio\nimport random\nrandom.randint(1)\n', 'x.py:3:1: unsupported random.randint with 1 argument'],
  ])('%s', async (_what, source, message) => {
    const error = await importPythonSource(source, 'x.py', await sharedOracle()).then(() => null, (e: unknown) => e);
    expect((error as Error | null)?.message).toBe(message);
  });

  it('run --target port stops with exit 2 and the message', async () => {
    const file = writeProgram('x.py', 'import asyncio\nimport math\nprint(math.tan(2))\n');
    const r = await cliInProcess(['run', file, '--target', 'port']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('x.py:3:7: unsupported call of math.tan (the subset has');
  });
});
