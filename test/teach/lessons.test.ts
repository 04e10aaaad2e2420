/**
 * `lessons` from a real native run (in-process): one page per cause, each with its program,
 * both outputs and a fix; every lesson's program replays, read back from its `.py` through
 * the importer and run on CPython (the oracle) and on plain JS promises (the native side).
 *
 * The pinned run (seed 42) is test/cli/native-seed-42.test.ts's: one shrunk native run that
 * `check`'s assertions and `lessons --from-report`'s read (the shrink is most of its time, and
 * the lessons' own run of 60 programs of that seed shrank again what check's run of 150 did).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUCKET_RULES } from '../../compare/buckets.ts';
import { PORTER_FIXES, type Lesson } from '../../teach/lessons.ts';
import { cliInProcess, ROOT } from '../cli/_cli.ts';
import { expectReplays, writtenLessons } from './_lessons.ts';

const OUT = join(ROOT, 'test/.tmp/lessons');

/** `lessons` run in-process into OUT/<seed>; its lessons as lessons.json records them. */
async function lessonsRun(seed: number, runs: number): Promise<{ dir: string; stdout: string; lessons: Lesson[] }> {
  const dir = join(OUT, String(seed));
  rmSync(dir, { recursive: true, force: true });
  const r = await cliInProcess(['lessons', '--out', dir, '--runs', String(runs), '--seed', String(seed)]);
  expect(r.exitCode).toBe(0);
  return { dir, stdout: r.stdout, lessons: writtenLessons(dir) };
}

describe('porter\'s fixes', () => {
  it('has a porter\'s fix written for every bucket rule', () => {
    expect(BUCKET_RULES.map((r) => r.name).filter((name) => !(name in PORTER_FIXES))).toEqual([]);
  });
});

describe('lessons from a random seed', () => {
  it('every lesson replays', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`lessons random seed: ${seed}`);
    const run = await lessonsRun(seed, 40);
    await expectReplays(run.dir, run.lessons);
  }, 300_000); // each lesson is shrunk first: the deadline and group features make longer programs
});

describe('lessons --target cpython-3.12 (a cause that differs between Python versions)', () => {
  // The deadline features stay out: their asyncio changed in 3.12 and 3.13 on purpose (featuresUnportedAt), a lesson of its own.
  it('writes the gather-done-child lesson, with its fix, from a real run against embedded CPython 3.12', async () => {
    const dir = join(OUT, 'versions');
    rmSync(dir, { recursive: true, force: true });
    const r = await cliInProcess(['lessons', '--out', dir, '--target', 'cpython-3.12', '--runs', '600', '--seed', '11', '--features', '+gather,+taskMethods,+cancel,-callbacks,-classes,-timeouts,-taskGroups,-uncancel']);
    expect(r.exitCode).toBe(0);
    const written = writtenLessons(dir);
    // The gather change explains most programs that differ (queues and cancellation may show another, rarer one).
    expect(written[0].name).toBe('gather-done-child');
    expect(readFileSync(join(dir, 'gather-done-child.md'), 'utf8')).toContain(PORTER_FIXES['gather-done-child']);
    // Same printed lines on both Pythons: the lesson is about when (the iterations), not what.
    expect(written[0].cpython).toEqual(written[0].native);
    expect(readFileSync(join(dir, 'gather-done-child.md'), 'utf8')).toContain('The oracle cpython-3.12 (ends: ok):');
  });
});
