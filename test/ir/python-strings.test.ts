import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrintable } from '../../ir/python-printable.ts';
import { pythonStringRepr } from '../../ir/python-strings.ts';
import { PYTHON as executable } from '../_support/python.ts';

/** CPython's answers for many code points, from one process. */
function cpython(codes: number[]): { printable: boolean[]; reprs: string[] } {
  const script = 'import json,sys\ncs=json.load(sys.stdin)\nprint(json.dumps({"printable":[chr(c).isprintable() for c in cs],"reprs":[repr(chr(c)+"x") for c in cs]}))';
  return JSON.parse(execFileSync(executable, ['-c', script], { input: JSON.stringify(codes), encoding: 'utf8' }));
}

describe("Python's printable characters and string repr", () => {
  it('agree with CPython on code points a newer Unicode than CPython 3.11 knows (U+3160E) and on random ones (seed 42 and a printed seed)', () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`printable random seed: ${seed}`);
    const codes = [0x20, 0x7f, 0xa0, 0xad, 0x2028, 0x3160e, 0x1f600, 0xe000, 0x10ffff, 0x30000, 0x3134a, 0x3134b];
    for (const s of [42, seed]) codes.push(...fc.sample(fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff), { seed: s, numRuns: 3000 }));
    const expected = cpython(codes);
    expect(codes.map(isPrintable)).toEqual(expected.printable);
    expect(codes.map((c) => pythonStringRepr(String.fromCodePoint(c) + 'x'))).toEqual(expected.reprs);
  });
});
