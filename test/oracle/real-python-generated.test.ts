/**
 * On a sample of generated programs, the default oracle (realistic clock) prints exactly what
 * `python3 prog.py` prints with real sleeps, scaled down. A program is timing-sensitive
 * (SEMANTICS.md: its output depends on the machine's speed) when its real output changes from
 * one real run to the next, or when the oracle prints it differently with no time passing
 * between clock reads (the ideal clock) or with a millisecond a read (a loaded machine): it is
 * counted, never compared, and must stay rare.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import type { Program } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { Oracle } from '../../oracle/pool.ts';
import { runRealPython, texts } from './helpers.ts';

const SCALE = 0.2;

/** The same program with every literal sleep delay multiplied by SCALE (`sleep(0)` stays the bare yield). */
function scaled(program: Program): Program {
  return JSON.parse(JSON.stringify(program), (_key, value) => {
    if (value?.kind === 'asyncio' && value.func === 'sleep' && (value.args[0]?.kind === 'float' || value.args[0]?.kind === 'int') && value.args[0].value > 0) {
      return { ...value, args: [{ kind: 'float', value: value.args[0].value * SCALE }, ...value.args.slice(1)] };
    }
    return value;
  }) as Program;
}

let oracle: Oracle;
let scratch: string;
beforeAll(async () => {
  oracle = await Oracle.start({ workers: 1 });
  scratch = await mkdtemp(join(tmpdir(), 'oracle-generated-'));
});
afterAll(async () => {
  await oracle.close();
  await rm(scratch, { recursive: true, force: true });
});

it('30 generated programs (seed 42): oracle output == python3 output', async () => {
  // Swarm off: these programs all end cleanly (exit 0), as python3 is asked to show.
  const programs = samplePrograms({ seed: 42, count: 30, constraints: { swarm: false } }).map(scaled);
  let timingSensitive = 0;
  let compared = 0;
  // A few at a time: real sleeps measure the machine, so keep it quiet.
  for (let i = 0; i < programs.length; i += 5) {
    await Promise.all(
      programs.slice(i, i + 5).map(async (program, k) => {
        const source = printPython(program);
        const file = join(scratch, `prog${i + k}.py`);
        await writeFile(file, source);
        const [first, second, modelled, instant, slow] = await Promise.all([
          runRealPython(file),
          runRealPython(file),
          oracle.run(source),
          oracle.run(source, { clock: 'ideal' }),
          oracle.run(source, { quantum: 1e-3 }),
        ]);
        expect(first.exitCode).toBe(0);
        const printed = (r: typeof modelled) => texts(r.trace).join('');
        if (first.stdout !== second.stdout || printed(modelled) !== printed(instant) || printed(modelled) !== printed(slow)) {
          timingSensitive++;
          return;
        }
        compared++;
        expect(texts(modelled.trace).join(''), source).toBe(first.stdout);
      }),
    );
  }
  console.log(`compared ${compared}, timing-sensitive ${timingSensitive}`);
  expect(compared).toBeGreaterThanOrEqual(18);
});
