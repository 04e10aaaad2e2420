/**
 * One `check --target native --runs 150 --seed 42`, every difference named by counterfactual
 * reruns and shrunk (a minute and a half of CPU on a quiet 2-core machine, most of it the
 * shrink), read by every test that needs such a run: check's (its buckets, --ignore-bucket
 * against it, the corpus it saves) and the pinned lessons (`lessons --from-report` of its JSON:
 * one page per cause, each replaying on CPython and on JS promises). The lessons once made a
 * run of their own of 60 programs of this seed, whose differences this run shrinks too.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHRINK_PER_BUCKET } from '../../compare/check.ts';
import type { Lesson } from '../../teach/lessons.ts';
import { expectReplays, writtenLessons } from '../teach/_lessons.ts';
import { TMP, cliInProcess, type CliResult } from './_cli.ts';

const out = (name: string) => join(TMP, name);
/** Over 7 minutes beside other test files and work. */
const NATIVE_SHRINK_MS = 600_000;

let nativeRun: CliResult;
beforeAll(async () => {
  rmSync(out('saved-corpus'), { recursive: true, force: true });
  nativeRun = await cliInProcess(['check', '--target', 'native', '--runs', '150', '--seed', '42', '--json', out('native.json'), '--junit', out('native.xml'), '--save-corpus', out('saved-corpus')]);
}, NATIVE_SHRINK_MS);

describe('check --target native --runs 150 --seed 42', () => {
  it('--target native finds named differences, shrunk to small programs; exit 1', async () => {
    const r = nativeRun;
    expect(r.exitCode).toBe(1);
    const json = JSON.parse(readFileSync(out('native.json'), 'utf8'));
    expect(json.differences).toBeGreaterThan(0);
    const names = json.buckets.map((b: { name: string }) => b.name);
    expect(names.filter((n: string) => n !== 'unclassified').length).toBeGreaterThanOrEqual(3);
    const linesOf = (python: string) => python.split('\n').filter((l) => l.trim() && !l.startsWith('#')).length;
    const lines = json.buckets.map((b: { example: { python: string } }) => linesOf(b.example.python)).sort((a: number, b: number) => a - b);
    expect(lines[lines.length >> 1], 'the median shrunk example').toBeLessThanOrEqual(25);
    for (const bucket of json.buckets) {
      // A cause of three or more switches (compare/causes.ts) shrinks only while every one of them stays needed: a longer example; a generated feature (generators/_internals/features) lowers to a few lines of its own.
      // A feature statement is a template the shrinker keeps whole: waiters on an event or a lock, a task group with its
      // handlers, a callback with the sleep that waits for it are 10 to 18 lines; the classes feature (a class, a subclass
      // calling super(), a property and a __repr__) is 30. A shrunk example may keep two of them beside main.
      const most = 60;
      expect(bucket.example.size).toBeLessThanOrEqual(bucket.example.originalSize);
      expect(linesOf(bucket.example.python)).toBeLessThanOrEqual(most);
      expect(bucket.example.expected).not.toEqual(bucket.example.actual);
      expect(r.stdout).toContain(bucket.example.replay);
    }
    const junit = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(out('native.xml'), 'utf8'));
    expect(JSON.stringify(junit)).toContain(names[0]);
  });

  it('--ignore-bucket leaves a known cause out: counted under ignored, not shrunk, not a difference; at most SHRINK_PER_BUCKET shrunk per cause', async () => {
    const args = ['check', '--target', 'native', '--runs', '150', '--seed', '42'];
    const all = nativeRun;
    const allJson = JSON.parse(readFileSync(out('native.json'), 'utf8'));
    expect(all.exitCode).toBe(1);
    const counted = allJson.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0);
    expect(counted).toBe(allJson.outcomes.differs + allJson.outcomes.portCrash);
    expect(allJson.shrink.count).toBeLessThanOrEqual(SHRINK_PER_BUCKET * allJson.buckets.length);
    const top = allJson.buckets[0];
    const left = await cliInProcess([...args, '--no-shrink', '--ignore-bucket', top.name, '--json', out('ignore/left.json')]);
    const leftJson = JSON.parse(readFileSync(out('ignore/left.json'), 'utf8'));
    expect(leftJson.ignored).toEqual({ [top.name]: top.count });
    expect(leftJson.differences).toBe(allJson.differences - top.count);
    expect(leftJson.buckets.map((b: { name: string }) => b.name)).toEqual(allJson.buckets.slice(1).map((b: { name: string }) => b.name));
    expect(left.stdout).toContain(`ignored (--ignore-bucket): ${top.name} ${top.count}`);
    const typo = await cliInProcess([...args, '--ignore-bucket', 'no-such-cause']);
    expect(typo.exitCode).toBe(2);
    expect(typo.stderr).toContain('no bucket named "no-such-cause"');
  });

  it('--save-corpus writes each bucket\'s minimal program; the port agrees with CPython on all of them, native does not', async () => {
    const dir = out('saved-corpus');
    expect(nativeRun.exitCode).toBe(1);
    const files = readdirSync(dir).filter((f) => f.endsWith('.py'));
    expect(files.length).toBe(JSON.parse(readFileSync(out('native.json'), 'utf8')).buckets.length);
    expect(readFileSync(join(dir, files[0]), 'utf8')).toMatch(/^# ---\n# description: .+\n# pins: .+\n# clock: realistic\n# outcome: ok\n# expected:\n/);
    const onPort = await cliInProcess(['corpus', '--dir', dir]);
    expect(onPort.stdout).toContain(`${files.length} of ${files.length} corpus files agree`);
    expect(onPort.exitCode).toBe(0);
    const onNative = await cliInProcess(['corpus', '--dir', dir, '--target', 'native']);
    expect(onNative.exitCode).toBe(1);
  });
});

