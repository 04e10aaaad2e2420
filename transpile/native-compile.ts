/**
 * The `native` profile in process: the emitted module, types stripped, compiled into the
 * function `executeNative` runs. The TS that runs is the TS shown: the one runtime import
 * line becomes the parameter `rt`, type-only imports vanish with the types.
 */
import { transformSync } from 'oxc-transform';
import type { Program } from '../ir/program.ts';
import type { NativeProgram } from '../native/index.ts';
import { nativeDialect } from './dialect-native.ts';
import { NO_SWITCHES, type NativeSwitches } from '../native/switches.ts';
import { DEFAULT_IMPORTS, emitProgram } from './emit.ts';
import { linkModuleDone } from './link.ts';

export interface CompiledNativeProgram {
  /** The TypeScript that runs (`transpile(program, { profile: 'native' })` with the default imports). */
  ts: string;
  /** The module body as a function of the runtime, for `executeNative`. */
  program: NativeProgram;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (param: string, body: string) => NativeProgram;

/** `import { runtime as rt } from '<native>';`, whatever quotes the stripper prints. */
const RUNTIME_IMPORT = /^import \{ runtime as rt \} from ['"]([^'"]+)['"];$/m;

/** The native TS of `program` as a function of `rt`. Throws NativeTranspileError for what plain promises cannot express. */
export function compileForNative(program: Program, switches: NativeSwitches = NO_SWITCHES): CompiledNativeProgram {
  const ts = emitProgram(program, DEFAULT_IMPORTS, nativeDialect(switches));
  // The same type stripper as compileForPort: it reprints the module without types, lowers nothing.
  const { code, errors } = transformSync('program.ts', ts, { lang: 'ts', sourceType: 'module', sourcemap: false });
  if (errors.length > 0) throw new Error(`compileForNative: the emitted TypeScript does not parse: ${errors[0].message}`);
  const linked = code.replace(RUNTIME_IMPORT, (_line, spec: string) => {
    if (spec !== DEFAULT_IMPORTS.native) throw new Error(`compileForNative: unexpected import '${spec}'`);
    return '';
  });
  if (/^import /m.test(linked)) throw new Error('compileForNative: an import is left after linking');
  return { ts, program: new AsyncFunction('rt', `'use strict';\n${linkModuleDone(linked)}`) };
}
