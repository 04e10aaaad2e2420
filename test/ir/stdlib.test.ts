/**
 * The IR of `import time` / `random` / `math` (ir/program.ts `imports`, `stdlib`,
 * `stdlibConst`): what the validator refuses, and how the printer writes the imports in
 * both layouts (compact, and on the source's lines: one line each when they fit, else one
 * line joined with `;`).
 */
import { describe, expect, it } from 'vitest';
import type { Expr, Program } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { validateProgram } from '../../ir/validate.ts';

const sleepCall: Expr = { kind: 'stdlib', module: 'time', func: 'sleep', args: [{ kind: 'int', value: 1 }], keywords: [] };

function program(imports: string[] | undefined, line?: number): Program {
  return { ...(imports ? { imports } : {}), functions: [], body: [{ kind: 'expr', expr: sleepCall, ...(line ? { line } : {}) }] } as unknown as Program;
}

describe('stdlib IR', () => {
  it('validates a call of a listed function of an imported module', () => {
    expect(() => validateProgram(program(['time']))).not.toThrow();
  });

  it.each([
    ['a module that is not imported', program(undefined), 'body[0].expr.module: "time" is not imported'],
    ['an unlisted module', program(['os']), 'imports[0]: "os" is not an importable module'],
    ['an unlisted function', { ...program(['time']), body: [{ kind: 'expr', expr: { ...sleepCall, func: 'strftime' } }] }, 'body[0].expr.func: "strftime" is not a listed member of time'],
    ['a module name bound', { ...program(['time']), body: [{ kind: 'assign', target: { kind: 'name', id: 'time' }, value: { kind: 'int', value: 1 } }] }, 'body[0].target.id: time is an imported module'],
  ])('refuses %s', (_what, p, message) => {
    expect(() => validateProgram(p)).toThrow(message);
  });

  it('prints one import a line, or joins them when the first statement leaves no room', () => {
    expect(printPython(program(['time', 'random']))).toBe('import asyncio\nimport time\nimport random\n\n\ntime.sleep(1)\n');
    expect(printPython(program(['time', 'random'], 5))).toBe('import asyncio\nimport time\nimport random\n\ntime.sleep(1)\n');
    expect(printPython(program(['time', 'random'], 2))).toBe('import asyncio; import time; import random\ntime.sleep(1)\n');
  });
});
