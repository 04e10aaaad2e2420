/**
 * The default oracle (realistic clock) prints exactly what `python3 prog.py` prints, for the
 * tutorial-style programs of fixtures/. Sleeps are scaled by 0.05 in a copy that both run, so
 * the real runs are short and both do the same float arithmetic.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Oracle } from '../../oracle/pool.ts';
import { FIXTURES, runRealPython, scaledSleeps, texts } from './helpers.ts';

const SCALE = 0.05;

let oracle: Oracle;
let scratch: string;
beforeAll(async () => {
  oracle = await Oracle.start({ workers: 2 });
  scratch = await mkdtemp(join(tmpdir(), 'oracle-real-'));
});
afterAll(async () => {
  await oracle.close();
  await rm(scratch, { recursive: true, force: true });
});

const scaled = (source: string): string => scaledSleeps(source, SCALE);

it('has enough fixtures, including the seed tutorial', async () => {
  const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.py'));
  expect(files.length).toBeGreaterThanOrEqual(15);
  expect(files).toContain('seed_tutorial.py');
});

it('the seed tutorial prints shav, finished, text; with sleep(2): shav, text, finished', async () => {
  const seed = await oracle.run(await readFile(join(FIXTURES, 'seed_tutorial.py'), 'utf8'));
  expect(texts(seed.trace)).toEqual(['shav\n', 'finished\n', 'text\n']);
  const slept = await oracle.run(await readFile(join(FIXTURES, 'seed_tutorial_sleep2.py'), 'utf8'));
  expect(texts(slept.trace)).toEqual(['shav\n', 'text\n', 'finished\n']);
});

const fixtureFiles = (await readdir(FIXTURES)).filter((f) => f.endsWith('.py')).sort();

it.each(fixtureFiles)('%s: oracle output == python3 output', async (file) => {
  const source = scaled(await readFile(join(FIXTURES, file), 'utf8'));
  const path = join(scratch, file);
  await writeFile(path, source);
  const [real, oracleResult] = await Promise.all([runRealPython(path), oracle.run(source, { filename: file })]);
  expect(texts(oracleResult.trace).join('')).toBe(real.stdout);
  if (real.exitCode === 0) {
    expect(oracleResult.outcome).toEqual({ kind: 'ok' });
  } else {
    expect(oracleResult.outcome.kind).toBe('exception');
    const last = real.stderr.trim().split('\n').at(-1);
    if (oracleResult.outcome.kind === 'exception') {
      expect(last).toBe(`${oracleResult.outcome.type}: ${oracleResult.outcome.message}`);
    }
  }
});
