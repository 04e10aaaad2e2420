/**
 * Which of glibc's x86-64 libm builds the ported libm functions reproduce (runtime/pow.ts
 * says why there are two, and how they differ). A module of its own, apart from the ported
 * functions and their tables: the CLI sets the build for every command, also for those that
 * never compute a float (`run --target cpython` loads none of the runtime).
 */
import { readFileSync } from 'node:fs';

/** Which compiled version of glibc's pow to reproduce. */
export type PowBuild = 'fma' | 'generic';

/** The build glibc's ifunc selects on a CPU with these /proc/cpuinfo flags. */
export function buildForCpuFlags(flags: readonly string[]): PowBuild {
  return flags.includes('fma') && flags.includes('avx2') ? 'fma' : 'generic';
}

/** The build this machine's libm runs (read once, at start-up). */
function detectBuild(): PowBuild {
  if (process.platform !== 'linux' || process.arch !== 'x64') return 'fma';
  try {
    const line = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return line ? buildForCpuFlags(line[1].trim().split(/\s+/)) : 'fma';
  } catch {
    return 'fma';
  }
}

/** The build this machine's libm (so its python3) runs. */
export const MACHINE_POW_BUILD: PowBuild = detectBuild();

/** The environment variable that names the build to reproduce instead of the machine's. */
export const POW_BUILD_VARIABLE = 'ASYNCIO_CONFORMANCE_POW_BUILD';

let chosenBuild: PowBuild | undefined;
let environmentBuild: PowBuild | undefined;

/** The build $ASYNCIO_CONFORMANCE_POW_BUILD names, else the machine's (read once). */
function buildFromEnvironment(): PowBuild {
  const named = process.env[POW_BUILD_VARIABLE];
  if (named === undefined || named === '') return MACHINE_POW_BUILD;
  if (named !== 'fma' && named !== 'generic') throw new Error(`${POW_BUILD_VARIABLE} must be 'fma' or 'generic', not '${named}'`);
  return named;
}

/**
 * The build glibcPow reproduces by default: the one set by setPowBuild, else the one
 * named by $ASYNCIO_CONFORMANCE_POW_BUILD (seen by worker threads and child processes too),
 * else the machine's. A comparison with another CPython than the machine's python3 names
 * the build that CPython's pow matches: the embedded WebAssembly CPython (Pyodide, musl's
 * pow, which is the same Arm code compiled without FMA) computes what the generic build does.
 */
export function powBuild(): PowBuild {
  return chosenBuild ?? (environmentBuild ??= buildFromEnvironment());
}

/**
 * The build of every ported libm function (pow here, log, exp, sin and cos in libm-*.ts):
 * one ifunc rule (FMA and AVX2, else the generic C) picks all of them, so one setting does.
 */
export const libmBuild = powBuild;

/** Sets the build glibcPow reproduces in this thread (undefined: back to powBuild's default). */
export function setPowBuild(build: PowBuild | undefined): void {
  chosenBuild = build;
}
