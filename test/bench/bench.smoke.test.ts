/**
 * `npm run bench` is part of the product: run with tiny counts, it must finish and print every
 * figure and every goal (issues 10 and 11), so it can never silently break again. Nothing here is
 * timed: the figures of a tiny run mean nothing, only that each stage ran.
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/_cli.ts';

/** Every goal row of the closing table (bench/main.ts), by the start of its figure. */
const GOALS = [
  'startup: --help',
  'startup: run FILE.py --target cpython',
  'startup: run FILE.py --target port',
  'oracle: pool / spawn per program',
  'oracle: one worker',
  'port / CPython, per program',
  'check / oracle alone',
  'check end to end',
  'check: all cores / 1 core',
  'check memory: 1,000 / 100 programs',
  'report: ',
  'report: page opens in chromium',
  'embedded cpython-',
];

/** The figures printed before the table, one line each. */
const FIGURES = [
  'node -e 0',
  'python3 FILE.py',
  'asyncio-conformance --help',
  'run FILE.py --target native',
  'persistent pool, 1 worker',
  'spawning python3 per program',
  'ratio port / CPython',
  'per loop handle',
  'transpile stage: strip (oxc-transform)',
  'transpile stage: prettier',
  'check (oracle + port + compare)',
  'check (the CLI) pinned to 1 core',
  'check --runs 100 ',
  'check --runs 1,000 ',
  'JSON + JUnit + HTML written',
  'page opened in headless Chromium',
  'system CPython',
];

describe('npm run bench -- --tiny', () => {
  it('finishes and prints every figure and every goal with its measured value', { timeout: 900_000 }, async () => {
    const r = await execa('npm', ['run', '--silent', 'bench', '--', '--tiny'], { cwd: ROOT, reject: false, timeout: 900_000 });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const out = String(r.stdout);
    for (const figure of FIGURES) expect(out, figure).toMatch(new RegExp(`^ *${escape(figure)}.*\\d`, 'm'));
    const table = out.slice(out.indexOf('Goals (issues 10 and 11)'));
    expect(table).toMatch(/^figure +measured +goal +met\?$/m);
    for (const goal of GOALS) {
      // figure, a measured value with a number in it, the goal, and yes / NO (n/a only when chromium is missing).
      expect(table, goal).toMatch(new RegExp(`^${escape(goal)}.*\\d.*  (yes|NO|n/a)$`, 'm'));
    }
    expect(table.split('\n').filter((row) => /  (yes|NO|n\/a)$/.test(row)).length).toBeGreaterThanOrEqual(GOALS.length);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
