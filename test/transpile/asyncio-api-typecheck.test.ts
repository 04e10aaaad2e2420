/**
 * The asyncio API programs (asyncio-api-programs/) transpile, in both profiles, to TypeScript
 * that type-checks against port/, runtime/ and native/: what transpile/emit-asyncio-api.ts
 * writes is valid strict TypeScript, not only code that happens to run under tsx.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Project } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { transpile } from '../../transpile/index.ts';
import { sharedOracle } from '../_support/oracle.ts';

const DIR = new URL('./asyncio-api-programs/', import.meta.url).pathname;
const importFrom = { port: '../../port/index.ts', python: '../../runtime/index.ts', native: '../../native/index.ts' };

describe('asyncio API programs type-check', () => {
  it('every program, port and native profiles', async () => {
    const project = new Project({
      tsConfigFilePath: 'tsconfig.json',
      skipAddingFilesFromTsConfig: true,
      compilerOptions: { noUnusedLocals: false, noUnusedParameters: false },
    });
    project.addSourceFilesAtPaths(['port/**/*.ts', 'ir/**/*.ts', 'native/**/*.ts']);
    const oracle = await sharedOracle();
    const files = [];
    for (const name of readdirSync(DIR).filter((f) => f.endsWith('.py')).sort()) {
      const program = await oracle.importSource(readFileSync(DIR + name, 'utf8'), name);
      for (const profile of ['port', 'native'] as const) {
        const text = transpile(program, { importFrom, profile });
        files.push(project.createSourceFile(`test/.typecheck/api_${profile}_${name}.ts`, text, { overwrite: true }));
      }
    }
    const diagnostics = files.flatMap((f) =>
      f.getPreEmitDiagnostics().map((d) => {
        const m = d.getMessageText();
        return `${f.getBaseName()}:${d.getLineNumber()} ${typeof m === 'string' ? m : m.getMessageText()}`;
      }),
    );
    expect(files.length).toBe(18);
    expect(diagnostics).toEqual([]);
  }, 120_000);
});
