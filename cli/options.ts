/** Parsers for the options several commands share; each names the flag and how to fix it. */
import { InvalidArgumentError, Option } from 'commander';
import { ORACLE_NAMES_HELP, parseOracleName } from '../oracle/oracles.ts';
import { TARGET_NAMES_HELP, targetKind } from '../targets/index.ts';
import type { ClockModel } from '../ir/program.ts';
import type { Shard } from '../compare/shard.ts';
import { PYTHON_VERSIONS, pythonVersionOf, type PythonVersion } from '../port/version.ts';

export function parseClock(value: string): ClockModel {
  if (value === 'realistic' || value === 'ideal') return value;
  throw new InvalidArgumentError(`expected "realistic" or "ideal", got "${value}"`);
}

export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`expected a whole number >= 0, got "${value}"`);
  }
  return n;
}

export function parsePositiveInt(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n < 1) throw new InvalidArgumentError(`expected a whole number >= 1, got "${value}"`);
  return n;
}

/**
 * Most programs one run (or one --path index, or one --count) may name: fast-check reaches
 * index i by stepping its random generator i times (about 0.6 s per million here), so a
 * replay of any index stays within seconds. A longer campaign: several seeds.
 */
export const MAX_RUNS = 10_000_000;

/** A count of programs: 1 .. MAX_RUNS. */
export function parseRuns(value: string): number {
  const n = parsePositiveInt(value);
  if (n > MAX_RUNS) throw new InvalidArgumentError(`expected at most ${MAX_RUNS} programs, got "${value}" (for more, run several seeds)`);
  return n;
}

/** Like parseRuns, 0 allowed (`generate --count 0` writes nothing). */
export function parseCount(value: string): number {
  const n = parseNonNegativeInt(value);
  if (n > MAX_RUNS) throw new InvalidArgumentError(`expected at most ${MAX_RUNS} programs, got "${value}"`);
  return n;
}

/**
 * fast-check's seeds are 32-bit signed integers: it folds any other number into that range
 * (4294967295 runs as -1), so a report would show another seed than the one typed. Exactly
 * -2147483648 .. 2147483647 is accepted, as is; anything else is refused.
 */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || n < -(2 ** 31) || n > 2 ** 31 - 1) {
    throw new InvalidArgumentError(`expected an integer seed from -2147483648 to 2147483647 (fast-check's 32-bit seeds), got "${value}"`);
  }
  return n;
}

/** Oracle worker processes: 1 .. MAX_WORKERS. */
export const MAX_WORKERS = 64;

export function parseWorkers(value: string): number {
  const n = parsePositiveInt(value);
  if (n > MAX_WORKERS) throw new InvalidArgumentError(`expected at most ${MAX_WORKERS} workers, got "${value}"`);
  return n;
}


/** `i/n` with 1 <= i <= n. */
export function parseShard(value: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(`expected i/n with 1 <= i <= n (e.g. 2/4), got "${value}"`);
  }
  return { index, count };
}

/** A seed for runs that did not name one; printed, so the run can be repeated. */
export function randomSeed(): number {
  return (Math.random() * 2 ** 31) | 0;
}

/**
 * A fast-check path: the run index (below MAX_RUNS), then shrink steps (`17` or `17:3:0`).
 * Whether the shrink steps exist is known only by walking them: `runCheck` says so (exit 2).
 */
export function parsePath(value: string): string {
  if (!/^\d+(:\d+)*$/.test(value)) throw new InvalidArgumentError(`expected a fast-check path such as 17 or 17:3:0, got "${value}"`);
  const [index, ...steps] = value.split(':').map(Number);
  if (index >= MAX_RUNS) throw new InvalidArgumentError(`the run index of a path is below ${MAX_RUNS} (the most programs one run has), got "${value}"`);
  if (steps.some((step) => !Number.isSafeInteger(step))) throw new InvalidArgumentError(`a shrink step of "${value}" is too large to exist`);
  return value;
}

/** `--oracle NAME`, the same on every command that runs CPython (oracle/oracles.ts). */
export function oracleOption(): Option {
  return new Option('--oracle <name>', `the Python to run as the oracle: ${ORACLE_NAMES_HELP}`)
    .conflicts('python') // `--oracle PATH` says it; `system` is the one --python chooses
    .argParser((value: string) => {
      try {
        parseOracleName(value);
      } catch (error) {
        throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
      }
      return value;
    });
}

/**
 * `--python-version 3.X`: the CPython whose asyncio the port reproduces (port/version.ts);
 * default the oracle's version (3.11 without one, or for an oracle older than 3.11).
 */
export function pythonVersionOption(): Option {
  return new Option('--python-version <version>', `the CPython version the port reproduces: ${PYTHON_VERSIONS.join(', ')} (default: the oracle's)`).argParser(
    (value: string): PythonVersion => {
      const version = pythonVersionOf(value);
      if (version === undefined || version !== value) throw new InvalidArgumentError(`expected one of ${PYTHON_VERSIONS.join(', ')}, got "${value}"`);
      return version;
    },
  );
}

/**
 * `--target`, the same on every command that takes one: `port` (default), `native`, a bundled
 * real port, a path to an adapter module, or an oracle name (targets/index.ts says which is
 * which). Only the name is checked here: an adapter loads when the command starts it.
 */
export function targetOption(description = 'what to compare with the oracle', also: readonly string[] = []): Option {
  return new Option('--target <target>', `${description}: ${[...also, TARGET_NAMES_HELP].join(', ')}`).default('port').argParser((value: string) => {
    if (also.includes(value)) return value;
    try {
      targetKind(value);
    } catch (error) {
      throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
    }
    return value;
  });
}

/** `--target-wallclock MS`: how long one program may take on an adapter (or isolated) target before it is a timeout. */
/**
 * CPython's own limit for one user program (`run`, `compare`): as `--target-wallclock` is the
 * target's. A program that never ends spins a core until it; a test proving the stop needs no 25 s of it.
 */
export function oracleWallclockOption(): Option {
  return new Option('--oracle-wallclock <ms>', 'wall-clock milliseconds one program may take on CPython before its verdict is a timeout (retried once with 4x; default 5000)').argParser(parsePositiveInt);
}

export function targetWallclockOption(): Option {
  return new Option('--target-wallclock <ms>', 'wall-clock milliseconds one program may take on an adapter target before its verdict is a timeout (retried once with 4x; default 5000)').argParser(parsePositiveInt);
}
