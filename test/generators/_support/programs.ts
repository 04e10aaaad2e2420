/** Test helpers over generated programs: their print labels, and running them on CPython. */
import { expect } from 'vitest';
import type { Expr, Program, RunResult, Stmt } from '../../../ir/program.ts';
import { printPython } from '../../../ir/python.ts';
import { isFailure } from '../../../compare/verdict.ts';
import { runTwiceOnOracle } from './cpython.ts';

/** Every `print(...)` statement's first argument, with the function it sits in. */
export function printLabels(program: Program): Array<{ func: string; label: Expr | undefined }> {
  const labels: Array<{ func: string; label: Expr | undefined }> = [];
  const walk = (func: string, body: Stmt[]): void => {
    for (const s of body) {
      if (s.kind === 'expr' && s.expr.kind === 'builtin' && s.expr.func === 'print') labels.push({ func, label: s.expr.args[0] });
      // A nested def's and a with's prints belong to the enclosing function (the label names it).
      if (s.kind === 'for' || s.kind === 'while' || s.kind === 'with') walk(func, s.body);
      if (s.kind === 'def') walk(func, s.def.body);
      if (s.kind === 'if') { walk(func, s.body); walk(func, s.orelse); }
      if (s.kind === 'try') { walk(func, s.body); for (const h of s.handlers) walk(func, h.body); walk(func, s.orelse); walk(func, s.finalbody); }
    }
  };
  for (const f of program.functions) walk(f.name, f.body);
  return labels;
}

/** Labels are `'<function>:<index>'` string literals, name their own function, and are unique. */
export function expectMeaningfulUniqueLabels(programs: Program[]): void {
  const problems: string[] = [];
  programs.forEach((program, i) => {
    const seen = new Set<string>();
    for (const { func, label } of printLabels(program)) {
      const text = label?.kind === 'str' ? label.value : undefined;
      if (text === undefined || !text.startsWith(`${func}:`) || !/^\w+:\d+$/.test(text)) problems.push(`#${i}: bad label ${JSON.stringify(label)} in ${func}`);
      else if (seen.has(text)) problems.push(`#${i}: duplicate label ${text}`);
      else seen.add(text);
    }
  });
  expect(problems).toEqual([]);
}

/** Runs the programs on the product's oracle and expects each to exit cleanly and deterministically. */
export async function expectAllRunCleanly(programs: Program[]): Promise<{ totalLines: number; totalIterations: number }> {
  const results = await runTwiceOnOracle(programs);
  const failures = results
    .map((r, i) => ({ i, error: r.error, source: printPython(programs[i]) }))
    .filter((_, i) => !results[i].ok);
  expect(failures.slice(0, 2)).toEqual([]);
  const runs = results.map((r) => r.result).filter((r): r is RunResult => !isFailure(r));
  return {
    totalLines: runs.reduce((n, r) => n + r.trace.length, 0),
    totalIterations: runs.reduce((n, r) => n + r.iterations, 0),
  };
}
