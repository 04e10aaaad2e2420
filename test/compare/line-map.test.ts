import { describe, expect, it } from 'vitest';
import { alignLines } from '../../compare/line-map.ts';
import { samplePrograms } from '../../generators/index.ts';
import { printPython } from '../../ir/python.ts';
import { formatTypeScript, transpile } from '../../transpile/index.ts';

describe('alignLines', () => {
  it('pairs each print of a generated program with the TS line printing the same label, in order (seed 42)', async () => {
    for (const program of samplePrograms({ seed: 42, count: 30 })) {
      const python = printPython(program);
      const typescript = await formatTypeScript(transpile(program));
      const pairs = alignLines(python, typescript);
      const pyLines = python.split('\n');
      const tsLines = typescript.split('\n');
      for (let k = 1; k < pairs.length; k++) {
        expect(pairs[k].python).toBeGreaterThan(pairs[k - 1].python);
        expect(pairs[k].typescript).toBeGreaterThan(pairs[k - 1].typescript);
      }
      for (const [i, line] of pyLines.entries()) {
        const label = /print\('([^']+)'/.exec(line)?.[1];
        // A print inside a lambda is the body of a several-line function value in the TypeScript:
        // the line map pairs statements, not expressions (a known limit of the side-by-side view).
        if (!label || line.includes('lambda')) continue;
        const pair = pairs.find((p) => p.python === i + 1);
        expect(pair, `${label} in\n${python}`).toBeDefined();
        // The paired line, or the arguments prettier put on the lines after it.
        const call = tsLines.slice(pair!.typescript - 1).join('\n').split(/\);\n/)[0];
        expect(call).toContain(`'${label}'`);
      }
    }
  });

  it('pairs a def with its coroutine and a for with its for', () => {
    const pairs = alignLines('async def main():\n    for i in range(3):\n        pass', "const main = asyncio.coroutine('main', async () => {\n  let i;\n  for (i of py.range(3n)) {\n  }\n});");
    expect(pairs).toEqual([{ python: 1, typescript: 1 }, { python: 2, typescript: 3 }]);
  });
});
