/**
 * An adapter that throws, hangs or returns garbage gets a verdict, and the run finishes with
 * the other programs' results; one that cannot be used at all is bad input (exit 2) said
 * before any program runs. Each fixture (test/targets/_adapters.ts) misbehaves on the program
 * at path 1 only and runs the faithful port elsewhere.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliInProcess } from '../cli/_cli.ts';
import { writeAdapters } from './_adapters.ts';

const dir = writeAdapters(['throws.mjs', 'hangs.mjs', 'garbage.mjs', 'no-default.mjs', 'unknown-feature.mjs', 'no-gather.mjs', 'syntax-error.mjs', 'typed.ts']);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  outcomes: Record<string, number>;
  buckets: Array<{ name: string; example: { actualOutcome: { kind: string; message?: string } } }>;
}

async function check(adapter: string, extra: string[] = [], seed = 42) {
  const json = join(dir, `${adapter}.json`);
  const r = await cliInProcess(['check', '--target', `./${adapter}`, '--runs', '4', '--seed', String(seed), '--workers', '1', '--json', json, ...extra], { cwd: dir });
  return { ...r, report: r.exitCode === 2 ? undefined : (JSON.parse(readFileSync(json, 'utf8')) as Report) };
}

const crashMessage = (report: Report | undefined) => report?.buckets.find((b) => b.name === 'side-crash')?.example.actualOutcome.message;

describe('an adapter that misbehaves on one program', () => {
  const randomSeed = (Math.random() * 2 ** 31) | 0;
  it.each([42, randomSeed])('throws: a crash verdict naming the adapter and the error; the other 3 programs agree (seed %i)', async (seed) => {
    if (seed === randomSeed) console.log(`misbehaving adapter test seed: ${seed}`);
    const { exitCode, report } = await check('throws.mjs', [], seed);
    expect(report?.outcomes).toMatchObject({ same: 3, portCrash: 1 });
    expect(crashMessage(report)).toBe('adapter "thrower" (./throws.mjs) run threw RangeError: the scheduler lost its way');
    expect(exitCode).toBe(1);
  });

  it('hangs: a timeout verdict after the wall-clock budget; a new process runs the rest', async () => {
    const { exitCode, report, stdout } = await check('hangs.mjs', ['--target-wallclock', '300']);
    expect(report?.outcomes).toMatchObject({ same: 3, timeout: 1, portCrash: 0 });
    expect(stdout).toContain('1 of 4 programs could not be judged');
    expect(exitCode).toBe(0);
  });

  it('returns garbage: a crash verdict saying which field is wrong', async () => {
    const { report } = await check('garbage.mjs');
    expect(report?.outcomes).toMatchObject({ same: 2, portCrash: 2 });
    // Both garbage runs crash; the bucket's example is the smaller program, whichever of the two it is.
    expect([
      `adapter "garbage" (./garbage.mjs) returned garbage: trace[0].time must be a finite number of virtual seconds (the adapter compares: 'time'), got NaN`,
      'adapter "garbage" (./garbage.mjs) returned garbage: trace[0].text must be a string (what was printed, newline included), got 42',
    ]).toContain(crashMessage(report));
  });

  it('a TypeScript adapter runs as written', async () => {
    const { exitCode, report } = await check('typed.ts');
    expect(report?.outcomes.same).toBe(4);
    expect(exitCode).toBe(0);
  });
});

describe('an adapter that cannot be used: exit 2, what, which file, how to fix', () => {
  it.each([
    ['missing.mjs', `--target ./missing.mjs: no adapter module at ${join(dir, 'missing.mjs')}\nGive the path of a .mjs, .js or .ts file`],
    ['no-default.mjs', `cannot use ${join(dir, 'no-default.mjs')} as a target: it has no default export (write \`export default { name, compares, run }\`)`],
    ['syntax-error.mjs', `cannot use ${join(dir, 'syntax-error.mjs')} as a target: importing it threw SyntaxError: `],
    ['unknown-feature.mjs', `cannot use ${join(dir, 'unknown-feature.mjs')} as a target: features names "telepathy", which the generator does not know (known: createTask,`],
  ])('%s', async (adapter, message) => {
    const { exitCode, stderr } = await check(adapter);
    expect(stderr).toContain(message);
    expect(exitCode).toBe(2);
  });

  it('--features asking for what the adapter says it lacks', async () => {
    const { exitCode, stderr } = await check('no-gather.mjs', ['--features', '+gather']);
    expect(stderr).toContain('target ./no-gather.mjs does not support gather (its features say false), but the constraints ask for it: drop +gather from --features');
    expect(exitCode).toBe(2);
  });
});
