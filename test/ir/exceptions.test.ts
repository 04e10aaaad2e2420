/**
 * The exception nodes of the IR (ir/program.ts TryStmt, RaiseStmt, AssertStmt, excClass,
 * excCall, isinstance, typeName, excAttr): what validate accepts and refuses, and how the
 * printer writes them (each handler on its source line, `finally:` kept).
 */
import { describe, expect, it } from 'vitest';
import type { Expr, Program, Stmt } from '../../ir/program.ts';
import { IR_VERSION } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { validateProgram } from '../../ir/validate.ts';

const main = (body: Stmt[]): Program => ({ functions: [{ name: 'main', isAsync: true, params: [], body }], body: [] });
const name = (id: string): Expr => ({ kind: 'name', id });
const print = (...args: Expr[]): Stmt => ({ kind: 'expr', expr: { kind: 'builtin', func: 'print', args, keywords: [] } });

describe('exception IR', () => {
  it('IR_VERSION is 3', () => {
    expect(IR_VERSION).toBe(3);
  });

  it('prints try/except/else/finally, raise from, bare raise and assert', () => {
    const program = main([
      {
        kind: 'try',
        body: [{ kind: 'raise', exc: { kind: 'excCall', name: 'ValueError', args: [{ kind: 'str', value: 'x' }] } }],
        handlers: [
          { type: { kind: 'tuple', elts: [{ kind: 'excClass', name: 'KeyError' }, { kind: 'excClass', name: 'asyncio.CancelledError' }] }, name: 'e', body: [{ kind: 'raise' }] },
          { type: { kind: 'excClass', name: 'ValueError' }, name: 'v', body: [{ kind: 'raise', exc: { kind: 'excClass', name: 'RuntimeError' }, cause: name('v') }] },
          { body: [print({ kind: 'typeName', value: name('x') }, { kind: 'excAttr', object: { kind: 'int', value: 5 }, attr: 'args' })] },
        ],
        orelse: [{ kind: 'assert', test: { kind: 'isinstance', value: name('x'), types: { kind: 'excClass', name: 'Exception' } }, msg: { kind: 'str', value: 'm' } }],
        finalbody: [{ kind: 'raise', exc: { kind: 'excCall', name: 'TypeError', args: [] }, cause: { kind: 'none' } }],
      },
      { kind: 'assign', target: { kind: 'name', id: 'x' }, value: { kind: 'int', value: 1 } },
    ]);
    expect(printPython(program)).toContain(
      [
        '    try:',
        "        raise ValueError('x')",
        '    except (KeyError, asyncio.CancelledError) as e:',
        '        raise',
        '    except ValueError as v:',
        '        raise RuntimeError from v',
        '    except:',
        '        print(type(x).__name__, (5).args)',
        '    else:',
        "        assert isinstance(x, Exception), 'm'",
        '    finally:',
        '        raise TypeError() from None',
      ].join('\n'),
    );
  });

  it.each<[string, Stmt, string]>([
    ['an unknown exception class', { kind: 'expr', expr: { kind: 'excClass', name: 'SystemExit' as never } }, 'not a listed exception class'],
    ['a smuggled class name', { kind: 'expr', expr: { kind: 'excCall', name: "os.system('x')" as never, args: [] } }, 'not a listed exception class'],
    ['an attribute outside the list', { kind: 'expr', expr: { kind: 'excAttr', object: name('x'), attr: '__traceback__' as never } }, 'not a listed exception attribute'],
    ['a bare raise outside a handler', { kind: 'raise' }, 'a bare raise outside an except handler'],
    ['a try with neither handler nor finally', { kind: 'try', body: [], handlers: [], orelse: [], finalbody: [] }, 'a try needs an except handler or a finally'],
    ['a bare except before another', { kind: 'try', body: [], handlers: [{ body: [] }, { type: { kind: 'excClass', name: 'Exception' }, body: [] }], orelse: [], finalbody: [] }, 'a bare except must be the last handler'],
    ['a handler name that is a builtin', { kind: 'try', body: [], handlers: [{ type: { kind: 'excClass', name: 'Exception' }, name: 'exec', body: [] }], orelse: [], finalbody: [] }, 'exec is a Python builtin'],
  ])('refuses %s', (_, stmt, message) => {
    expect(() => validateProgram(main([{ kind: 'assign', target: { kind: 'name', id: 'x' }, value: { kind: 'int', value: 1 } }, stmt]))).toThrow(message);
  });
});
