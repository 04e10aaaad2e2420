import { describe, expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import { DEFAULT_BUDGET, type ClockModel, type RunResult } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { executeOnPort } from '../../transpile/execute.ts';
import { runOnOracle } from '../../compare/sides.ts';
import { sharedOracle } from '../_support/oracle.ts';

/**
 * What the port's run has that the oracle's has not: `stderr`, what the default exception handler
 * logged ("Task exception was never retrieved"); the oracle does not capture its loop's log.
 * test/port/exception-handler.test.ts compares it with `python3 FILE`'s.
 */
const withoutStderr = ({ stderr: _logged, ...result }: RunResult & { stderr?: string }): RunResult => result;

/** Generated programs: the port's RunResult equals the oracle's (as `check` runs it), field for field, its stderr aside. */
async function differences(seed: number, count: number, clock: ClockModel): Promise<string[]> {
  const programs = samplePrograms({ seed, count });
  const oracle = await sharedOracle();
  const expected = await Promise.all(programs.map((p) => runOnOracle(oracle, p, { clock, budget: DEFAULT_BUDGET })));
  const diffs: string[] = [];
  for (const [k, p] of programs.entries()) {
    const got = withoutStderr(await executeOnPort(p, { clock, budget: DEFAULT_BUDGET }));
    if (JSON.stringify(got) !== JSON.stringify(expected[k])) diffs.push(`seed ${seed} program ${k}:\n${printPython(p)}`);
  }
  return diffs;
}

describe('generated programs run on the port as on CPython', () => {
  it('seed 42, both clocks', async () => {
    expect(await differences(42, 60, 'realistic')).toEqual([]);
    expect(await differences(42, 60, 'ideal')).toEqual([]);
  });

  it('random seed', async () => {
    const seed = Date.now() % 1_000_000;
    console.log(`generated programs: random seed ${seed}`);
    expect(await differences(seed, 60, 'realistic')).toEqual([]);
  });
});
