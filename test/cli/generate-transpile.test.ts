import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT, TMP, TUTORIALS, cliInProcess, python, tutorial } from './_cli.ts';

const TSX = join(ROOT, 'node_modules/.bin/tsx');

describe('generate', () => {
  it('writes N programs, each with a replay header, that all run on python3: exit 0, or exit 1 from a raise the program makes on purpose', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`generate test seed: ${seed}`);
    const out = join(TMP, 'generated');
    rmSync(out, { recursive: true, force: true });
    const r = await cliInProcess(['generate', '--count', '40', '--seed', String(seed), '--out', out]);
    expect(r.exitCode).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith('.py')).sort();
    expect(files).toHaveLength(40);
    expect(readFileSync(join(out, files[7]), 'utf8')).toContain(`# replay: npx asyncio-conformance check --seed ${seed} --path 7`);
    const results = await Promise.all(files.map((f) => python(join(out, f))));
    for (const [i, result] of results.entries()) {
      // A generated `raise` (the raiseInTask feature) may end the program (exit 1) or a task nobody
      // awaited ("Task exception was never retrieved", exit 0): ValueError or RuntimeError carrying
      // the label of the line that raised it, never any other error.
      const errors = result.stderr.split('\n').filter((line) => /^\w+Error\b/.test(line));
      const onPurpose = errors.every((line) => /^(ValueError|RuntimeError): \(?'?\w+:\d+/.test(line));
      const ok = (result.exitCode === 0 || (result.exitCode === 1 && errors.length > 0)) && onPurpose;
      expect({ file: files[i], ok, errors }).toMatchObject({ file: files[i], ok: true });
    }
  });

  it('the same seed writes the same programs', async () => {
    const a = await cliInProcess(['generate', '--count', '3', '--seed', '42', '--out', join(TMP, 'same-a')]);
    const b = await cliInProcess(['generate', '--count', '3', '--seed', '42', '--out', join(TMP, 'same-b')]);
    expect(a.exitCode + b.exitCode).toBe(0);
    for (const f of ['prog-0000.py', 'prog-0002.py']) {
      expect(readFileSync(join(TMP, 'same-a', f), 'utf8')).toBe(readFileSync(join(TMP, 'same-b', f), 'utf8'));
    }
  });
});

describe('transpile', () => {
  // tsx as `npx tsx` finds it, without npx's own start (smoke.test.ts spawns `npx tsx` itself once).
  // One program at a time, python3 after tsx: both sleep for real, and the order of close timers is the test.
  it.each(TUTORIALS)('%s: transpile -o X.ts && tsx X.ts prints what python3 prints', async (name) => {
    const file = tutorial(name);
    const out = file.replace(/\.py$/, '.ts');
    const t = await cliInProcess(['transpile', file, '-o', out]);
    expect(t.stderr).toBe('');
    expect(t.exitCode).toBe(0);
    const ts = readFileSync(out, 'utf8');
    expect(ts).toContain('asyncio.create_task');
    const run = await execa(TSX, [out], { cwd: ROOT, reject: false, stripFinalNewline: false });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe((await python(file)).stdout);
  });

  it('the output runs anywhere: written outside any ES module package (CommonJS to tsx), both profiles', async () => {
    const file = tutorial('say_after.py');
    const dir = mkdtempSync(join(tmpdir(), 'transpiled-'));
    for (const profile of ['port', 'native']) {
      const out = join(dir, `say_after_${profile}.ts`);
      expect((await cliInProcess(['transpile', file, '-o', out, '--profile', profile])).exitCode).toBe(0);
      const run = await execa(TSX, [out], { cwd: dir, reject: false, stripFinalNewline: false });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      // say_after has no construct on which plain promises differ from asyncio.
      expect(run.stdout).toBe((await python(file)).stdout);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
