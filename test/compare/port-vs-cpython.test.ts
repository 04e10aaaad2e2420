/** The central property: on every generated program, the port prints what CPython prints, at the same virtual times. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portSide, runOnOracle } from '../../compare/sides.ts';
import { compareRuns } from '../../compare/traces.ts';
import { isFailure } from '../../compare/verdict.ts';
import { programArbitrary } from '../../generators/index.ts';
import type { ClockModel, Program, RunResult } from '../../ir/program.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { Oracle } from '../../oracle/pool.ts';

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.start({});
});
afterAll(() => oracle.close());

async function agrees(program: Program, clock: ClockModel): Promise<boolean> {
  const options = { clock, budget: DEFAULT_BUDGET };
  const [expected, actual] = await Promise.all([runOnOracle(oracle, program, options), portSide.run(program, options)]);
  if (isFailure(expected) || isFailure(actual)) return false;
  // A generated program ends cleanly, or with the exception it raises on purpose (ValueError, RuntimeError).
  const ended = expected.outcome.kind === 'ok' || (expected.outcome.kind === 'exception' && ['ValueError', 'RuntimeError'].includes(expected.outcome.type));
  return ended && compareRuns(expected, actual).same;
}

const allFeatures = { swarm: false, features: { gather: true, taskMethods: true, cancel: true, tryExcept: true, raiseInTask: true, exceptionAcrossAwait: true } };

describe.each(['realistic', 'ideal'] as const)('port trace == CPython trace, %s clock', (clock) => {
  it('on 300 programs, seed 42', async () => {
    await fc.assert(fc.asyncProperty(programArbitrary(), (p) => agrees(p, clock)), { seed: 42, numRuns: 300 });
  });

  it('on 300 programs with every feature on, a random seed (printed)', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`port-vs-cpython ${clock} seed: ${seed}`);
    await fc.assert(fc.asyncProperty(programArbitrary(allFeatures), (p) => agrees(p, clock)), { seed, numRuns: 300 });
  });
});

it('a difference would be seen: the comparison rejects a trace with one time changed by one ulp', async () => {
  const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
  let expected: RunResult | undefined;
  for (const program of fc.sample(programArbitrary(), { seed: 42, numRuns: 20 })) {
    const result = await runOnOracle(oracle, program, options);
    if (!isFailure(result) && result.trace.length > 0) {
      expected = result;
      break;
    }
  }
  if (!expected) throw new Error('no generated program printed anything');
  const shifted = { ...expected, trace: expected.trace.map((e, i) => (i === 0 ? { ...e, time: e.time + Number.EPSILON * Math.max(1, e.time) } : e)) };
  expect(expected.trace.length).toBeGreaterThan(0);
  expect(compareRuns(expected, shifted).same).toBe(false);
});
