/**
 * The TypeScript that `with`/`async with`, the sync primitives, queues, timeouts, TaskGroup and
 * `except*` transpile to type-checks in both profiles (issue 9), as typecheck.test.ts checks
 * the rest: against the real port, native/ and runtime/, in memory.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { transpile } from '../../transpile/index.ts';
import { sharedOracle } from '../_support/oracle.ts';

const DIR = new URL('./sync-programs/', import.meta.url).pathname;
const importFrom = { port: '../../port/index.ts', python: '../../runtime/index.ts', native: '../../native/index.ts' };

function diagnostics(sources: Record<string, string>): string[] {
  const project = new Project({
    tsConfigFilePath: 'tsconfig.json',
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { noUnusedLocals: false, noUnusedParameters: false },
  });
  project.addSourceFilesAtPaths(['port/**/*.ts', 'ir/**/*.ts', 'native/**/*.ts']);
  const files = Object.entries(sources).map(([name, text]) => project.createSourceFile(`test/.typecheck/${name}.ts`, text, { overwrite: true }));
  return files.flatMap((f) =>
    f.getPreEmitDiagnostics().map((d) => {
      const message = d.getMessageText();
      return `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()} ${typeof message === 'string' ? message : message.getMessageText()}`;
    }),
  );
}

describe('issue 9 programs type-check once transpiled', () => {
  it('port and native profiles', async () => {
    const oracle = await sharedOracle();
    const sources: Record<string, string> = {};
    for (const name of readdirSync(DIR).filter((f) => f.endsWith('.py'))) {
      const program = await oracle.importSource(readFileSync(join(DIR, name), 'utf8'), name);
      const label = name.replace(/\W/g, '_');
      sources[`sync_${label}`] = transpile(program, { importFrom });
      sources[`sync_native_${label}`] = transpile(program, { importFrom, profile: 'native' });
    }
    expect(diagnostics(sources)).toEqual([]);
  }, 60_000);
});
