/**
 * Every command that takes a `.py` file reads it through the importer first, whatever the
 * target, so a file outside the subset is refused (file:line:col, exit 2) and never runs.
 * What CPython then runs is the IR printed back as Python (each statement on its source
 * line), never the text the user wrote: one program on both sides.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { Program } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { decodePythonSource, importPythonSource } from '../oracle/importer.ts';
import type { Oracle } from '../oracle/oracles.ts';
import { UsageError } from './errors.ts';

export interface LoadedProgram {
  program: Program;
  /** `printPython(program)`: what the oracle runs (not the file as the user wrote it). */
  source: string;
  file: string;
}

export async function loadPythonFile(file: string, oracle: Oracle): Promise<LoadedProgram> {
  if (!file.endsWith('.py')) throw new UsageError(`${file}: expected a Python file ending in .py`);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const text = decodePythonSource(bytes, file);
  const imported = await importPythonSource(text, file, oracle);
  const program = { ...imported, header: { generator: 'asyncio-conformance', ...imported.header, source: mainScriptPath(file) } };
  return { program, source: printPython(program), file };
}

/**
 * The name `python3 FILE` gives its `__main__` code (what tracebacks and task reprs print):
 * since 3.9 the script path is made absolute by joining it to the working directory as typed,
 * not normalised (`python3 ./a/../p.py` in /tmp shows `/tmp/./a/../p.py`).
 */
export function mainScriptPath(file: string): string {
  return isAbsolute(file) ? file : `${process.cwd()}/${file}`;
}
