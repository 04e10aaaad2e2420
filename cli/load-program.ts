/**
 * Every command that takes a `.py` file reads it through the importer first, whatever the
 * target, so a file outside the subset is refused (file:line:col, exit 2) and never runs.
 */
import { readFile } from 'node:fs/promises';
import type { Program } from '../ir/program.ts';
import { importPythonSource } from '../oracle/importer.ts';
import type { Oracle } from '../oracle/pool.ts';
import { UsageError } from './errors.ts';

export interface LoadedProgram {
  program: Program;
  /** The file as the user wrote it: what CPython runs. */
  source: string;
  file: string;
}

export async function loadPythonFile(file: string, oracle: Oracle): Promise<LoadedProgram> {
  if (!file.endsWith('.py')) throw new UsageError(`${file}: expected a Python file ending in .py`);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const program = await importPythonSource(source, file, oracle);
  return { program: { ...program, header: { generator: 'asyncio-conformance', ...program.header, source: file } }, source, file };
}
