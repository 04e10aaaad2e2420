/** The `.py` importer: CPython's ast -> IR, refusals with line:col, and round trips through the oracle. */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printPython } from '../../ir/python.ts';
import { ProgramInputError } from '../../oracle/errors.ts';
import { importPythonFile, importPythonSource } from '../../oracle/importer.ts';
import { Oracle } from '../../oracle/pool.ts';
import { samplePrograms } from '../../generators/index.ts';
import { execa } from 'execa';
import { PYTHON } from './helpers.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const REPO = new URL('../../', import.meta.url).pathname;

let oracle: Oracle;
beforeAll(async () => {
  oracle = await Oracle.start({ workers: 2 });
});
afterAll(async () => {
  await oracle.close();
});

/** Imports `source`, prints the IR back as Python, and runs both on the oracle. */
async function roundTrip(source: string, filename = 'prog.py') {
  const program = await importPythonSource(source, filename, oracle);
  const printed = printPython(program);
  const [original, reprinted] = await Promise.all([oracle.run(source), oracle.run(printed)]);
  return { program, printed, original, reprinted };
}

describe('importing', () => {
  it('a tutorial file with every construct imports, and its printed IR runs with the same trace', async () => {
    const path = join(FIXTURES, 'every_construct.py');
    const program = await importPythonFile(path, oracle);
    expect(program.header).toMatchObject({ source: path });
    expect(program.functions.map((f) => [f.name, f.isAsync, f.line])).toEqual([
      ['describe', false, 8],
      ['compute', true, 18],
      ['greeter', true, 32],
      ['main', true, 38],
    ]);
    const { original, reprinted } = await roundTrip(await readFile(path, 'utf8'));
    expect(original.outcome).toEqual({ kind: 'ok' });
    expect(original.trace.length).toBeGreaterThan(15);
    expect(reprinted).toEqual(original);
  });

  it('every fixture round-trips: same trace, times, task names and iterations', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.py'));
    for (const file of files) {
      const { original, reprinted } = await roundTrip(await readFile(join(FIXTURES, file), 'utf8'), file);
      expect(reprinted, file).toEqual(original);
    }
  });

  it('spells the IR as ir/program.ts says: int vs float, elif, keywords, starred, f-strings, lines', async () => {
    const source = [
      'import asyncio',
      '',
      'async def main(n=2):',
      '    if n > 1:',
      '        print(1, 2.0, *[n], sep="")',
      '    elif n:',
      '        xs = [i for i in range(n) if i]',
      '    print(f"a{n!r:>3}b{n}")',
      '',
      'if __name__ == "__main__":',
      '    asyncio.run(main())',
      '',
    ].join('\n');
    const program = await importPythonSource(source, 'p.py', oracle);
    expect(program.body).toEqual([
      {
        kind: 'expr',
        line: 11,
        expr: {
          kind: 'asyncio',
          func: 'run',
          args: [{ kind: 'call', func: 'main', args: [], keywords: [] }],
          keywords: [],
        },
      },
    ]);
    const [ifStmt, printStmt] = program.functions[0].body;
    expect(program.functions[0].params).toEqual([{ name: 'n', default: { kind: 'int', value: 2 } }]);
    expect(ifStmt).toMatchObject({
      kind: 'if',
      line: 4,
      body: [
        {
          kind: 'expr',
          expr: {
            kind: 'builtin',
            func: 'print',
            args: [
              { kind: 'int', value: 1 },
              { kind: 'float', value: 2 },
              { kind: 'starred', value: { kind: 'list', elts: [{ kind: 'name', id: 'n' }] } },
            ],
            keywords: [{ name: 'sep', value: { kind: 'str', value: '' } }],
          },
        },
      ],
      orelse: [
        {
          kind: 'if',
          line: 6,
          body: [
            {
              kind: 'assign',
              target: { kind: 'name', id: 'xs' },
              value: {
                kind: 'listComp',
                elt: { kind: 'name', id: 'i' },
                generators: [
                  {
                    target: { kind: 'name', id: 'i' },
                    iter: { kind: 'builtin', func: 'range', args: [{ kind: 'name', id: 'n' }], keywords: [] },
                    ifs: [{ kind: 'name', id: 'i' }],
                  },
                ],
              },
            },
          ],
          orelse: [],
        },
      ],
    });
    expect(printStmt).toMatchObject({
      expr: {
        args: [
          {
            kind: 'fstring',
            parts: ['a', { value: { kind: 'name', id: 'n' }, conversion: 'r', spec: '>3' }, 'b', { value: { kind: 'name', id: 'n' } }],
          },
        ],
      },
    });
  });
});

