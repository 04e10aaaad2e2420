/**
 * compare/isolated.ts prestartChild: `run` and `compare` start the port's child before their
 * oracle is up, and the oracle then sets variables the port reads (its version, its executable:
 * cli/oracle.ts). The prestarted child takes them with its first program instead of being
 * thrown away; a child that has run a program never changes its environment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, type Program } from '../../ir/program.ts';
import { childrenStarted, prestartChild, runIsolated } from '../../compare/isolated.ts';
import { isFailure } from '../../compare/verdict.ts';
import { PYTHON_VERSION_VARIABLE } from '../../port/version.ts';
import { sharedOracle } from '../_support/oracle.ts';

const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };

/** Its exception's message names the CPython it ran as: "float modulo" up to 3.12, "float modulo by zero" in 3.13, "division by zero" from 3.14. */
const MODULO_BY_ZERO = `import asyncio

async def main():
    print(7.5 % 0)

asyncio.run(main())
`;

async function messageOn(program: Program): Promise<string> {
  const result = await runIsolated({ side: 'port', program, options }, 5000);
  if (isFailure(result)) throw new Error(result.failure);
  if (result.outcome.kind !== 'exception') throw new Error(`expected an exception, got ${result.outcome.kind}`);
  return result.outcome.message;
}

describe('a prestarted child', () => {
  const saved = process.env[PYTHON_VERSION_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[PYTHON_VERSION_VARIABLE];
    else process.env[PYTHON_VERSION_VARIABLE] = saved;
  });

  it('takes the variables set after it started, with its first program, and no second child starts', async () => {
    const program = await (await sharedOracle()).importSource(MODULO_BY_ZERO, 'modulo.py');
    delete process.env[PYTHON_VERSION_VARIABLE];
    const before = childrenStarted();
    prestartChild();
    process.env[PYTHON_VERSION_VARIABLE] = '3.14'; // as cli/oracle.ts sets it once the oracle is up
    expect(await messageOn(program)).toBe('division by zero');
    expect(childrenStarted()).toBe(before + 1);
    // That child has run a program: it keeps 3.14, so another version gets a child of its own.
    process.env[PYTHON_VERSION_VARIABLE] = '3.13';
    expect(await messageOn(program)).toBe('float modulo by zero');
    expect(childrenStarted()).toBe(before + 2);
    // And each is reused where its environment is the parent's again.
    process.env[PYTHON_VERSION_VARIABLE] = '3.14';
    expect(await messageOn(program)).toBe('division by zero');
    expect(childrenStarted()).toBe(before + 2);
  });
});
