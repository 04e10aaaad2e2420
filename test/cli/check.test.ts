/**
 * `check` on the port: every program agrees, the outputs say so, shards and replays. Its run
 * against the native profile (buckets, --ignore-bucket, --save-corpus) is
 * test/cli/native-seed-42.test.ts's, whose one shrunk run the lessons tests read too.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
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
