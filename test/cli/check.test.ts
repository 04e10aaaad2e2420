import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { SHRINK_PER_BUCKET } from '../../compare/check.ts';
import { TMP, cliInProcess } from './_cli.ts';

const out = (name: string) => join(TMP, name);

describe('check', () => {
  it('--runs 300 --seed 42: every program agrees; JSON, JUnit and HTML say so; exit 0', async () => {
    rmSync(out('check42'), { recursive: true, force: true });
    const r = await cliInProcess(['check', '--runs', '300', '--seed', '42', '--json', out('check42/r.json'), '--junit', out('check42/j.xml'), '--report', out('check42/html')]);
    expect(r.stdout).toContain('All 300 programs agree with CPython.');
    expect(r.exitCode).toBe(0);
    const json = JSON.parse(readFileSync(out('check42/r.json'), 'utf8'));
    expect(json).toMatchObject({ runs: 300, differences: 0, target: 'port', seed: 42, buckets: [] });
    expect(json.outcomes.same).toBe(300);
    const xml = readFileSync(out('check42/j.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(existsSync(out('check42/html/index.html'))).toBe(true);
  });

  it('a random seed (printed), ideal clock, every feature on: exit 0', async () => {
    const seed = (Math.random() * 2 ** 31) | 0;
    console.log(`check test seed: ${seed}`);
    const r = await cliInProcess(['check', '--runs', '300', '--seed', String(seed), '--clock', 'ideal', '--features', '+gather,+taskMethods,+cancel']);
    expect(r.stdout).toContain('All 300 programs agree with CPython.');
    expect(r.exitCode).toBe(0);
  });

  /**
   * 150 native programs, each difference named by counterfactual reruns and shrunk: 1.5 minutes on a quiet 2-core
   * machine, over 7 beside other test files and work.
   */
  const NATIVE_SHRINK_MS = 600_000;

  /**
   * One native run, shrunk, read by three tests (its buckets, --ignore-bucket against it, the corpus it saves): the
   * shrink is most of a minute and the same every time for a seed.
   */
  let nativeRun: Promise<Awaited<ReturnType<typeof cliInProcess>>> | undefined;
  const native42 = () => {
    nativeRun ??= (rmSync(out('saved-corpus'), { recursive: true, force: true }), cliInProcess(['check', '--target', 'native', '--runs', '150', '--seed', '42', '--json', out('native.json'), '--junit', out('native.xml'), '--save-corpus', out('saved-corpus')]));
    return nativeRun;
  };

  it('--target native finds named differences, shrunk to small programs; exit 1', async () => {
    const r = await native42();
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
  }, NATIVE_SHRINK_MS);

  it('--ignore-bucket leaves a known cause out: counted under ignored, not shrunk, not a difference; at most SHRINK_PER_BUCKET shrunk per cause', async () => {
    const args = ['check', '--target', 'native', '--runs', '150', '--seed', '42'];
    const all = await native42();
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
  }, NATIVE_SHRINK_MS);

  it('--save-corpus writes each bucket\'s minimal program; the port agrees with CPython on all of them, native does not', async () => {
    const dir = out('saved-corpus');
    expect((await native42()).exitCode).toBe(1);
    const files = readdirSync(dir).filter((f) => f.endsWith('.py'));
    expect(files.length).toBe(JSON.parse(readFileSync(out('native.json'), 'utf8')).buckets.length);
    expect(readFileSync(join(dir, files[0]), 'utf8')).toMatch(/^# ---\n# description: .+\n# pins: .+\n# clock: realistic\n# outcome: ok\n# expected:\n/);
    const onPort = await cliInProcess(['corpus', '--dir', dir]);
    expect(onPort.stdout).toContain(`${files.length} of ${files.length} corpus files agree`);
    expect(onPort.exitCode).toBe(0);
    const onNative = await cliInProcess(['corpus', '--dir', dir, '--target', 'native']);
    expect(onNative.exitCode).toBe(1);
  }, NATIVE_SHRINK_MS);

  it('shards cover the stream: two halves merged equal the whole', async () => {
    const args = ['check', '--runs', '120', '--seed', '7'];
    const [a, b] = await Promise.all([
      cliInProcess([...args, '--shard', '1/2', '--json', out('shards/1.json')]),
      cliInProcess([...args, '--shard', '2/2', '--json', out('shards/2.json')]),
    ]);
    expect(a.exitCode + b.exitCode).toBe(0);
    const merged = await cliInProcess(['merge-reports', out('shards'), '--json', out('merged.json')]);
    expect(merged.exitCode).toBe(0);
    const json = JSON.parse(readFileSync(out('merged.json'), 'utf8'));
    expect(json.runs).toBe(120);
    expect(json.outcomes.same).toBe(120);
  });

  it('--seed S --path P replays one program', async () => {
    const r = await cliInProcess(['check', '--seed', '42', '--path', '5', '--json', out('one.json')]);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(readFileSync(out('one.json'), 'utf8')).runs).toBe(1);
  });
});
