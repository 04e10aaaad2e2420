/** cli/load-program.ts: files as python3 reads them (BOM, encodings), and what the oracle then runs. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPythonFile } from '../../cli/load-program.ts';
import { sharedOracle } from '../_support/oracle.ts';
import { cliInProcess, python, writeProgram } from './_cli.ts';

const HELLO = 'import asyncio\n\n\nasync def main():\n    print("café")\n\nasyncio.run(main())\n';

describe('reading a .py file as python3 does', () => {
  it('a UTF-8 BOM is accepted and dropped, as python3 runs it', async () => {
    const file = writeProgram('bom.py', `\ufeff${HELLO}`);
    const [ours, real] = await Promise.all([cliInProcess(['run', file]), python(file)]);
    expect(real.stdout).toBe('café\n');
    expect([ours.exitCode, ours.stdout]).toEqual([0, real.stdout]);
  });

  it('a Latin-1 file without a coding cookie is refused (exit 2) at the line python3 names', async () => {
    const file = writeProgram('latin1.py', '');
    writeFileSync(file, Buffer.from(HELLO.replace('café', 'caf\u00e9'), 'latin1'));
    const [ours, real] = await Promise.all([cliInProcess(['run', file]), python(file)]);
    expect(real.stderr).toContain(`SyntaxError: Non-UTF-8 code starting with '\\xe9' in file ${file} on line 5, but no encoding declared`);
    expect(ours.exitCode).toBe(2);
    expect(ours.stderr).toBe(
      `asyncio-conformance: ${file}:5:15: syntax error: Non-UTF-8 code starting with '\\xe9' in file ${file} on line 5, but no encoding declared; see https://peps.python.org/pep-0263/ for details\n`,
    );
  });

  it('a coding cookie other than UTF-8 is refused, never silently read otherwise (utf-7 hides code in comments)', async () => {
    const file = writeProgram('utf7.py', `# -*- coding: utf-7 -*-\n${HELLO}`);
    const ours = await cliInProcess(['run', file]);
    expect([ours.exitCode, ours.stderr]).toEqual([2, `asyncio-conformance: ${file}:1:1: unsupported coding declaration utf-7 (save the file as UTF-8)\n`]);
  });

  it('print of a lone surrogate raises UnicodeEncodeError on every target, as python3 does', async () => {
    const file = writeProgram('surrogate.py', 'import asyncio\n\n\nasync def main():\n    print("ok")\n    print("a", "\\ud800")\n\nasyncio.run(main())\n');
    const real = await python(file);
    expect(real.stderr).toContain("UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed");
    for (const target of ['cpython', 'port']) {
      const ours = await cliInProcess(['run', file, '--target', target]);
      expect([ours.exitCode, ours.stdout], target).toEqual([1, real.stdout]);
      expect(ours.stderr, target).toContain("UnicodeEncodeError: 'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed");
    }
  });

  it("__file__ prints the file's absolute path as python3 prints it, on every target; other dunders are refused clearly", async () => {
    const file = writeProgram('dunder-file.py', 'import asyncio\nprint(__file__)\n');
    const real = await python(file);
    expect(real.stdout).toBe(`${resolve(file)}\n`);
    for (const target of ['cpython', 'port', 'native']) {
      const ours = await cliInProcess(['run', file, '--target', target]);
      expect([ours.exitCode, ours.stdout], target).toEqual([0, real.stdout]);
    }
    const doc = writeProgram('dunder-doc.py', 'import asyncio\nprint(__doc__)\n');
    const refused = await cliInProcess(['run', doc]);
    expect([refused.exitCode, refused.stderr]).toEqual([2, `asyncio-conformance: ${doc}:2:7: unsupported name __doc__ (dunder names are outside the subset)\n`]);
  });

  it('what the oracle runs is the IR printed back, each statement on its source line', async () => {
    const file = writeProgram('lines.py', 'import asyncio\n\n# a comment\nasync def main():\n    """doc"""\n    print(   "x"   )\n\n\nasyncio.run(main())\n');
    const loaded = await loadPythonFile(file, await sharedOracle());
    const lines = loaded.source.split('\n');
    expect([lines[3], lines[5], lines[8]]).toEqual(['async def main():', "    print('x')", 'asyncio.run(main())']);
    expect(loaded.source).not.toContain('# a comment');
  });
});
