/**
 * The iteration slice (issue 8 item 5) end to end: asyncio programs with generators, async
 * generators and `async for` (_iteration-programs.ts) print on the port exactly what
 * `python3 FILE` prints, with the same exit code and last traceback line; the port's trace
 * matches the oracle's entry for entry (text, virtual time, task, loop iteration), so an
 * `async for` costs the loop iterations it costs in CPython; the native profile runs them
 * without a harness crash; what stays outside the
 * slice is refused with `file:line:col: unsupported ...` (exit 2).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { PYTHON } from '../_support/python.ts';
import { cliInProcess, TMP } from './_cli.ts';
import { ITERATION_PROGRAMS, ITERATION_REFUSALS } from './_iteration-programs.ts';

const DIR = join(TMP, 'iteration');
const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

beforeAll(() => {
  mkdirSync(DIR, { recursive: true });
  for (const [name, program] of Object.entries(ITERATION_PROGRAMS)) writeFileSync(join(DIR, name), program.source);
  for (const [name, [text]] of Object.entries(ITERATION_REFUSALS)) writeFileSync(join(DIR, name), text);
});

/** The trace and outcome of `run --json` (what two targets must agree on, iteration column included). */
function traceOf(json: string): unknown {
  const run = JSON.parse(json) as { trace: unknown; outcome: unknown; iterations: unknown };
  return { trace: run.trace, outcome: run.outcome, iterations: run.iterations };
}

// One program at a time: each runs python3, the oracle and the port, which is load enough for the shared cores.
describe('generators and async generators in asyncio programs', () => {
  for (const [name, program] of Object.entries(ITERATION_PROGRAMS)) {
    it(`${name}: the port prints what python3 prints, iteration for iteration`, async () => {
      const file = join(DIR, name);
      const python = await execa(PYTHON, [file], { reject: false, stripFinalNewline: false });
      const port = await cliInProcess(['run', file, '--target', 'port']);
      const oracleJson = await cliInProcess(['run', file, '--target', 'cpython', '--json']);
      const portJson = await cliInProcess(['run', file, '--target', 'port', '--json']);
      expect(python.stdout).not.toBe('');
      expect(port.stdout).toBe(python.stdout);
      expect(port.exitCode).toBe(python.exitCode);
      if (python.exitCode !== 0) expect(lastLine(port.stderr)).toBe(lastLine(python.stderr));
      expect(traceOf(portJson.stdout)).toEqual(traceOf(oracleJson.stdout));
      if (!program.native) return;
      // No harness crash (the bucket of a native difference: test/compare/buckets.test.ts).
      const native = await cliInProcess(['run', file, '--target', 'native']);
      expect(native.stderr).not.toContain('could not run');
      expect(native.exitCode).toBe(python.exitCode);
    }, 300_000);
  }
});

describe.concurrent('outside the slice: refused with file:line:col', () => {
  for (const [name, [, expected]] of Object.entries(ITERATION_REFUSALS)) {
    it(name, async () => {
      const file = join(DIR, name);
      const result = await cliInProcess(['run', file, '--target', 'port']);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(`${file}:${expected}`);
    });
  }
});
