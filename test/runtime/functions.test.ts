/**
 * runtime/functions.ts bindSignature against CPython 3.11: random signatures (positional
 * parameters with trailing defaults, `*rest`, keyword-only ones with or without defaults) and
 * random calls (too few, too many, unknown and repeated keywords), each written as a lambda
 * called on CPython through the oracle. The bound values, or the TypeError's exact message,
 * must match. One run pinned with seed 42, one with a printed random seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindSignature, call, func, type Signature } from '../../runtime/functions.ts';
import { repr, type PyValue } from '../../runtime/index.ts';
import { observeOnCPython } from '../_support/values.ts';
import { observe, randomSeed } from './_cpython.ts';

interface Case {
  sig: Signature;
  positional: number;
  keywords: string[];
}

const POSITIONAL = ['p0', 'p1', 'p2'];
const KWONLY = ['k0', 'k1'];
const CANDIDATES = [...POSITIONAL, ...KWONLY, 'rest', 'zz'];

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    n: fc.integer({ min: 0, max: 3 }),
    defaults: fc.integer({ min: 0, max: 3 }),
    vararg: fc.boolean(),
    kwonly: fc.array(fc.boolean(), { maxLength: 2 }),
    positional: fc.integer({ min: 0, max: 5 }),
    keywords: fc.shuffledSubarray(CANDIDATES, { maxLength: 4 }),
  })
  .map(({ n, defaults, vararg, kwonly, positional, keywords }) => ({
    sig: {
      params: POSITIONAL.slice(0, n).map((name, k) => ({ name, hasDefault: k >= n - Math.min(defaults, n), default: BigInt(-1 - k) })),
      ...(vararg ? { vararg: 'rest' } : {}),
      kwonly: kwonly.map((hasDefault, k) => ({ name: KWONLY[k], hasDefault, default: BigInt(-10 - k) })),
    },
    positional,
    keywords,
  }));

/** The lambda for `sig`, returning every parameter's value as a list. */
function lambdaText(sig: Signature): string {
  const param = (p: { name: string; hasDefault: boolean; default?: PyValue }) => (p.hasDefault ? `${p.name}=${repr(p.default)}` : p.name);
  const parts = sig.params.map(param);
  if (sig.vararg) parts.push(`*${sig.vararg}`);
  else if (sig.kwonly!.length > 0) parts.push('*');
  parts.push(...sig.kwonly!.map(param));
  const names = [...sig.params.map((p) => p.name), ...(sig.vararg ? [sig.vararg] : []), ...sig.kwonly!.map((p) => p.name)];
  return `lambda${parts.length ? ` ${parts.join(', ')}` : ''}: [${names.join(', ')}]`;
}

const positionalValues = (c: Case): bigint[] => Array.from({ length: c.positional }, (_, k) => BigInt(k + 1));
const keywordValues = (c: Case): Record<string, PyValue> => Object.fromEntries(c.keywords.map((name, k) => [name, BigInt(100 + k)]));

async function mismatches(cases: Case[]): Promise<string[]> {
  const sources = cases.map((c) => {
    const args = [...positionalValues(c).map(String), ...c.keywords.map((name, k) => `${name}=${100 + k}`)];
    return { function: `async def NAME():\n    print(repr((${lambdaText(c.sig)})(${args.join(', ')})))`, args: '' };
  });
  const expected = (await observeOnCPython(sources)).map((o) => o.text.replace(/\bf\d+\.<locals>\./g, ''));
  const got = cases.map((c) => observe(() => bindSignature('<lambda>', c.sig, positionalValues(c), keywordValues(c))));
  return cases.flatMap((_c, k) => (got[k] === expected[k] ? [] : [`${sources[k].function}\n  cpython: ${expected[k]}\n  port:    ${got[k]}`]));
}

async function check(seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(caseArb, { minLength: 150, maxLength: 150 }), async (cases) => {
      expect(await mismatches(cases)).toEqual([]);
    }),
    { seed, numRuns: 1 },
  );
}

describe('bindSignature: CPython 3.11 argument binding', () => {
  it('binds or refuses 150 random calls as CPython does (seed 42)', () => check(42), 60_000);
  it('binds or refuses 150 random calls as CPython does (random seed)', () => check(randomSeed('bindSignature')), 60_000);

  it('the pinned cases cover every message kind', async () => {
    const sig: Signature = { params: [{ name: 'a', hasDefault: false }, { name: 'b', hasDefault: true, default: 1n }], kwonly: [{ name: 'c', hasDefault: false }] };
    const f = func('f', 'outer.<locals>.f', sig, (...xs: never[]) => xs as unknown as PyValue);
    expect(repr(call(f, [1n], { c: 2n }))).toBe('[1, 1, 2]');
    expect(observe(() => call(f, [], {}))).toBe("TypeError: outer.<locals>.f() missing 1 required positional argument: 'a'");
    expect(observe(() => call(f, [1n], {}))).toBe("TypeError: outer.<locals>.f() missing 1 required keyword-only argument: 'c'");
    expect(observe(() => call(f, [1n, 2n, 3n], { c: 1n }))).toBe(
      'TypeError: outer.<locals>.f() takes from 1 to 2 positional arguments but 3 positional arguments (and 1 keyword-only argument) were given',
    );
    expect(observe(() => call(f, [1n], { a: 1n, c: 1n }))).toBe("TypeError: outer.<locals>.f() got multiple values for argument 'a'");
    expect(observe(() => call(f, [1n], { d: 1n }))).toBe("TypeError: outer.<locals>.f() got an unexpected keyword argument 'd'");
    expect(observe(() => call(3n, []))).toBe("TypeError: 'int' object is not callable");
    expect(repr(f)).toMatch(/^<function outer\.<locals>\.f at 0x[0-9a-f]+>$/);
  });
});
