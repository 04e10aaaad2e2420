/**
 * IR → TypeScript for the port: `transpile` writes the module a person reads (and that
 * runs: formatting aside, the same text), `compileForPort` turns that very text into a
 * function (oxc-transform strips the types, `AsyncFunction` compiles it, the import lines become
 * parameters), `formatTypeScript` lays it out with prettier.
 */
import { transformSync } from 'oxc-transform';
import type { Program } from '../ir/program.ts';
import { NATIVE_DIALECT } from './dialect-native.ts';
import { DEFAULT_IMPORTS, emitProgram, type ImportPaths } from './emit.ts';
import { linkModuleDone } from './link.ts';

export { compileForNative, type CompiledNativeProgram } from './native-compile.ts';
export { NativeTranspileError } from './dialect-native.ts';

export interface TranspileOptions {
  importFrom?: ImportPaths;
  /**
   * `port` (the default): CPython semantics on the port. `native`: the program as a person
   * ports it to plain promises, on native/ (native/README.md); it throws
   * NativeTranspileError for `asyncio.current_task`/`all_tasks`.
   */
  profile?: 'port' | 'native';
}

/** The TypeScript module for `program` (unformatted but tidy). */
export function transpile(program: Program, opts: TranspileOptions = {}): string {
  if (opts.profile === 'native') return emitProgram(program, opts.importFrom ?? DEFAULT_IMPORTS, NATIVE_DIALECT);
  return emitProgram(program, opts.importFrom ?? DEFAULT_IMPORTS);
}

/** Lay out TypeScript for people (prettier, the repository's style: single quotes, width 120). */
export async function formatTypeScript(ts: string): Promise<string> {
  // Loaded on first use: prettier is the heaviest module the CLI has, and only what people read needs it.
  const prettier = await import('prettier');
  return prettier.format(ts, { parser: 'typescript', singleQuote: true, printWidth: 120 });
}

export interface PortRuntime {
  asyncio: typeof import('../port/index.ts');
  python: typeof import('../runtime/index.ts');
}

export interface CompiledProgram {
  /** The TypeScript that runs (`transpile(program)` with the default imports; the compiled JS also has SOURCE_LINE_MARKER comments). */
  readonly ts: string;
  /** The compiled function's body: where a refusal at run time finds its source line (transpile/source-position.ts). */
  readonly js: string;
  /** Runs the module body; rejects with whatever escapes it. */
  run(rt: PortRuntime): Promise<void>;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (
  ...args: unknown[]
) => Promise<void>;

// The stripper may requote the specifiers (oxc prints double quotes).
const NAMESPACE_IMPORT = /^import \* as (\w+) from ['"]([^'"]+)['"];$/gm;
const NAMED_IMPORT = /^import \{([^}]*)\} from ['"]([^'"]+)['"];$/gm;

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
  // The statements' source lines ride along as comments, which the stripper keeps: a refusal
  // at run time (a set of tasks iterated) names its file:line:col (transpile/source-position.ts).
  const ts = emitProgram(program, DEFAULT_IMPORTS, undefined, true);
  // oxc's type stripper (native, ~20 µs a program; sucrase took 40-200 µs, its JIT never
  // warm in a 3,000-program run). It reprints the module without types, nothing else:
  // target esnext lowers nothing; unused imports are dropped, which linkImports tolerates.
  const { code, errors } = transformSync('program.ts', ts, { lang: 'ts', sourceType: 'module', sourcemap: false });
  if (errors.length > 0) throw new Error(`compileForPort: the emitted TypeScript does not parse: ${errors[0].message}`);
  const js = `'use strict';\n${linkModuleDone(linkImports(code, DEFAULT_IMPORTS))}`;
  const fn = new AsyncFunction('$rt', js);
  let readable: string | undefined;
  return {
    get ts() {
      readable ??= transpile(program);
      return readable;
    },
    js,
    run: (rt) => fn(rt),
  };
}