describe('refusals', () => {
  const head = 'import asyncio\n\n';
  // [what, source, line:col of the offending node, reason]
  const cases: [string, string, string][] = [
    ['return in except*', `${head}async def main():\n    try:\n        pass\n    except* Exception:\n        return\n`, "7:9: unsupported return in an except* block (CPython: 'break', 'continue' and 'return' cannot appear in an except* block)"],
    ['import os', `${head}import os\n`, '3:1: unsupported import of os (the subset imports only asyncio, functools, collections, dataclasses, datetime, itertools, math, random, time)'],
    ['from import', `from asyncio import sleep\n`, '1:1: unsupported import from asyncio (write `import asyncio` and `asyncio.name`; the subset imports only asyncio, functools, collections, dataclasses, datetime, itertools, math, random, time)'],
    ['open()', `${head}def f():\n    return open("x")\n`, '4:12: unsupported call of open'],
    ['lambda positional-only', `${head}x = lambda a, /: 1\n`, '3:12: unsupported positional-only parameter'],
    ['global at module level', `${head}x = 1\nglobal x\n`, '4:1: unsupported global statement at module level'],
    ['nonlocal without an enclosing binding', `${head}def f():\n    nonlocal x\n`, '3:1: unsupported nonlocal x: no enclosing function binds it'],
    ['print file=', `${head}print(1, file=None)\n`, '3:10: unsupported keyword argument file= of print'],
    ['unknown function', `${head}foo(1)\n`, '3:1: unsupported call of foo'],
    ['nested def shadowing a function', `${head}def g():\n    pass\ndef f():\n    def g():\n        pass\n`, '6:5: unsupported nested def g shadows the function g (rename it)'],
    ['nested class', `${head}class A:\n    class B:\n        pass\n`, '4:5: unsupported nested class (define the class at module level)'],
    ['decorator', `${head}@foo\ndef f():\n    pass\n`, '3:2: unsupported decorator'],
    ['async for in a def', `${head}def f(x):\n    async for y in x:\n        pass\n`, '4:5: unsupported async for outside an async def'],
    ['del of a name', `${head}def f(x):\n    del x\n`, '4:9: unsupported del of name (only del d[k] / del xs[i] / del xs[a:b] / del obj.attr)'],
    ['dict unpacking', `${head}x = {**{}}\n`, '3:5: unsupported ** unpacking in a dict display'],
    ['shift of a set', `${head}x = {1, 2} << 1\n`, '3:5: unsupported operator <<'],
    ['matmul of a slice', `${head}x = [1, 2]\ny = x[1:] @ 2\n`, '4:5: unsupported operator @'],
    ['yield in a lambda', `${head}f = lambda: (yield 1)\n`, '3:14: unsupported yield inside a lambda or a comprehension'],
    ['async with outside async def', `${head}def f():\n    async with x:\n        pass\n`, '4:5: unsupported async with outside an async function'],
    ['async with at module level', `${head}async with x:\n    pass\n`, '3:1: unsupported async with statement at module level'],
    ['asyncio streams', `${head}async def f():\n    q = asyncio.open_connection()\n`, '4:9: unsupported call of asyncio.open_connection (streams and sockets are outside the subset)'],
    ['str method', `${head}x = "a".casefold()\n`, '3:5: unsupported method .casefold()'],
    ['module-level for', `${head}for i in range(3):\n    print(i)\n`, '3:1: unsupported for statement at module level'],
    ['bare raise', `${head}def f():\n    raise\n`, '4:5: unsupported bare raise outside an except handler (name the exception: `except ValueError as e: ... raise e`)'],
    ['non-ASCII column', `${head}x = "héé" + y.casefold()\n`, '3:13: unsupported method .casefold()'],
    // The allow-list over names: only what the program itself binds, never a builtin outside the subset.
    ['exec as a value', `${head}def f(x=exec):\n    return x\n`, '3:9: unsupported builtin exec'],
    ['parameter shadows print', `${head}def f(print):\n    print("x")\n`, '3:7: unsupported parameter print shadows the builtin print (rename it)'],
    ['assignment shadows eval', `${head}eval = 1\n`, '3:1: unsupported assignment to builtin name eval (rename the variable)'],
    ['comprehension target shadows open', `${head}xs = [1 for open in [1]]\n`, '3:13: unsupported assignment to builtin name open (rename the variable)'],
    ['undefined name', `${head}async def main():\n    print(secret)\n`, '4:11: unsupported name secret: the program never assigns it'],
    ['dunder name', `${head}x = __builtins__\n`, '3:5: unsupported name __builtins__ (dunder names are outside the subset)'],
    ['__name__ outside the guard', `${head}print(__name__)\n`, '3:7: unsupported name __name__ (allowed only in `if __name__ == "__main__":`)'],
    ['__doc__', `${head}print(__doc__)\n`, '3:7: unsupported name __doc__ (dunder names are outside the subset)'],
    ['dunder method', `${head}x = [1]\ny = x.__len__()\n`, '4:5: unsupported method .__len__() (dunder attributes are outside the subset)'],
    ['str.format', `${head}x = "{0.__class__}".format(1)\n`, '3:5: unsupported str.format field {0.__class__} (attribute and index access in fields are outside the subset)'],
    ['parameter shadows a function', `${head}def g():\n    pass\ndef f(g):\n    return g\n`, '5:7: unsupported parameter g shadows the function g (rename it)'],
    ['** in a call of asyncio', `${head}x = {}\ny = asyncio.sleep(**x)\n`, '4:19: unsupported **arguments of asyncio.sleep (only calls of your own functions unpack a dict with **)'],
    ['nested format spec', `${head}x = 1\ny = f"{x:{x}}"\n`, '4:5: unsupported nested format spec'],
    ['ascii conversion', `${head}x = 1\ny = f"{x!a}"\n`, '4:5: unsupported conversion !a'],
    ['walrus to a dunder', `${head}async def main():\n    print(__y__ := 1)\n`, '4:11: unsupported assignment to __y__ (dunder names are outside the subset)'],
    ['keyword **', `${head}print(1, **{"sep": ""})\n`, '3:10: unsupported **arguments of print (only calls of your own functions unpack a dict with **)'],
    ['annotation without value', `${head}x: int\n`, '3:1: unsupported annotated declaration without a value'],
    ['format() with a computed spec', `${head}x = 1\ny = format(x, str(x))\n`, '4:15: unsupported format() spec that is not a string literal'],
  ];

  it.each(cases)('%s', async (_what, source, expected) => {
    const error = await importPythonSource(source, 'x.py', oracle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramInputError);
    expect((error as Error).message).toBe(`x.py:${expected}`);
    const [line, col] = expected.split(':').map(Number);
    expect([(error as ProgramInputError).line, (error as ProgramInputError).col]).toEqual([line, col]);
  });

  it('NFKC: a full-width ｅｘｅｃ is exec to Python, and refused as exec', async () => {
    const error = await importPythonSource('import asyncio\nx = ｅｘｅｃ\n', 'x.py', oracle).catch((e: unknown) => e);
    expect((error as Error).message).toBe('x.py:2:5: unsupported builtin exec');
  });

  it('a file with a syntax error gives Python’s own line and column', async () => {
    const error = await importPythonSource('import asyncio\n\nasync def main(:\n    pass\n', 'bad.py', oracle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProgramInputError);
    expect((error as ProgramInputError).message).toBe('bad.py:3:16: syntax error: invalid syntax');
  });
});

