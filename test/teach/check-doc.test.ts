/**
 * `check-doc` in-process (cliInProcess) on the fixture tutorials, on the real CPython oracle:
 * exactly which claims are wrong, with CPython's output, the blocks that do not parse with
 * their document line:col, and the JSON / JUnit written beside.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess, ROOT } from '../cli/_cli.ts';
import type { DocReport } from '../../teach/check-doc.ts';

const FIXTURES = 'test/teach/fixtures';
const TMP = join(ROOT, 'test/.tmp/check-doc');

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
});

const summary = (report: DocReport) => report.blocks.map((b) => [b.location, b.verdict]);

describe('the seed tutorial (Markdown, claims in prose and in output blocks)', () => {
  let stdout: string;
  let exitCode: number;
  let report: DocReport;
  let junit: string;
  beforeAll(async () => {
    const json = join(TMP, 'tutorial.json');
    const xml = join(TMP, 'tutorial.xml');
    ({ stdout, exitCode } = await cliInProcess(['check-doc', `${FIXTURES}/tutorial.md`, '--json', json, '--junit', xml]));
    report = JSON.parse(readFileSync(json, 'utf8')) as DocReport;
    junit = readFileSync(xml, 'utf8');
  });

  it('reports exactly the `await asyncio.sleep(2)` claim as wrong, with what CPython prints, and exits 1', () => {
    expect(exitCode).toBe(1);
    const f = `${FIXTURES}/tutorial.md`;
    expect(summary(report)).toEqual([
      [`${f}:6:1`, 'holds'],
      [`${f}:25:1`, 'does-not-hold'],
      [`${f}:47:1`, 'no-claim'],
      [`${f}:57:1`, 'holds'],
      [`${f}:74:1`, 'does-not-parse'],
      [`${f}:84:1`, 'holds'],
      [`${f}:101:1`, 'holds'],
    ]);
    const wrong = report.blocks[1];
    expect(wrong.claim).toMatchObject({ source: 'prose', lines: ['shav', 'finished', 'text'], location: `${f}:40:20` });
    expect(wrong.real).toEqual(['shav', 'text', 'finished']);
    expect(wrong.firstDifference).toEqual({ line: 2, claimed: 'finished', real: 'text' });
    expect(stdout).toContain(`${f}:25:1: DOES NOT HOLD\n  claimed (${f}:40:20, prose): shav | finished | text\n  CPython ${report.python.version} prints: shav | text | finished\n`);
  });

  it('gives the block that does not parse the line:col of the error in the document', () => {
    expect(report.blocks[4].reason).toBe(`${FIXTURES}/tutorial.md:77:25: syntax error: '(' was never closed`);
  });

  it('runs the snippet that builds on an earlier block with that block joined before it', () => {
    expect(report.blocks[3].borrowedFrom).toEqual([47, 49, 50, 51].map((line) => `${FIXTURES}/tutorial.md:${line}:1`));
    expect(report.blocks[3].real).toEqual(['world', 'hello']);
  });

  it('flags the claim that holds only by timing luck, and no other', () => {
    expect(report.blocks.map((b) => b.timingSensitive === true)).toEqual([false, false, false, false, false, false, true]);
    expect(stdout).toContain('holds only by timing luck');
  });

  it('writes JUnit with one failing case per finding', () => {
    const xml = new XMLParser({ ignoreAttributes: false }).parse(junit) as { testsuites: { testsuite: { '@_tests': string; '@_failures': string } } };
    expect(xml.testsuites.testsuite['@_tests']).toBe('7');
    expect(xml.testsuites.testsuite['@_failures']).toBe('2');
  });
});

describe('other formats', () => {
  it('rst: the wrong output block is the one finding; the import of os cannot be checked, with its line:col', async () => {
    const json = join(TMP, 'rst.json');
    const r = await cliInProcess(['check-doc', `${FIXTURES}/tutorial.rst`, '--json', json]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as DocReport;
    const f = `${FIXTURES}/tutorial.rst`;
    expect(summary(report)).toEqual([
      [`${f}:9:4`, 'holds'],
      [`${f}:27:4`, 'holds'],
      [`${f}:43:4`, 'does-not-hold'],
      [`${f}:66:4`, 'cannot-check'],
      [`${f}:78:5`, 'holds'],
    ]);
    expect(report.blocks[2].real).toEqual(['second', 'first']);
    expect(report.blocks[3].reason).toBe(`${f}:69:8: unsupported import of os (the subset imports only asyncio, functools, collections, dataclasses, datetime, itertools, math, random, time)`);
  });

  it('a notebook: the saved output that CPython does not reproduce, the IPython magic, the cell that does not parse', async () => {
    const json = join(TMP, 'nb.json');
    const r = await cliInProcess(['check-doc', `${FIXTURES}/notebook.ipynb`, '--json', json]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as DocReport;
    expect(report.blocks.map((b) => b.verdict)).toEqual(['no-claim', 'holds', 'does-not-hold', 'cannot-check', 'does-not-parse']);
    expect(report.blocks[2]).toMatchObject({ real: ['main done'], firstDifference: { line: 2, claimed: 'late' } });
    expect(report.blocks[4].reason).toBe(`${FIXTURES}/notebook.ipynb:cell 7:1:6: syntax error: '(' was never closed`);
  });

  it('doctest sessions, console blocks and a claimed traceback', async () => {
    const json = join(TMP, 'sessions.json');
    const r = await cliInProcess(['check-doc', `${FIXTURES}/sessions.md`, '--json', json]);
    expect(r.exitCode).toBe(1);
    const report = JSON.parse(readFileSync(json, 'utf8')) as DocReport;
    expect(report.blocks.map((b) => b.verdict)).toEqual(['holds', 'does-not-hold', 'holds', 'holds', 'cannot-check']);
    expect(report.blocks[1].firstDifference).toEqual({ line: 3, claimed: '3', real: '2' });
    expect(report.blocks[4].reason).toBe(`${FIXTURES}/sessions.md:72:9: unsupported import of os (the subset imports only asyncio, functools, collections, dataclasses, datetime, itertools, math, random, time)`);
  });
});

describe('exit codes', () => {
  it('0 when every claim holds', async () => {
    const file = join(TMP, 'good.md');
    writeFileSync(file, '```python\nimport asyncio\n\nasync def main():\n    print("a")\n    await asyncio.sleep(0.1)\n    print("b")\n\nasyncio.run(main())\n```\n\nThis prints `a, b`.\n');
    const r = await cliInProcess(['check-doc', file]);
    expect(r.stdout).toContain('good.md:2:1: holds\n');
    expect(r.exitCode).toBe(0);
  });

  it('2 for a file of another kind, a missing file, or a notebook that is not JSON', async () => {
    const bad = join(TMP, 'bad.ipynb');
    writeFileSync(bad, 'not json');
    const results = await Promise.all([cliInProcess(['check-doc', 'README.txt']), cliInProcess(['check-doc', join(TMP, 'missing.md')]), cliInProcess(['check-doc', bad])]);
    expect(results.map((r) => r.exitCode)).toEqual([2, 2, 2]);
    expect(results[0].stderr).toContain('expected a tutorial ending in .md, .markdown, .rst or .ipynb');
    expect(results[1].stderr).toContain('cannot read it (ENOENT)');
    expect(results[2].stderr).toContain('not a notebook');
  });
});

describe('--versions', () => {
  it('flags a claim whose output depends on the Python version (gather of a finished task: 3.11 yields, 3.12 does not)', async () => {
    const json = join(TMP, 'versions.json');
    const r = await cliInProcess(['check-doc', `${FIXTURES}/versions.md`, '--versions', 'cpython-3.12', '--json', json]);
    expect(r.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(json, 'utf8')) as DocReport;
    expect(report.blocks).toHaveLength(1);
    expect(report.blocks[0]).toMatchObject({ verdict: 'holds', real: ['tick 0', 'tick 1', 'gathered', 'tick 2'] });
    expect(report.blocks[0].versions).toEqual([{ oracle: 'cpython-3.12', version: expect.stringMatching(/^3\.12\./), real: ['gathered', 'tick 0'] }]);
    expect(r.stdout).toContain('output depends on the Python version (cpython-3.12)');
  });

  it('refuses an unknown oracle name (exit 2)', async () => {
    const r = await cliInProcess(['check-doc', `${FIXTURES}/versions.md`, '--versions', 'cpython-x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown oracle "cpython-x"');
  });
});