describe('lessons --from-report of that run (pinned)', () => {
  const dir = out('lessons-42');
  let lessons: Lesson[];
  let stdout: string;
  beforeAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    const r = await cliInProcess(['lessons', '--out', dir, '--from-report', out('native.json')]);
    expect(r.exitCode, r.stderr).toBe(0);
    stdout = r.stdout;
    lessons = writtenLessons(dir);
  }, NATIVE_SHRINK_MS);

  it('writes one lesson per cause the run found, each in Markdown and HTML, and an index linking them all', () => {
    expect(lessons.map((l) => l.name)).toEqual(JSON.parse(readFileSync(out('native.json'), 'utf8')).buckets.map((b: { name: string }) => b.name));
    expect(lessons.length).toBeGreaterThan(0);
    expect(new Set(lessons.map((l) => l.name)).size).toBe(lessons.length);
    expect(stdout).toContain('(seed 42)');
    const index = readFileSync(join(dir, 'index.md'), 'utf8');
    const indexHtml = readFileSync(join(dir, 'index.html'), 'utf8');
    for (const lesson of lessons) {
      expect(index).toContain(`](${lesson.name}.md)`);
      expect(indexHtml).toContain(`href="${lesson.name}.html"`);
      const md = readFileSync(join(dir, `${lesson.name}.md`), 'utf8');
      expect(md).toContain('## Predict the output');
      expect(md).toContain(lesson.fix);
      expect(readFileSync(join(dir, `${lesson.name}.py`), 'utf8')).toBe(lesson.python);
      expect(lesson.cpython).not.toEqual(lesson.native);
      expect(stdout).toContain(`  ${lesson.name}: `);
    }
  });

  it('every lesson replays: its .py, read by the importer, prints the recorded outputs on CPython and on JS promises', async () => {
    await expectReplays(dir, lessons);
  }, NATIVE_SHRINK_MS);

  it('refuses --seed, --runs or --target beside it: the report chose them (exit 2)', async () => {
    for (const flag of [['--seed', '7'], ['--runs', '10'], ['--target', 'port']]) {
      const r = await cliInProcess(['lessons', '--out', out('lessons-conflict'), '--from-report', out('native.json'), ...flag]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`--from-report <file>.*cannot be used with option '${flag[0]}`));
    }
  });

  it('refuses a file that is not a check report (exit 2)', async () => {
    const r = await cliInProcess(['lessons', '--out', out('lessons-bad'), '--from-report', out('native.xml')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not JSON');
  });
});
