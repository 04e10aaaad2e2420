/** ir/validate.ts: an IR read from outside is checked before anything prints or runs it. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../ir/program.ts';
import { identifierProblem, IrInputError, PYTHON_BUILTIN_NAMES, PYTHON_KEYWORDS, validateProgram } from '../../ir/validate.ts';
import { samplePrograms } from '../../generators/index.ts';
import { PYTHON } from '../_support/python.ts';

const mainCalling = (expr: unknown): unknown => ({
  functions: [{ name: 'main', isAsync: true, params: [], body: [{ kind: 'expr', expr }] }],
  body: [],
});

describe('validateProgram', () => {
  it('accepts every generated program (seed 42, 300 programs)', () => {
    for (const program of samplePrograms({ seed: 42, count: 300 })) expect(validateProgram(program)).toBe(program);
  });

  it('names the first bad field by its path', () => {
    const bad = mainCalling({ kind: 'builtin', func: 'print', args: [{ kind: 'name', id: 'eval' }], keywords: [] });
    expect(() => validateProgram(bad, 'x.json')).toThrow(new IrInputError('x.json: not a valid program IR: functions[0].body[0].expr.args[0].id: eval is a Python builtin'));
  });

  it.each([
    ['not an object', 42],
    ['a name with a space', mainCalling({ kind: 'name', id: 'a b' })],
    ['a keyword as a name', mainCalling({ kind: 'name', id: 'lambda' })],
    ['a dunder name', mainCalling({ kind: 'name', id: '__class__' })],
    ['a non-ASCII name', mainCalling({ kind: 'name', id: 'ｅｘｅｃ' })],
    ['an unknown expression', mainCalling({ kind: 'notAKind', body: { kind: 'none' } })],
    ['a call of an unknown function', mainCalling({ kind: 'call', func: 'exec', args: [], keywords: [] })],
    ['an asyncio function outside the list', mainCalling({ kind: 'asyncio', func: 'open_connection', args: [], keywords: [] })],
    ['a compare with too few comparators', mainCalling({ kind: 'compare', left: { kind: 'int', value: 1 }, ops: ['<', '<'], comparators: [{ kind: 'int', value: 2 }] })],
    ['an int beyond 2**53', mainCalling({ kind: 'int', value: 2 ** 60 })],
    ['a conversion !a', mainCalling({ kind: 'fstring', parts: [{ value: { kind: 'int', value: 1 }, conversion: 'a' }] })],
    ['a non-positive line', { functions: [], body: [{ kind: 'pass', line: 0 }] }],
    ['a lambda whose body is not one return', mainCalling({ kind: 'lambda', def: { name: '<lambda>', isAsync: false, params: [], body: [] } })],
    ['a nested def named like a module function', { functions: [{ name: 'f', isAsync: false, params: [], body: [{ kind: 'def', def: { name: 'f', isAsync: false, params: [], body: [] } }] }], body: [] }],
    ['a function defined twice', { functions: [{ name: 'f', isAsync: false, params: [], body: [] }, { name: 'f', isAsync: false, params: [], body: [] }], body: [] }],
  ])('refuses %s', (_what, value) => {
    expect(() => validateProgram(value as Program)).toThrow(IrInputError);
  });

  it('knows the keywords and builtins of the CPython it runs on', () => {
    const script = 'import builtins, keyword, json\nprint(json.dumps([keyword.kwlist, sorted(n for n in dir(builtins) if not (n.startswith("__") and n.endswith("__")))]))';
    const [keywords, builtins] = JSON.parse(execFileSync(PYTHON, ['-c', script], { encoding: 'utf8' })) as [string[], string[]];
    expect([...PYTHON_KEYWORDS].sort()).toEqual([...keywords].sort());
    expect([...PYTHON_BUILTIN_NAMES].sort()).toEqual(builtins);
    expect(identifierProblem('x1')).toBeUndefined();
    expect(identifierProblem('asyncio')).toBe('asyncio is a Python builtin');
  });
});
