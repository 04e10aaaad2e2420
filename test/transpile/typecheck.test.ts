import { Project, type Diagnostic } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { samplePrograms } from '../../generators/index.ts';
import { nativeSide } from '../../compare/sides.ts';
import { transpile } from '../../transpile/index.ts';
import { PROGRAMS } from './_programs.ts';

/** Type-check transpiled modules against the real port (its files read from disk), in memory. */
function diagnostics(sources: Record<string, string>): string[] {
  // The repository's own settings, but emitted programs may import what they do not use.
  const project = new Project({
    tsConfigFilePath: 'tsconfig.json',
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { noUnusedLocals: false, noUnusedParameters: false },
  });
  project.addSourceFilesAtPaths(['port/**/*.ts', 'ir/**/*.ts', 'native/**/*.ts']);
  const files = Object.entries(sources).map(([name, text]) => project.createSourceFile(`test/.typecheck/${name}.ts`, text, { overwrite: true }));
  const format = (d: Diagnostic) => {
    const file = d.getSourceFile();
    const line = file ? `${file.getBaseName()}:${d.getLineNumber()}` : '?';
    const message = d.getMessageText();
    return `${line} ${typeof message === 'string' ? message : message.getMessageText()}`;
  };
  return files.flatMap((f) => f.getPreEmitDiagnostics().map(format));
}

const importFrom = { port: '../../port/index.ts', python: '../../runtime/index.ts', native: '../../native/index.ts' };

describe('transpiled TypeScript type-checks against the port', () => {
  it('every hand-built program and 40 generated ones (seed 42)', () => {
    const sources: Record<string, string> = {};
    for (const [label, p] of Object.entries(PROGRAMS)) sources[label] = transpile(p, { importFrom });
    samplePrograms({ seed: 42, count: 40 }).forEach((p, k) => (sources[`generated${k}`] = transpile(p, { importFrom })));
    expect(diagnostics(sources)).toEqual([]);
  });

  it('the native profile: 30 programs type-check against native/ and runtime/', () => {
    const sources: Record<string, string> = {};
    const handBuilt = Object.entries(PROGRAMS).filter(([label]) => label !== 'tasksAndGather'); // it names current_task
    for (const [label, p] of handBuilt) sources[`native_${label}`] = transpile(p, { importFrom, profile: 'native' });
    const tasks = PROGRAMS.tasksAndGather;
    const withoutCurrentTask = { ...tasks, functions: tasks.functions.map((f) => ({ ...f, body: f.body.filter((s) => !JSON.stringify(s).includes('"current_task"')) })) };
    sources.native_tasksAndGather = transpile(withoutCurrentTask, { importFrom, profile: 'native' });
    samplePrograms({ seed: 42, count: 29 - handBuilt.length, constraints: { features: { ...nativeSide.features } } }).forEach((p, k) => (sources[`native_generated${k}`] = transpile(p, { importFrom, profile: 'native' })));
    expect(Object.keys(sources).length).toBe(30);
    expect(diagnostics(sources)).toEqual([]);
    const broken = sources.native_escapesFromTask.replace('t = task(bad());', 't = task(7n);');
    expect(diagnostics({ broken }).join('\n')).toMatch(/not assignable/);
  });

  it('reports a real type error (the check can fail)', () => {
    const broken = transpile(PROGRAMS.reservedNames, { importFrom }).replace('return function$;', "return 'text';");
    expect(diagnostics({ broken }).join('\n')).toMatch(/not assignable/);
  });
});
