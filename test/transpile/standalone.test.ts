import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { printPython } from '../../ir/python.ts';
import { formatTypeScript, transpile } from '../../transpile/index.ts';
import { PYTHON } from '../_support/python.ts';
import { PROGRAMS } from './_programs.ts';

const TMP = 'test/.tmp';
/** tsx itself, as `npx tsx` finds it (test/cli/smoke.test.ts spawns `npx tsx` once; here its ~0.5 s start is saved). */
const TSX = 'node_modules/.bin/tsx';

/**
 * A transpiled file is a program of its own: written next to the tests, importing the port
 * by relative path, run by `npx tsx` with the port's default (real clock) policy, it prints
 * what `python3` prints for the same program.
 */
describe('a transpiled file runs standalone like python3 runs the Python', () => {
  for (const label of ['literalsAndOperators', 'functionsAndCalls', 'tasksAndGather'] as const) {
    it(label, async () => {
      await mkdir(TMP, { recursive: true });
      const program = PROGRAMS[label];
      const tsFile = join(TMP, `${label}.ts`);
      const pyFile = join(TMP, `${label}.py`);
      const ts = transpile(program, { importFrom: { port: '../../port/index.ts', python: '../../runtime/index.ts' } });
      await writeFile(tsFile, await formatTypeScript(ts));
      await writeFile(pyFile, printPython(program));
      const [port, python] = await Promise.all([execa(TSX, [tsFile]), execa(PYTHON, [pyFile])]);
      expect(python.stdout.length).toBeGreaterThan(0);
      expect(port.stdout).toBe(python.stdout);
    });
  }
});
