/**
 * `matrix`: every Python here and the port at each version, on the same programs, written as
 * JSON and one HTML page. The run loads every embedded CPython once (seconds each), so the
 * file runs it once, with a modest count, and reads both outputs.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EMBEDDED_BUILDS } from '../../oracle/embedded/builds.ts';
import { renderMatrixHtml, type Matrix } from '../../reports/matrix.ts';
import { cliInProcess, TMP, type CliResult } from './_cli.ts';

const DIR = join(TMP, 'matrix');
const out = (name: string) => join(DIR, name);

describe('matrix --runs 60 --seed 42 --no-shrink', () => {
  let run: CliResult;
  let matrix: Matrix;

  beforeAll(async () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    // --no-shrink: shrinking is check's (test/cli/check.test.ts), and here it would be most of three minutes.
    run = await cliInProcess(['matrix', '--runs', '60', '--seed', '42', '--no-shrink', '--json', out('matrix.json'), '--report', out('html')]);
    matrix = JSON.parse(readFileSync(out('matrix.json'), 'utf8')) as Matrix;
  }, 300_000);

  it('puts every embedded CPython against the baseline, and the port at every version against its CPython, with no port difference (exit 0)', () => {
    expect(run.exitCode, run.stderr).toBe(0);
    const names = matrix.columns.map((c) => c.name);
    for (const build of EMBEDDED_BUILDS) expect(names).toContain(build.name);
    for (const version of ['3.11', '3.12', '3.13', '3.14', '3.15']) {
      const port = matrix.columns.find((c) => c.name === `port@${version}`);
      expect(port, version).toBeDefined();
      expect(port?.against).toBe(version === '3.11' ? 'system' : `cpython-${version}`);
      expect(port?.differences).toBe(0);
      expect(port?.outcomes.same).toBe(60);
    }
    for (const column of matrix.columns) expect(column.runs).toBe(60);
    expect(matrix.seed).toBe(42);
  });

  it('shows progress per column and a line per column on stdout', () => {
    for (const build of EMBEDDED_BUILDS) {
      expect(run.stderr).toContain(`matrix ${build.name}`);
      expect(run.stdout).toMatch(new RegExp(`^${build.name.replace('.', '\\.')}\\s+vs system\\s+\\d+ of 60 differ`, 'm'));
    }
  });

  it('writes one page with a column per side and every cause as a row', () => {
    const html = readFileSync(out('html/index.html'), 'utf8');
    for (const column of matrix.columns) expect(html).toContain(`${column.name}<br>`);
    for (const cause of matrix.causes) expect(html).toContain(`<small>${cause.name}</small>`);
    expect(html).toContain('programs that differ');
  });

  it('refuses to run without an output (exit 2)', async () => {
    const r = await cliInProcess(['matrix', '--runs', '5']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--report DIR, --json FILE');
  });
});

describe('the matrix page', () => {
  it('escapes program text, traces and names: nothing in a program can end the data or add markup', async () => {
    const evil = "print('</script><img src=x onerror=alert(1)>')\n";
    const matrix: Matrix = {
      schema: 1,
      seed: 1,
      runs: 1,
      clock: 'realistic',
      startedAt: '2026-12-03T00:00:00.000Z',
      durationMs: 1,
      unavailable: [{ name: 'pypy', reason: 'no <b>pypy3</b>' }],
      causes: [{ name: 'unclassified', title: 'Unclassified <i>', description: '"quoted"' }],
      columns: [
        {
          name: 'cpython-3.12',
          kind: 'oracle',
          against: 'system',
          version: '3.12.7',
          runs: 1,
          differences: 1,
          outcomes: { same: 0, differs: 1, oracleCrash: 0, portCrash: 0, timeout: 0, generatorBug: 0 },
          cells: [{ cause: 'unclassified', count: 1, python: evil, replay: 'x', expected: [['</pre>\n', 0]], actual: [], expectedOutcome: { kind: 'ok' }, actualOutcome: { kind: 'ok' } }],
        },
      ],
    };
    const html = await renderMatrixHtml(matrix);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>pypy3');
    expect(html).not.toContain('Unclassified <i>');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html.match(/<\/script>/g)?.length).toBe(1); // only the data element's own end tag
    const data = /<script type="application\/json" id="matrix-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(data)).toEqual(matrix);
  });
});
