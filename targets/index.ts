/**
 * Every target by name, in one registry: what `--target` accepts on every command and what the
 * library's `target` option resolves through.
 *
 * | `--target` | what runs |
 * |---|---|
 * | `port`, `native` | the repository's port / native-promise profile (compare/sides.ts) |
 * | `pyodide-webloop`, `micropython` | real ports of asyncio, as in-process Sides (`targets/<name>/adapter.ts`) |
 * | a path ending `.mjs`, `.js`, `.ts` | an adapter module (lib/adapter.ts), in a child process of its own |
 * | an oracle name (oracle/oracles.ts) | a second Python: oracle against oracle |
 *
 * Each resolves to a Side (the in-process interface every target implements) and what stops it.
 */
import type { Side } from '../compare/sides.ts';
import type { SideName } from '../compare/sides.ts';
import { oracleSide } from '../compare/oracle-side.ts';
import { LOCAL_SIDE_TRAITS } from '../compare/side-traits.ts';
import { SWITCH_NAMES } from '../native/switches.ts';
import { prestartChild, runIsolated } from '../compare/isolated.ts';
import { DEFAULT_WALLCLOCK_MS } from '../oracle/wallclock.ts';
import { ORACLE_NAMES_HELP, parseOracleName, startOracle, type Oracle, type StartOracleOptions } from '../oracle/oracles.ts';
import { looksLikeAdapterPath } from './adapter-shape.ts';
import { startAdapterTarget, TargetLoadError } from './adapter-process.ts';

export { TargetLoadError } from './adapter-process.ts';
export { looksLikeAdapterPath } from './adapter-shape.ts';

/** The repository's own sides. */
export const BUILTIN_TARGETS: readonly SideName[] = ['port', 'native'];

/**
 * Real ports run in this process, each a module whose default export is a Side, loaded only
 * when named (each loads a WebAssembly interpreter). Literal `import()`s, so the bundle
 * (scripts/build.mjs) carries them.
 */
export const BUNDLED_TARGETS: Record<string, () => Promise<{ default?: Side }>> = {
  'pyodide-webloop': () => import('./pyodide-webloop/adapter.ts'),
  micropython: () => import('./micropython/adapter.ts'),
};

export const TARGET_NAMES_HELP = `port, native, ${Object.keys(BUNDLED_TARGETS).join(', ')}, a path to an adapter module (./adapter.mjs, .js or .ts), or an oracle name (${ORACLE_NAMES_HELP})`;

export type TargetKind = 'builtin' | 'bundled' | 'adapter' | 'oracle';

/** What kind of target a name is; throws an Error saying what is accepted. Loads nothing. */
export function targetKind(name: string): TargetKind {
  if ((BUILTIN_TARGETS as readonly string[]).includes(name)) return 'builtin';
  if (Object.hasOwn(BUNDLED_TARGETS, name)) return 'bundled';
  if (looksLikeAdapterPath(name)) return 'adapter';
  try {
    parseOracleName(name);
  } catch {
    throw new Error(`unknown target "${name}": expected ${TARGET_NAMES_HELP}`);
  }
  return 'oracle';
}

export interface TargetContext {
  /** Where a relative adapter path starts (the CLI's io.cwd); default the process'. */
  cwd?: string;
  /** Wall-clock milliseconds of one program on an isolated target (default 5 s, retried once 4x). */
  wallclockMs?: number;
  /**
   * Run `port` and `native` in a child process per program, with the wall clock (`run` and
   * `compare`: a user's program may loop forever). `check` runs generated programs, which
   * always terminate, in this process.
   */
  isolate?: boolean;
  /** Starts an oracle named as the target (the CLI's CliIo.startOracle: warm oracles a test keeps); default a fresh one. */
  startOracle?: (opts: StartOracleOptions) => Promise<Oracle>;
}

export interface OpenTarget {
  side: Side;
  /** Stops what the target started (an adapter's child process, a second oracle). */
  close(): Promise<void>;
}

const nothing = async () => undefined;

/**
 * `port` / `native` in a child process per program (compare/isolated.ts). This process loads
 * the side itself (compare/sides.ts: the port, the transpiler) only when asked for what the
 * child does not give: the TypeScript a report shows, a counterfactual rerun.
 */
function isolatedSide(name: SideName, wallclockMs: number): Side {
  const local = async () => (await import('../compare/sides.ts')).sideNamed(name);
  return {
    ...LOCAL_SIDE_TRAITS[name],
    // Not threadable: the threads would run the side in process, without the child and its wall clock.
    run: (program, options) => runIsolated({ side: name, program, options: { clock: options.clock, budget: options.budget } }, wallclockMs),
    typescript: async (program) => (await local()).typescript(program),
    ...(name === 'native' ? { counterfactual: { switches: SWITCH_NAMES, run: async (program, options, switches) => (await local()).counterfactual!.run(program, options, switches) } } : {}),
  };
}

async function loadBundled(name: string): Promise<Side> {
  let loaded: { default?: Side };
  try {
    loaded = await BUNDLED_TARGETS[name]();
  } catch (error) {
    throw new TargetLoadError(`target ${name} failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const side = loaded.default;
  if (!side || typeof side.run !== 'function' || typeof side.name !== 'string') throw new TargetLoadError(`target ${name}: targets/${name}/adapter.ts has no default export that is a Side { name, comparesTime, run, typescript }`);
  return side;
}

/**
 * For a command about to run one program on `name` with `isolate` (`run`, `compare`): the child
 * of `port` and `native` starts now, loading while CPython reads the file (compare/isolated.ts).
 */
export function prestartIsolated(name: string): void {
  if (name === 'port' || name === 'native') prestartChild();
}

/** Resolves `name` (TARGET_NAMES_HELP) to a running target. Throws TargetLoadError (exit 2) for one that cannot be used. */
export async function openTarget(name: string, context: TargetContext = {}): Promise<OpenTarget> {
  const wallclockMs = context.wallclockMs ?? DEFAULT_WALLCLOCK_MS;
  let kind: TargetKind;
  try {
    kind = targetKind(name);
  } catch (error) {
    throw new TargetLoadError((error as Error).message);
  }
  switch (kind) {
    case 'builtin': {
      const builtin = name as SideName;
      if (context.isolate) return { side: isolatedSide(builtin, wallclockMs), close: nothing };
      // Loaded here, not at the top: a command whose target is CPython never loads the port.
      return { side: (await import('../compare/sides.ts')).sideNamed(builtin), close: nothing };
    }
    case 'bundled':
      return { side: await loadBundled(name), close: nothing };
    case 'adapter': {
      const adapter = await startAdapterTarget(name, { cwd: context.cwd, wallclockMs });
      return { side: adapter.side, close: adapter.close };
    }
    case 'oracle': {
      let second: Oracle;
      try {
        second = await (context.startOracle ?? startOracle)({ oracle: name, workers: 1 }); // the side runs one program at a time
      } catch (error) {
        throw new TargetLoadError(`cannot start the ${name} oracle as the target: ${error instanceof Error ? error.message : String(error)}`);
      }
      return { side: oracleSide(name, second, wallclockMs), close: () => second.close() };
    }
  }
}

/** Opens the target, hands its Side to `use`, and always closes it. */
export async function withTarget<T>(name: string, use: (side: Side) => Promise<T>, context: TargetContext = {}): Promise<T> {
  const target = await openTarget(name, context);
  try {
    return await use(target.side);
  } finally {
    await target.close();
  }
}