describe('what the importer drops or reads back', () => {
  it("__file__ reads as the file's absolute path, as python3 (3.9+) sets it, with a header note", async () => {
    const program = await importPythonSource('import asyncio\n\nprint(__file__)\n', 'sub/f.py', oracle);
    const path = resolve('sub/f.py'); // the worker's working directory is this process's
    expect(program.body[0]).toMatchObject({ kind: 'expr', expr: { kind: 'builtin', func: 'print', args: [{ kind: 'str', value: path }] } });
    expect(program.header?.notes).toEqual([`__file__ is the path python3 gives it, ${path}: line 3`]);
  });

  it('annotations never reach the IR: dropped, with a header note; an annotated assignment is an assignment', async () => {
    const source = 'import asyncio\n\ndef f(x: int, y: "str" = 2) -> None:\n    z: float = x\n    return z\n\nprint(f(1))\n';
    const program = await importPythonSource(source, 'a.py', oracle);
    expect(program.header?.notes).toEqual(['type annotations dropped (they never run): lines 3, 4']);
    expect(program.functions[0].body[0]).toEqual({ kind: 'assign', target: { kind: 'name', id: 'z' }, value: { kind: 'name', id: 'x' }, line: 4 });
    expect(printPython(program)).not.toMatch(/\bint\b|\bNone\b|\bfloat\b|"str"/);
  });

  it('format(value, spec) reads back as the f-string field it spells (what the printer writes for awkward specs)', async () => {
    const program = await importPythonSource('import asyncio\nx = 1.5\nprint(format(x, "\'>8"), format(x))\n', 'f.py', oracle);
    expect(program.body[1]).toMatchObject({
      expr: { args: [{ kind: 'fstring', parts: [{ value: { kind: 'name', id: 'x' }, spec: "'>8" }] }, { kind: 'fstring', parts: [{ value: { kind: 'name', id: 'x' } }] }] },
    });
    const { original, reprinted } = await roundTrip('import asyncio\nx = 1.5\nprint(format(x, "\'>8"), format(x))\n');
    expect(reprinted).toEqual(original);
  });

  it('a comprehension target is visible inside it only; its first iterable reads the enclosing scope', async () => {
    const ok = await importPythonSource('import asyncio\nxs = [1, 2]\nys = [x * y for x in xs for y in [x]]\n', 'c.py', oracle);
    expect(ok.body).toHaveLength(2);
    const error = await importPythonSource('import asyncio\nys = [x for x in x]\n', 'c.py', oracle).catch((e: unknown) => e);
    expect((error as Error).message).toBe('c.py:2:18: unsupported name x: the program never assigns it');
  });
});

