/**
 * The two sides of a differential run: CPython (the oracle) and the side under test (the
 * port, or the native-JS profile). Each turns a Program into a SideResult and never
 * throws: a crash becomes a SideFailure, so one bad program never loses the others.
 */
import type { Budget, ClockModel, Program, TraceEntry } from '../ir/program.ts';
import type { ProgramFeatures } from '../generators/_internals/constraints.ts';
import { validateProgram } from '../ir/validate.ts';
import { executeOnPort } from '../transpile/execute.ts';
import { compileForNative, formatTypeScript, NativeTranspileError, transpile } from '../transpile/index.ts';
import { executeNative } from '../native/index.ts';
import type { Counterfactual } from './causes.ts';
import { SWITCH_NAMES, type NativeSwitches } from '../native/switches.ts';
import type { NativeProgram } from '../native/index.ts';
import { emissionKey } from '../transpile/dialect-native.ts';
import { serial } from './serial.ts';
import { sideFailure, type SideResult } from './verdict.ts';
import { LOCAL_SIDE_TRAITS } from './side-traits.ts';

// The oracle's side lives apart (it loads no port, no transpiler: `run --target cpython` loads only it).
export { oracleSide, runOnOracle } from './oracle-side.ts';

export interface RunOptions {
  clock: ClockModel;
  budget: Budget;
  /** Called just before the program's first statement runs (where a wall-clock budget starts). */
  onStart?: () => void;
  /** Called with each trace entry as it is printed. */
  onPrint?: (entry: TraceEntry) => void;
}

export type SideName = 'port' | 'native';

export interface Side {
  /** `port`, `native`, or the name of a second oracle (oracleSide) as `--target` gave it. */
  name: string;
  /** Whether virtual times are compared to the bit (the port) or only the text (a side with another clock model). */
  comparesTime: boolean;
  /**
   * Generated constructs this side supports (an adapter's `features`): `check` never generates
   * the ones set to false for it (compare/check.ts). Undefined: all of them.
   */
  features?: Partial<ProgramFeatures>;
  /**
   * The name under which worker threads can run this very side (compare/port-pool.ts: each
   * thread calls `sideNamed(threadable).run`): set by the built-in port and native sides only;
   * a copy that replaces `run` must unset it.
   */
  threadable?: SideName;
  run(program: Program, options: RunOptions): Promise<SideResult>;
  /**
   * Counterfactual switches (compare/causes.ts): set by the native side only, whose
   * differences are then named by the switch that alone makes them agree.
   */
  counterfactual?: Counterfactual;
  /** The TypeScript that ran, formatted for people. */
  typescript(program: Program): Promise<string>;
}

const exclusive = serial();

/** A side that runs in this process (or a child of it: compare/isolated.ts) by its name. */
export type LocalSide = Side & { name: SideName };

export const portSide: LocalSide = {
  ...LOCAL_SIDE_TRAITS.port,
  threadable: 'port',
  run: (program, options) =>
    // validateProgram: an IR from outside never smuggles code into the emitted TypeScript either.
    exclusive(() => executeOnPort(validateProgram(program), options)).catch((error: unknown) => sideFailure(error)),
  typescript: (program) => formatTypeScript(transpile(program)),
};

/**
 * The same program ported the way a person would port it to plain JS promises, run on Node's
 * timer order with a virtual millisecond clock (native/). Its clock is another model, so only
 * the printed text and the order are compared.
 */
export const nativeSide: LocalSide = {
  ...LOCAL_SIDE_TRAITS.native,
  threadable: 'native',
  run: (program, options) =>
    exclusive(() => executeNative(compileForNative(validateProgram(program)).program, { budget: options.budget, onStart: options.onStart, onPrint: options.onPrint })).catch(
      (error: unknown) => sideFailure(error),
    ),
  // What plain promises cannot express (asyncio.current_task) is the run's failure; the report shows why instead of dying.
  typescript: async (program) => {
    try {
      return await formatTypeScript(transpile(program, { profile: 'native' }));
    } catch (error) {
      if (error instanceof NativeTranspileError) return `// ${error.message}`;
      throw error;
    }
  },
  counterfactual: {
    switches: SWITCH_NAMES,
    run: (program, options, switches) =>
      exclusive(() => executeNative(compiledWith(program, switches), { budget: options.budget, clock: options.clock, switches })).catch((error: unknown) => sideFailure(error)),
  },
};

/**
 * A counterfactual rerun's compiled program: a difference is rerun 10 to 30 times with
 * switches of which only a few change the emitted TypeScript (emissionKey), so each program
 * is validated, emitted and compiled once per emission, not once per run.
 */
const compiled = new WeakMap<Program, Map<string, NativeProgram>>();

function compiledWith(program: Program, switches: NativeSwitches): NativeProgram {
  let byKey = compiled.get(program);
  if (!byKey) compiled.set(program, (byKey = new Map()));
  const key = emissionKey(switches);
  let made = byKey.get(key);
  if (!made) byKey.set(key, (made = compileForNative(validateProgram(program), switches).program));
  return made;
}

export function sideNamed(name: SideName): LocalSide {
  if (name !== 'port' && name !== 'native') throw new Error(`no side named "${String(name)}" runs here (an oracle side is oracleSide's)`);
  return name === 'port' ? portSide : nativeSide;
}

/** Whether `--target NAME` names a side of this module rather than an oracle. */
export function isLocalSide(name: string): name is SideName {
  return name === 'port' || name === 'native';
}

