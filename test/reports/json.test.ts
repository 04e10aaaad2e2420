import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportInputError, mergeReports, readJsonReport, toIssueJson, validateReport, writeJsonReport } from '../../reports/index.ts';
import type { Bucket, CheckReport, Counterexample } from '../../reports/index.ts';
import { FIXTURE_NAMES, loadFixture, withRoot, withoutDurations } from './helpers.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'reports-json-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeJsonReport', () => {
  for (const name of FIXTURE_NAMES) {
    it(`writes the whole report: ${name}`, async () => {
      const report = withoutDurations(await loadFixture(name));
      const file = join(dir, name, 'report.json');
      await writeJsonReport(report, file);
      const text = await readFile(file, 'utf8');
      expect(text.endsWith('}\n')).toBe(true);
      expect(JSON.parse(text)).toEqual(report);
      expect(withRoot(text, dir)).toMatchSnapshot();
    });
  }

  it('contains the issue shape: runs, differences, target, seed, buckets with name, count and example', async () => {
    const report = await loadFixture('three-buckets');
    const file = join(dir, 'issue', 'report.json');
    await writeJsonReport(report, file);
    const written = JSON.parse(await readFile(file, 'utf8'));
    const issue = toIssueJson(report);
    expect(written).toMatchObject(issue);
    expect(Object.keys(issue).sort()).toEqual(['buckets', 'differences', 'runs', 'seed', 'target']);
    expect(Object.keys(issue.buckets[0]).sort()).toEqual(['count', 'example', 'name']);
    expect(Object.keys(issue.buckets[0].example).sort()).toEqual(['actual', 'expected', 'python', 'typescript']);
    expect(issue.buckets[0].example.expected).toEqual([['main\n', 0.000003], ['child\n', 0.000003]]);
    expect(issue).toMatchObject({ runs: 500, differences: 73, target: 'native', seed: 42 });
  });
});

describe('readJsonReport', () => {
  it('reads back what writeJsonReport wrote', async () => {
    const report = await loadFixture('hostile');
    const file = join(dir, 'roundtrip.json');
    await writeJsonReport(report, file);
    await expect(readJsonReport(file)).resolves.toEqual(report);
  });

  it('refuses another schema, naming the file and both versions', async () => {
    const file = join(dir, 'schema2.json');
    await writeFile(file, JSON.stringify({ ...(await loadFixture('all-agree')), schema: 2 }));
    await expect(readJsonReport(file)).rejects.toThrow(`readJsonReport: ${file} has schema 2, this version reads schema 1 only`);
  });

  it('refuses a file without a schema, non-JSON, and JSON from another tool', async () => {
    const noSchema = join(dir, 'noschema.json');
    await writeFile(noSchema, JSON.stringify({ runs: 3 }));
    await expect(readJsonReport(noSchema)).rejects.toThrow('has schema undefined');
    const garbage = join(dir, 'garbage.json');
    await writeFile(garbage, '<html>');
    await expect(readJsonReport(garbage)).rejects.toThrow(`readJsonReport: ${garbage} is not JSON`);
    const other = join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ ...(await loadFixture('all-agree')), tool: { name: 'vitest' } }));
    await expect(readJsonReport(other)).rejects.toThrow('was not written by asyncio-conformance (tool.name is "vitest")');
  });
});