/** Straight-line programs of random expressions: the printed IR must compute the same. */
const atom = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('0.5', '2.25', '1e-3', '3.0', '"ab"', "'c'", 'True', 'False', 'None', 'x', 'xs'),
);
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '//', '%', '**', '<', '==', ' and ', ' or ', ' in ', ' is not '), tie('e')).map(([a, op, b]) => `(${a}${op}${b})`),
    tie('e').map((a) => `(not ${a})`),
    tie('e').map((a) => `(-${a})`),
    fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `(${a} if ${b} else ${c})`),
    fc.array(tie('e'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
    tie('e').map((a) => `repr(${a})`),
    // f-strings of 3.11 cannot nest quotes: their fields are quote-free
    fc.constantFrom('x', 'xs', '0.5', 'None', '(x * 2.5)').map((a) => `f"<{${a}!r:>9}|{${a}}>"`),
    tie('e').map((a) => `len(str(${a}))`),
  ),
})).e;
const programOf = (exprs: string[]): string =>
  ['import asyncio', 'x = 3', 'xs = [1, 2.5]', 'async def main():', '    await asyncio.sleep(0)', ...exprs.map((e) => `    print(${e})`), 'asyncio.run(main())', ''].join('\n');

const roundTripProperty = fc.asyncProperty(fc.array(expr, { minLength: 1, maxLength: 4 }), async (exprs) => {
  const { original, reprinted } = await roundTrip(programOf(exprs));
  expect(reprinted).toEqual(original);
});

