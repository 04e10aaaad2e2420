/**
 * IR → TypeScript for the port: `transpile` writes the module a person reads (and that
 * runs: formatting aside, the same text), `compileForPort` turns that very text into a
 * function (sucrase strips the types, `AsyncFunction` compiles it, the import lines become
 * parameters), `formatTypeScript` lays it out with prettier.
 */
import * as prettier from 'prettier';
import { transform } from 'sucrase';
import type { Program } from '../../ir/program.ts';
import { DEFAULT_IMPORTS, emitProgram, type ImportPaths } from './emit.ts';

export interface TranspileOptions {
  importFrom?: ImportPaths;
  /**
   * `port` (the only one implemented here): CPython semantics on the port. The CLI also
   * names a `native` profile (idiomatic JS promises), which this module does not emit.
   */
  profile?: 'port' | 'native';
}

/** The TypeScript module for `program` (unformatted but tidy). */
export function transpile(program: Program, opts: TranspileOptions = {}): string {
  if (opts.profile === 'native') throw new Error("transpile: the 'native' profile is not implemented by port/transpile");
  return emitProgram(program, opts.importFrom ?? DEFAULT_IMPORTS);
}

/** Lay out TypeScript for people (prettier, the repository's style: single quotes, width 120). */
export function formatTypeScript(ts: string): Promise<string> {
  return prettier.format(ts, { parser: 'typescript', singleQuote: true, printWidth: 120 });
}

export interface PortRuntime {
  asyncio: typeof import('../index.ts');
  python: typeof import('../python/index.ts');
}

export interface CompiledProgram {
  /** The TypeScript that runs (`transpile(program)` with the default imports). */
  ts: string;
  /** Runs the module body; rejects with whatever escapes it. */
  run(rt: PortRuntime): Promise<void>;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (
  ...args: unknown[]
) => Promise<void>;

const NAMESPACE_IMPORT = /^import \* as (\w+) from '([^']+)';$/gm;
const NAMED_IMPORT = /^import \{([^}]*)\} from '([^']+)';$/gm;

/** The JS of `ts` with its imports turned into reads of the runtime objects. */
function linkImports(js: string, imports: ImportPaths): string {
  const moduleOf = (spec: string): string => {
    if (spec === imports.port) return '$rt.asyncio';
    if (spec === imports.python) return '$rt.python';
    throw new Error(`compileForPort: unexpected import '${spec}'`);
  };
  return js
    .replace(NAMESPACE_IMPORT, (_m, name: string, spec: string) => `const ${name} = ${moduleOf(spec)};`)
    .replace(NAMED_IMPORT, (_m, names: string, spec: string) => {
      const bound = names
        .split(',')
        .map((n) => n.trim())
        .filter((n) => n !== '' && !n.startsWith('type '));
      return bound.length > 0 ? `const { ${bound.join(', ')} } = ${moduleOf(spec)};` : '';
    });
}

/** Transpile, strip types, compile: the program as a function of the runtime. */
export function compileForPort(program: Program): CompiledProgram {
  const ts = transpile(program);
  const { code } = transform(ts, { transforms: ['typescript'], disableESTransforms: true });
  const fn = new AsyncFunction('$rt', `'use strict';\n${linkImports(code, DEFAULT_IMPORTS)}`);
  return { ts, run: (rt) => fn(rt) };
}
