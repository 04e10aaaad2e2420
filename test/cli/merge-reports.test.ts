/**
 * `merge-reports` under misuse: duplicates, overlaps, mixed runs, missing shards and files that
 * are not reports are refused with exit 2 and a message naming the file; a complete set merges.
 * The shards are real: `check --shard i/n --json` in-process.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TMP, cliInProcess } from './_cli.ts';

const DIR = join(TMP, 'merge');
const at = (...parts: string[]) => join(DIR, ...parts);
const RUN = ['check', '--runs', '12', '--seed', '5'];

async function check(args: string[], json: string): Promise<void> {
  const r = await cliInProcess([...args, '--json', json]);
  expect(r.exitCode, r.stderr).toBe(0);
}

/** A copy of a report with some fields changed (as another experiment would have written it). */
function edited(from: string, to: string, change: (report: Record<string, unknown>) => void): string {
  const report = JSON.parse(readFileSync(from, 'utf8')) as Record<string, unknown>;
  change(report);
  writeFileSync(to, JSON.stringify(report));
  return to;
}

function expectRefused(r: { exitCode: number; stdout: string; stderr: string }, ...words: string[]): void {
  expect(r.exitCode).toBe(2);
  expect(r.stdout).not.toContain('agree');
  for (const word of words) expect(r.stderr).toContain(word);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(at('shards'), { recursive: true });
  mkdirSync(at('other'), { recursive: true });
  await check([...RUN, '--shard', '1/2'], at('shards', '1.json'));
  await check([...RUN, '--shard', '2/2'], at('shards', '2.json'));
  await check(RUN, at('other', 'whole.json'));
  await check([...RUN, '--shard', '2/2', '--max-functions', '2'], at('other', 'constrained-2.json'));
  await check(['check', '--runs', '14', '--seed', '5', '--shard', '2/2'], at('other', 'runs14-2.json'));
  await check([...RUN, '--shard', '2/2', '--clock', 'ideal'], at('other', 'ideal-2.json'));
});

describe('merge-reports', () => {
  it('a complete set of shards merges into the whole run: exit 0', async () => {
    const r = await cliInProcess(['merge-reports', at('shards'), '--json', at('merged.json')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('All 12 programs agree with CPython.');
    const merged = JSON.parse(readFileSync(at('merged.json'), 'utf8'));
    const whole = JSON.parse(readFileSync(at('other', 'whole.json'), 'utf8'));
    expect(merged.runs).toBe(12);
    expect(merged.outcomes).toEqual(whole.outcomes);
    expect(merged.partial).toBeUndefined();
  });

  it('the same file twice (directly, or also through its folder) is refused', async () => {
    expectRefused(await cliInProcess(['merge-reports', at('shards', '1.json'), at('shards', '1.json')]), '1.json is given twice', 'each report counts once');
    expectRefused(await cliInProcess(['merge-reports', at('shards'), at('shards', '1.json')]), 'is given twice');
  });

  it('writing the merge over one of its inputs is refused, and the input is kept', async () => {
    const before = readFileSync(at('shards', '1.json'), 'utf8');
    expectRefused(await cliInProcess(['merge-reports', at('shards'), '--json', at('shards', '1.json')]), 'is one of the reports being merged');
    expect(readFileSync(at('shards', '1.json'), 'utf8')).toBe(before);
  });

  it('the same shard from two files is refused, naming both', async () => {
    const copy = at('other', 'copy-of-1.json');
    copyFileSync(at('shards', '1.json'), copy);
    expectRefused(await cliInProcess(['merge-reports', at('shards'), copy]), 'shard 1 appears twice', '1.json', 'copy-of-1.json');
  });

  it('a whole run with its shards overlaps: refused', async () => {
    expectRefused(await cliInProcess(['merge-reports', at('shards'), at('other', 'whole.json')]), 'whole.json is a whole run (not a shard): it overlaps');
  });

  it.each([
    ['generator constraints', 'constrained-2.json'],
    ['--runs', 'runs14-2.json'],
    ['clock', 'ideal-2.json'],
  ])('a shard of another run (different %s) is refused', async (what, file) => {
    expectRefused(await cliInProcess(['merge-reports', at('shards', '1.json'), at('other', file)]), `cannot merge reports of different ${what}`, file);
  });

  it.each([
    ['seed', (r: Record<string, unknown>) => void (r.seed = 6)],
    ['target', (r: Record<string, unknown>) => void (r.target = 'native')],
    ['tool version', (r: Record<string, unknown>) => void (r.tool = { name: 'asyncio-conformance', version: '0.0.1' })],
  ])('a report of another experiment (different %s) is refused', async (what, change) => {
    const file = edited(at('shards', '2.json'), at('other', `changed-${what.replace(' ', '-')}.json`), change);
    expectRefused(await cliInProcess(['merge-reports', at('shards', '1.json'), file]), `cannot merge reports of different ${what}`);
  });

  it('a lone shard is not the whole run: exit 2 naming the missing shard; --allow-partial merges it, marked PARTIAL', async () => {
    const lone = await cliInProcess(['merge-reports', at('shards', '1.json')]);
    expectRefused(lone, 'incomplete run: shard 2/2 missing', '--allow-partial');
    const partial = await cliInProcess(['merge-reports', at('shards', '1.json'), '--allow-partial', '--json', at('partial.json'), '--junit', at('partial.xml'), '--report', at('partial-html')]);
    expect(partial.exitCode).toBe(0);
    expect(partial.stdout).toContain('PARTIAL: shard 2/2 missing; these 6 programs are not the whole run.');
    expect(partial.stdout).not.toContain('All 6 programs agree with CPython.');
    expect(JSON.parse(readFileSync(at('partial.json'), 'utf8')).partial).toEqual({ count: 2, missing: [2] });
    expect(readFileSync(at('partial.xml'), 'utf8')).toContain('shards 2/2 missing: not the whole run');
    expect(readFileSync(at('partial-html', 'index.html'), 'utf8')).toContain('<title>asyncio-conformance: 0 of 6 differ (port) PARTIAL: shards 2/2 missing</title>');
  });

  it('files that are not reports: exit 2 with the file name', async () => {
    const bad = at('bad');
    mkdirSync(bad, { recursive: true });
    const cases: Array<[string, string, string]> = [
      ['garbage.json', '<html>', 'is not JSON'],
      ['array.json', '[]', 'is not a CheckReport'],
      ['schema-only.json', '{"schema":1}', 'was not written by asyncio-conformance'],
      ['no-outcomes.json', JSON.stringify({ ...JSON.parse(readFileSync(at('shards', '1.json'), 'utf8')), outcomes: null }), 'has no "outcomes" object'],
    ];
    for (const [name, text, why] of cases) {
      writeFileSync(join(bad, name), text);
      expectRefused(await cliInProcess(['merge-reports', join(bad, name)]), join(bad, name), why);
    }
    expectRefused(await cliInProcess(['merge-reports', at('no-such.json')]), 'no-such.json: no such file or folder');
    const empty = at('empty-folder');
    mkdirSync(empty, { recursive: true });
    expectRefused(await cliInProcess(['merge-reports', empty]), 'no .json report found');
  });
});