describe('mergeReports', () => {
  /** Shards of the three-bucket run: eager-start is split, with a bigger example in shard 2. */
  async function shards(): Promise<[CheckReport, CheckReport]> {
    const whole = await loadFixture('three-buckets');
    const [eager, shutdown, sleepZero] = whole.buckets;
    const biggerEager: Bucket = { ...eager, count: 21, example: { ...eager.example, id: 'seed42-path300', size: 8 } };
    const one: CheckReport = {
      ...whole,
      command: `${whole.command} --shard 1/2`,
      shard: { index: 1, count: 2 },
      runs: 250, differences: 29, durationMs: 4000, startedAt: '2025-01-15T10:00:01.000Z',
      outcomes: { same: 218, differs: 29, oracleCrash: 0, portCrash: 1, timeout: 2, generatorBug: 0 },
      buckets: [{ ...eager, count: 20 }, sleepZero],
    };
    const two: CheckReport = {
      ...whole,
      command: `${whole.command} --shard 2/2`,
      shard: { index: 2, count: 2 },
      runs: 250, differences: 44, durationMs: 4312, startedAt: '2025-01-15T10:00:00.000Z',
      outcomes: { same: 203, differs: 44, oracleCrash: 0, portCrash: 1, timeout: 1, generatorBug: 1 },
      buckets: [shutdown, biggerEager],
    };
    return [one, two];
  }

  it('sums counts and durations, merges buckets by name and keeps the smaller example', async () => {
    const whole = await loadFixture('three-buckets');
    const [one, two] = await shards();
    const merged = mergeReports([two, one]);
    expect(merged.runs).toBe(500);
    expect(merged.differences).toBe(73);
    expect(merged.outcomes).toEqual(whole.outcomes);
    expect(merged.durationMs).toBe(8312);
    expect(merged.programsPerSecond).toBeCloseTo(500 / 8.312, 9);
    expect(merged.startedAt).toBe('2025-01-15T10:00:00.000Z');
    expect(merged.shard).toBeUndefined();
    expect(merged.command).toBe(`${one.command}\n${two.command}`);
    expect(merged.buckets.map((bucket) => [bucket.name, bucket.count])).toEqual([
      ['eager-start', 41], ['no-shutdown-cancellation', 23], ['sleep-zero-no-yield', 9],
    ]);
    expect(merged.buckets[0].example.id).toBe('seed42-path17');
    expect(merged.buckets).toEqual(whole.buckets);
  });

  it('breaks a size tie by trace length', async () => {
    const [one, two] = await shards();
    const longer = { ...one.buckets[0].example, id: 'long', expected: [...one.buckets[0].example.expected, ['x\n', 0] as [string, number]] };
    const shorter = { ...one.buckets[0].example, id: 'short' };
    const a = { ...one, buckets: [{ ...one.buckets[0], example: longer }] };
    const b = { ...two, buckets: [{ ...one.buckets[0], example: shorter }] };
    expect(mergeReports([a, b]).buckets[0].example.id).toBe('short');
    expect(mergeReports([b, a]).buckets[0].example.id).toBe('short');
  });

  it('refuses reports of different target, clock or seed, the same shard twice, and nothing', async () => {
    const [one, two] = await shards();
    expect(() => mergeReports([one, { ...two, target: 'port' }])).toThrow('mergeReports: cannot merge reports of different target ("native", "port")');
    expect(() => mergeReports([one, { ...two, clock: 'ideal' }])).toThrow('different clock ("realistic", "ideal")');
    expect(() => mergeReports([one, { ...two, seed: 43 }])).toThrow('different seed (42, 43)');
    expect(() => mergeReports([one, one])).toThrow('mergeReports: shard 1 appears twice');
    expect(() => mergeReports([])).toThrow('mergeReports: no reports to merge');
  });

  it('refuses a whole run with anything else (they overlap), shards sliced differently, and other experiments', async () => {
    const [one, two] = await shards();
    const whole = await loadFixture('three-buckets');
    const sources = ['s1.json', 's2.json', 'whole.json'];
    expect(() => mergeReports([one, two, whole], { sources })).toThrow('mergeReports: whole.json is a whole run (not a shard): it overlaps every other report given');
    expect(() => mergeReports([whole, { ...whole }])).toThrow('is a whole run');
    expect(() => mergeReports([one, { ...two, shard: { index: 2, count: 4 } }])).toThrow('the shards slice the stream differently (into 2 and 4)');
    expect(() => mergeReports([one, { ...two, tool: { ...two.tool, version: '9.9.9' } }])).toThrow('different tool version');
    expect(() => mergeReports([one, { ...two, python: { ...two.python, version: '3.12.1' } }])).toThrow('different CPython');
    expect(() => mergeReports([{ ...one, constraints: { maxFunctions: 2 } }, two], { sources })).toThrow('different generator constraints ({"maxFunctions":2} in s1.json, {} in s2.json)');
    expect(() => mergeReports([{ ...one, shard: { index: 1, count: 2, runs: 500 } }, { ...two, shard: { index: 2, count: 2, runs: 502 } }])).toThrow('different --runs (500, 502)');
    expect(() => mergeReports([{ ...one, seed: 1 }, two], { sources })).toThrow('different seed (1 in s1.json, 42 in s2.json)');
    expect(() => mergeReports([one, one], { sources: ['a.json', 'b.json'] })).toThrow('shard 1 appears twice (a.json and b.json)');
  });

  it('constraints written in another key order are the same experiment; a report without --runs cannot disagree', async () => {
    const [one, two] = await shards();
    const merged = mergeReports([
      { ...one, constraints: { maxFunctions: 2, maxDepth: 1 }, shard: { index: 1, count: 2, runs: 500 } },
      { ...two, constraints: { maxDepth: 1, maxFunctions: 2 } },
    ]);
    expect(merged.runs).toBe(500);
  });

  it('a shard whose size does not fit its --runs is refused', async () => {
    const [one, two] = await shards();
    expect(() => mergeReports([{ ...one, shard: { index: 1, count: 2, runs: 400 } }, two], { sources: ['s1.json', 's2.json'] })).toThrow(
      's1.json says shard 1/2 of 400 runs but holds 250 (a shard of that run holds 200)',
    );
  });

  it('a shard missing: refused, naming it; with allowPartial, merged and marked partial', async () => {
    const [one] = await shards();
    expect(() => mergeReports([one])).toThrow('mergeReports: incomplete run: shard 2/2 missing');
    const four = [1, 3].map((index) => ({ ...one, shard: { index, count: 4 } }));
    expect(() => mergeReports(four)).toThrow('shards 2/4, 4/4 missing');
    const partial = mergeReports([one], { allowPartial: true });
    expect(partial.partial).toEqual({ count: 2, missing: [2] });
    expect(partial.runs).toBe(250);
    expect(partial.shard).toBeUndefined();
    expect(mergeReports(four, { allowPartial: true }).partial).toEqual({ count: 4, missing: [2, 4] });
  });

  it('shrink statistics are merged over every shard: counts and totals summed, the median of all the times', async () => {
    const [one, two] = await shards();
    const merged = mergeReports([
      { ...one, shrink: { count: 3, medianMs: 20, totalMs: 70, timesMs: [10, 20, 40] } },
      { ...two, shrink: { count: 2, medianMs: 250, totalMs: 500, timesMs: [100, 400] } },
    ]);
    expect(merged.shrink).toEqual({ count: 5, medianMs: 40, totalMs: 570, timesMs: [10, 20, 40, 100, 400] });
    // Reports without the times: the count-weighted median of the shards' medians.
    const older = mergeReports([
      { ...one, shrink: { count: 3, medianMs: 20, totalMs: 70 } },
      { ...two, shrink: { count: 2, medianMs: 250, totalMs: 500 } },
    ]);
    expect(older.shrink).toEqual({ count: 5, medianMs: 20, totalMs: 570 });
    const onlySecond = mergeReports([{ ...one, shrink: undefined }, { ...two, shrink: { count: 2, medianMs: 250, totalMs: 500, timesMs: [100, 400] } }]);
    expect(onlySecond.shrink).toEqual({ count: 2, medianMs: 250, totalMs: 500, timesMs: [100, 400] });
    const none = mergeReports([{ ...one, shrink: undefined }, { ...two, shrink: undefined }]);
    expect(none.shrink).toBeUndefined();
  });

  it('every refusal is a ReportInputError (the CLI maps it to exit 2)', async () => {
    const [one] = await shards();
    expect(() => mergeReports([one])).toThrow(ReportInputError);
    expect(() => validateReport({ ...one, buckets: [{ name: 'x' }] }, 'x.json')).toThrow('readJsonReport: x.json has a malformed bucket at index 0');
    expect(() => validateReport({ ...one, outcomes: { same: 1 } }, 'x.json')).toThrow('has no numeric "outcomes.differs"');
    expect(() => validateReport({ ...one, shard: { index: 3, count: 2 } }, 'x.json')).toThrow('has a malformed "shard"');
    await expect(readJsonReport(join(dir, 'no-such-file.json'))).rejects.toThrow(ReportInputError);
    await expect(readJsonReport(join(dir, 'no-such-file.json'))).rejects.toThrow(`cannot read ${join(dir, 'no-such-file.json')} (ENOENT)`);
  });

  /** Shards with random buckets: merging sums counts, keeps a smallest example, and ignores input order. */
  async function mergeProperty(parameters: fc.Parameters<[Array<Array<[string, number, number, number]>>, number[]]>) {
    const base = await loadFixture('all-agree');
    const template = (await loadFixture('three-buckets')).buckets[0];
    const bucketArb = fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 3 }));
    const shardsArb = fc.array(fc.uniqueArray(bucketArb, { selector: (bucket) => bucket[0], maxLength: 3 }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(shardsArb, fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (shardBuckets, shuffleKeys) => {
        const reports = shardBuckets.map((buckets, index): CheckReport => ({
          ...base,
          shard: { index: index + 1, count: shardBuckets.length },
          runs: 100,
          differences: buckets.reduce((total, bucket) => total + bucket[1], 0),
          buckets: buckets.map(([name, count, size, extra]): Bucket => ({
            ...template,
            name,
            count,
            example: {
              ...template.example,
              id: `shard${index + 1}-${name}`,
              size,
              expected: Array.from({ length: extra }, (): [string, number] => ['x\n', 0]),
            } satisfies Counterexample,
          })),
        }));
        const merged = mergeReports(reports);
        const shuffled = reports.map((report, index) => [shuffleKeys[index] ?? 0, report] as const).sort((x, y) => x[0] - y[0]).map((pair) => pair[1]);
        expect(mergeReports(shuffled)).toEqual(merged);
        expect(merged.runs).toBe(100 * reports.length);
        const all = reports.flatMap((report) => report.buckets);
        for (const bucket of merged.buckets) {
          const same = all.filter((other) => other.name === bucket.name);
          expect(bucket.count).toBe(same.reduce((total, other) => total + other.count, 0));
          expect(bucket.example.size).toBe(Math.min(...same.map((other) => other.example.size)));
        }
        expect(merged.buckets.map((bucket) => bucket.count)).toEqual([...merged.buckets.map((bucket) => bucket.count)].sort((x, y) => y - x));
        expect(merged.differences).toBe(merged.buckets.reduce((total, bucket) => total + bucket.count, 0));
      }),
      parameters,
    );
  }

  it('property: merging shards sums counts and keeps a smallest example (seed 42)', async () => {
    await mergeProperty({ seed: 42, numRuns: 200 });
  });

  it('property: merging shards sums counts and keeps a smallest example (random seed)', async () => {
    const seed = Date.now() ^ (Math.random() * 0x100000000);
    console.log(`mergeReports property seed: ${seed}`);
    await mergeProperty({ seed, numRuns: 200 });
  });
});
