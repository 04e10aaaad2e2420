import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samplePrograms } from '../../../generators/index.ts';
import type { Program } from '../../../ir/program.ts';
import { transpile } from '../../../port/transpile/index.ts';
import { PROGRAMS } from './_programs.ts';

/**
 * The port profile's text must not change when the async parts moved behind a dialect. The
 * emitter from before the move (commit dd5d7b4, the last one with a single-profile emit.ts)
 * is loaded from git next to the current tree and must write the very same bytes. If the
 * port's output changes on purpose later, this test has done its job: delete it.
 */
const BEFORE_DIALECTS = 'dd5d7b4';
const TRANSPILE_DIR = resolve('port/transpile');
const work = mkdtempSync(join(tmpdir(), 'emit-before-dialects-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type EmitProgram = (program: Program, imports: { port: string; python: string }) => string;

/** The old emit.ts, its relative imports pointed at the current tree, its one package import at node_modules. */
async function emitterBeforeDialects(): Promise<EmitProgram> {
  const source = execFileSync('git', ['show', `${BEFORE_DIALECTS}:port/transpile/emit.ts`], { encoding: 'utf8' });
  const writer = createRequire(join(TRANSPILE_DIR, 'emit.ts')).resolve('code-block-writer');
  const relinked = source
    .replace(/from '(\.{1,2}\/[^']+)'/g, (_m, spec: string) => `from '${resolve(TRANSPILE_DIR, spec)}'`)
    .replace("from 'code-block-writer'", `from '${writer}'`);
  const file = join(work, 'emit-before.ts');
  writeFileSync(file, relinked);
  return ((await import(/* @vite-ignore */ file)) as { emitProgram: EmitProgram }).emitProgram;
}

const imports = { port: './port/index.ts', python: './port/python/index.ts' };

describe('the port profile writes what it wrote before the dialects', () => {
  it('12 hand-built and 300 generated programs (seed 42), byte for byte', async () => {
    const before = await emitterBeforeDialects();
    const programs = [...Object.values(PROGRAMS), ...samplePrograms({ seed: 42, count: 300 })];
    const changed = programs.filter((p) => transpile(p) !== before(p, imports));
    expect(programs.length).toBe(312);
    expect(changed).toEqual([]);
    // The check can fail: the native profile of the same programs is different text.
    expect(transpile(PROGRAMS.functionsAndCalls, { profile: 'native' })).not.toBe(before(PROGRAMS.functionsAndCalls, imports));
  });

  it('100 generated programs, random seed', async () => {
    const before = await emitterBeforeDialects();
    const seed = Date.now() % 1_000_000;
    console.log(`port profile unchanged: random seed ${seed}`);
    const changed = samplePrograms({ seed, count: 100 }).filter((p) => transpile(p) !== before(p, imports));
    expect(changed).toEqual([]);
  });
});
