/**
 * runtime/collections.ts against CPython: random sequences of deque operations (both ends,
 * maxlen, rotate, extend, remove, indexing) and Counter updates (update, subtract, most_common,
 * elements, the repr's order of equal counts) run as one program on the oracle and on the port;
 * both print the same lines. One property pinned with seed 42, one with a random seed it prints.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { portSide } from '../../compare/sides.ts';
import { isFailure, type SideResult } from '../../compare/verdict.ts';
import { run } from '../../lib/index.ts';
import { sharedOracle } from '../_support/oracle.ts';

const small = fc.integer({ min: -3, max: 6 });
const word = fc.constantFrom('a', 'b', 'c', 'ab', 'ba', '');

const dequeOp = fc.oneof(
  small.map((v) => `d.append(${v})`),
  small.map((v) => `d.appendleft(${v})`),
  fc.constant('d.pop()'),
  fc.constant('d.popleft()'),
  small.map((n) => `d.rotate(${n})`),
  fc.array(small, { maxLength: 3 }).map((xs) => `d.extend([${xs.join(', ')}])`),
  fc.array(small, { maxLength: 3 }).map((xs) => `d.extendleft([${xs.join(', ')}])`),
  small.map((v) => `d.remove(${v})`),
  small.map((i) => `d[${i}]`),
  small.map((v) => `d.count(${v})`),
  word.map((w) => `c.update(${JSON.stringify(w)})`),
  word.map((w) => `c.subtract(${JSON.stringify(w)})`),
  fc.constant('c.most_common(2)'),
  fc.constant('sorted(c.elements())'),
);

/** One program: each operation in its own try, printing its result (or the exception), then the deque and the Counter. */
function program(maxlen: number | null, ops: string[]): string {
  const lines = ['import asyncio', 'import collections', '', '', 'async def main():', `    d = collections.deque([], ${maxlen ?? 'None'})`, '    c = collections.Counter()'];
  for (const op of ops) {
    lines.push('    try:', `        print(${op}, d, c, len(d))`, '    except (IndexError, ValueError) as e:', '        print(type(e).__name__, e)');
    lines.push('    await asyncio.sleep(0)');
  }
  lines.push('', 'asyncio.run(main())', '');
  return lines.join('\n');
}

function printed(r: SideResult): string {
  if (isFailure(r)) return `failure: ${r.failure}`;
  return r.trace.map((t) => t.text).join('') + JSON.stringify(r.outcome);
}

const arbitrary = fc.tuple(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), fc.array(dequeOp, { minLength: 1, maxLength: 25 }));

async function samePrinted([maxlen, ops]: [number | null, string[]]): Promise<void> {
  const oracle = await sharedOracle();
  const source = program(maxlen, ops);
  const cpython = await run({ source, target: 'cpython', oracle });
  const port = await run({ source, target: portSide, oracle });
  expect(printed(port)).toBe(printed(cpython));
}

describe('deque and Counter on the port print what CPython prints', () => {
  it('pinned (seed 42)', async () => {
    await fc.assert(fc.asyncProperty(arbitrary, samePrinted), { seed: 42, numRuns: 6 });
  }, 120_000);

  it('randomised', async () => {
    const seed = Date.now() % 2 ** 31;
    console.log(`collections property seed: ${seed}`);
    await fc.assert(fc.asyncProperty(arbitrary, samePrinted), { seed, numRuns: 6 });
  }, 120_000);
});
