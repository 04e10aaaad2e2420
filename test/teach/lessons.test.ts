/**
 * `lessons` from a real native run (in-process): one page per cause, each with its program,
 * both outputs and a fix; every lesson's program replays, read back from its `.py` through
 * the importer and run on CPython (the oracle) and on plain JS promises (the native side).
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { importPythonSource } from '../../oracle/importer.ts';
import { nativeSide, runOnOracle } from '../../compare/sides.ts';
import { isFailure } from '../../compare/verdict.ts';
import { BUCKET_RULES } from '../../compare/buckets.ts';
import { PORTER_FIXES, type Lesson } from '../../teach/lessons.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { cliInProcess, ROOT } from '../cli/_cli.ts';

const OUT = join(ROOT, 'test/.tmp/lessons');
let lessons: Lesson[];
let stdout: string;

/** `lessons` run in-process into OUT/<seed>; its lessons as lessons.json records them. */
async function lessonsRun(seed: number, runs: number): Promise<{ dir: string; stdout: string; lessons: Lesson[] }> {
  const dir = join(OUT, String(seed));
  rmSync(dir, { recursive: true, force: true });
  const r = await cliInProcess(['lessons', '--out', dir, '--runs', String(runs), '--seed', String(seed)]);
  expect(r.exitCode).toBe(0);
  return { dir, stdout: r.stdout, lessons: (JSON.parse(readFileSync(join(dir, 'lessons.json'), 'utf8')) as { lessons: Lesson[] }).lessons };
}

/** Each lesson's .py, read by the importer, prints the recorded outputs on CPython and on JS promises. */
async function expectReplays(dir: string, recorded: Lesson[]): Promise<void> {
  const oracle = await sharedOracle();
  for (const lesson of recorded) {
    const program = await importPythonSource(readFileSync(join(dir, `${lesson.name}.py`), 'utf8'), `${lesson.name}.py`, oracle);
    const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
    const [cpython, native] = await Promise.all([runOnOracle(oracle, program, options), nativeSide.run(program, options)]);
    if (isFailure(cpython) || isFailure(native)) throw new Error(`${lesson.name} did not run`);
    expect([lesson.name, printedLines(cpython.trace)]).toEqual([lesson.name, lesson.cpython]);
    expect([lesson.name, printedLines(native.trace)]).toEqual([lesson.name, lesson.native]);
  }
}

let pinnedDir: string;
// One lessons run (check --target native on 60 programs, every difference shrunk): about two minutes
// alone on 2 cores, more beside the other files; the whole file's assertions read it.
beforeAll(async () => {
  ({ dir: pinnedDir, stdout, lessons } = await lessonsRun(42, 60));
}, 600_000);

const printedLines = (trace: { text: string }[]): string[] => {
  const text = trace.map((e) => e.text).join('');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
};

describe('lessons --runs 60 --seed 42 (pinned)', () => {
  it('writes one lesson per cause the run found, each in Markdown and HTML, and an index linking them all', () => {
    expect(lessons.length).toBeGreaterThan(0);
    expect(new Set(lessons.map((l) => l.name)).size).toBe(lessons.length);
    const index = readFileSync(join(pinnedDir, 'index.md'), 'utf8');
    const indexHtml = readFileSync(join(pinnedDir, 'index.html'), 'utf8');
    for (const lesson of lessons) {
      expect(index).toContain(`](${lesson.name}.md)`);
      expect(indexHtml).toContain(`href="${lesson.name}.html"`);
      const md = readFileSync(join(pinnedDir, `${lesson.name}.md`), 'utf8');
      expect(md).toContain('## Predict the output');
      expect(md).toContain(lesson.fix);
      expect(readFileSync(join(pinnedDir, `${lesson.name}.py`), 'utf8')).toBe(lesson.python);
      expect(lesson.cpython).not.toEqual(lesson.native);
      expect(stdout).toContain(`  ${lesson.name}: `);
    }
  });

  it('has a porter\'s fix written for every bucket rule', () => {
    expect(BUCKET_RULES.map((r) => r.name).filter((name) => !(name in PORTER_FIXES))).toEqual([]);
  });

  it('every lesson replays: its .py, read by the importer, prints the recorded outputs on CPython and on JS promises', async () => {
    await expectReplays(pinnedDir, lessons);
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
    const written = (JSON.parse(readFileSync(join(dir, 'lessons.json'), 'utf8')) as { lessons: Lesson[] }).lessons;
    // The gather change explains most programs that differ (queues and cancellation may show another, rarer one).
    expect(written[0].name).toBe('gather-done-child');
    expect(readFileSync(join(dir, 'gather-done-child.md'), 'utf8')).toContain(PORTER_FIXES['gather-done-child']);
    // Same printed lines on both Pythons: the lesson is about when (the iterations), not what.
    expect(written[0].cpython).toEqual(written[0].native);
    expect(readFileSync(join(dir, 'gather-done-child.md'), 'utf8')).toContain('The oracle cpython-3.12 (ends: ok):');
  });
});
