/**
 * Reads a user's asyncio `.py` file into the program IR, with CPython's own parser (in the
 * oracle worker: oracle/python/importer.py). The file is parsed, never executed.
 */
import { readFile } from 'node:fs/promises';
import type { Program } from '../ir/program.ts';
import type { Oracle } from './pool.ts';
import pkg from '../package.json' with { type: 'json' };

/** Throws ProgramInputError (`file:line:col: unsupported try statement`) for what the IR cannot hold. */
export async function importPythonFile(path: string, oracle: Oracle): Promise<Program> {
  return importPythonSource(await readFile(path, 'utf8'), path, oracle);
}

export async function importPythonSource(source: string, filename: string, oracle: Oracle): Promise<Program> {
  const program = await oracle.importSource(source, filename);
  return { header: { generator: `asyncio-conformance ${pkg.version}`, source: filename }, ...program };
}