describe('round-trip property', () => {
  it('random expression programs (seed 42)', async () => {
    await fc.assert(roundTripProperty, { seed: 42, numRuns: 60 });
  });
  it('random expression programs (random seed)', async () => {
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    console.log(`importer round-trip property seed: ${seed}`);
    await fc.assert(roundTripProperty, { seed, numRuns: 60 });
  });
});

describe("the gate's own walks (importer.py _walk, _child_nodes, _node_fields, _statement_fields: ast's order, cheaper)", () => {
  it('visit every node of every repo .py file and 200 generated programs in ast.walk / iter_child_nodes order; skip only fields without a node (or without a statement); no :=, global or nonlocal in the text, no node of it', async () => {
    const files = (await readdir(REPO, { recursive: true }))
      .filter((f) => f.endsWith('.py') && !f.startsWith('node_modules'))
      .map((f) => join(REPO, f));
    const generated = samplePrograms({ seed: 42, count: 200 }).map((p) => printPython(p));
    const sources = [...(await Promise.all(files.map((f) => readFile(f, 'utf8')))), ...generated];
    const script = [
      'import ast, json, sys',
      `sys.path.insert(0, ${JSON.stringify(join(REPO, 'oracle/python'))})`,
      'import importer',
      'checked = nodes = 0',
      'for source in json.load(sys.stdin):',
      '    try:',
      '        tree = ast.parse(source)',
      '    except (SyntaxError, ValueError):',
      '        continue',
      '    checked += 1',
      '    assert importer._walk(tree) == list(ast.walk(tree))',
      '    for node in ast.walk(tree):',
      '        nodes += 1',
      '        if isinstance(node, ast.stmt):  # a walk from every node: quadratic, and no more telling',
      '            assert importer._walk(node) == list(ast.walk(node))',
      '        assert importer._child_nodes(node) == list(ast.iter_child_nodes(node))',
      '        for field in set(type(node)._fields) - set(importer._node_fields(type(node))):  # check_node_types skips them',
      '            value = getattr(node, field, None)',
      '            for item in value if isinstance(value, list) else [value]:',
      '                assert not isinstance(item, ast.AST) or type(item) in (ast.Load, ast.Store, ast.Del), (node, field)',
      '        from_fields = [c for f in importer._statement_fields(type(node)) for c in (lambda v: v if isinstance(v, list) else [v])(getattr(node, f, None))]',
      '        statements = [c for c in ast.iter_child_nodes(node) if isinstance(c, (ast.stmt, ast.ExceptHandler))]',
      '        assert [c for c in from_fields if isinstance(c, (ast.stmt, ast.ExceptHandler))] == statements, node  # _names_bound_in',
      '        # Importer.walrus and Importer.global_statements rest on this: no such text, no such node',
      "        assert ':=' in source or not isinstance(node, ast.NamedExpr)",
      "        assert 'global' in source or not isinstance(node, ast.Global)",
      "        assert 'nonlocal' in source or not isinstance(node, ast.Nonlocal)",
      'print(checked, nodes)',
    ].join('\n');
    const r = await execa(PYTHON, ['-c', script], { input: JSON.stringify(sources), reject: false });
    expect(r.stderr).toBe('');
    const [checked, nodes] = r.stdout.split(' ').map(Number);
    expect(checked).toBeGreaterThan(400);
    expect(nodes).toBeGreaterThan(100_000);
  });
});
