/**
 * The TypeScript emitted for the programs of ./kwargs/, ./annotations/, ./collections/,
 * ./match/ and ./itertools/ type-checks against the port, the runtime and native/, in both
 * profiles (as functions-typecheck.test.ts does for functions as values).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, type Diagnostic } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { importPythonSource } from '../../oracle/importer.ts';
import { transpile } from '../../transpile/index.ts';
import { sharedOracle } from '../_support/oracle.ts';

const FOLDERS = ['kwargs', 'annotations', 'collections', 'match', 'itertools'];
const importFrom = { port: '../../port/index.ts', python: '../../runtime/index.ts', native: '../../native/index.ts' };

function diagnostics(sources: Record<string, string>): string[] {
  const project = new Project({ tsConfigFilePath: 'tsconfig.json', skipAddingFilesFromTsConfig: true, compilerOptions: { noUnusedLocals: false, noUnusedParameters: false } });
  project.addSourceFilesAtPaths(['port/**/*.ts', 'ir/**/*.ts', 'native/**/*.ts']);
  const files = Object.entries(sources).map(([name, text]) => project.createSourceFile(`test/.typecheck/${name}.ts`, text, { overwrite: true }));
  const format = (d: Diagnostic) => {
    const message = d.getMessageText();
    return `${d.getSourceFile()?.getBaseName() ?? '?'}:${d.getLineNumber()} ${typeof message === 'string' ? message : message.getMessageText()}`;
  };
  return files.flatMap((f) => f.getPreEmitDiagnostics().map(format));
}

describe('the language programs: the emitted TypeScript type-checks', () => {
  it('every program of each folder, port and native profiles', async () => {
    const oracle = await sharedOracle();
    const sources: Record<string, string> = {};
    for (const folder of FOLDERS) {
      const dir = new URL(`./${folder}/`, import.meta.url).pathname;
      for (const name of readdirSync(dir).filter((f) => f.endsWith('.py'))) {
        const program = await importPythonSource(readFileSync(join(dir, name), 'utf8'), name, oracle);
        const label = `${folder}_${name.replace(/\W/g, '_')}`;
        sources[`port_${label}`] = transpile(program, { importFrom });
        sources[`native_${label}`] = transpile(program, { importFrom, profile: 'native' });
      }
    }
    expect(Object.keys(sources).length).toBeGreaterThanOrEqual(30);
    expect(diagnostics(sources)).toEqual([]);
  }, 240_000);
});
