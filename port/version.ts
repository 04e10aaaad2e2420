/**
 * The CPython version the port reproduces. The port ports 3.11's Lib/asyncio; where a later
 * version changed what a program can observe (asyncio's order, a Python value's message), the
 * change is one named predicate here, asked at the one place the port differs. Each predicate's
 * doc comment names the CPython change it ports.
 *
 * The version is set per thread (setPythonVersion, by the CLI from `--python-version` or the
 * oracle's version), else read once from $ASYNCIO_CONFORMANCE_PYTHON_VERSION (seen by worker
 * threads and child processes too), else 3.11.
 */

export const PYTHON_VERSIONS = ['3.11', '3.12', '3.13', '3.14', '3.15'] as const;
export type PythonVersion = (typeof PYTHON_VERSIONS)[number];

/** What the port is without being told: the version it ports. */
export const DEFAULT_PYTHON_VERSION: PythonVersion = '3.11';

/** The environment variable naming the version for a whole process (and its children). */
export const PYTHON_VERSION_VARIABLE = 'ASYNCIO_CONFORMANCE_PYTHON_VERSION';

/** `'3.12'` (or `'3.12.7'`, a `sys.version` prefix) as a version the port targets; undefined when it targets none. */
export function pythonVersionOf(text: string): PythonVersion | undefined {
  const match = /^(\d+\.\d+)(?:\.|$)/.exec(text.trim());
  return PYTHON_VERSIONS.find((v) => v === match?.[1]);
}

let chosen: PythonVersion | undefined;
let fromEnvironment: PythonVersion | undefined;

function versionFromEnvironment(): PythonVersion {
  const named = process.env[PYTHON_VERSION_VARIABLE];
  if (named === undefined || named === '') return DEFAULT_PYTHON_VERSION;
  const version = pythonVersionOf(named);
  if (version === undefined || version !== named) throw new Error(`${PYTHON_VERSION_VARIABLE} must be one of ${PYTHON_VERSIONS.join(', ')}, not '${named}'`);
  return version;
}

/** The version the port reproduces now. */
export function pythonVersion(): PythonVersion {
  return chosen ?? (fromEnvironment ??= versionFromEnvironment());
}

/** Sets the version the port reproduces in this thread (undefined: back to the default). */
export function setPythonVersion(version: PythonVersion | undefined): void {
  chosen = version;
}

/** Whether the target is `minor` (3.minor) or later. */
function atLeast(minor: number): boolean {
  return Number(pythonVersion().split('.')[1]) >= minor;
}

/**
 * `gather` runs an already-done child's `_done_callback` at once, after creating the outer
 * future, instead of scheduling it with `call_soon` (3.11 spends 2 more loop iterations).
 * Ports gh-97696 (the eager task factory's PR, which added `done_futs`; What's New in 3.12: asyncio).
 */
export function gatherSkipsDoneTasks(): boolean {
  return atLeast(12);
}

/**
 * Every `ZeroDivisionError` of `/`, `//`, `%` and `divmod` says "division by zero", and a zero
 * base raised to a negative power "zero to a negative power" (3.11-3.13: "integer modulo by
 * zero", "float modulo", "0.0 cannot be raised to a negative power", ...). Ports gh-119057
 * (What's New in 3.14: "ZeroDivisionError messages"), as 3.14.2 and 3.15.0 print them.
 */
export function unifiedZeroDivisionMessages(): boolean {
  return atLeast(14);
}

/**
 * A float `%` by zero says "float modulo by zero" (3.11-3.12: "float modulo"). A 3.13 change
 * to floatobject.c float_rem, seen in 3.13.2 (cpython-3.13); the CPython issue number is not
 * pinned here. From 3.14, unifiedZeroDivisionMessages decides.
 */
export function floatModuloSaysByZero(): boolean {
  return atLeast(13);
}

/**
 * Generator features whose asyncio changed after 3.11 in ways `port/version.ts` does not port
 * yet: `wait_for` became `async with timeout(...)` inline in the caller's task (3.12, gh-96764),
 * `uncancel()` clears `_must_cancel` and TaskGroup's `__aexit__` changed (3.13). At a later
 * version `check` on the port generates no such programs, so it never reports the port's 3.11
 * behaviour as that version's (fidelity or refusal).
 */
export function featuresUnportedAt(version: PythonVersion): { timeouts?: false; taskGroups?: false; uncancel?: false } {
  return version === '3.11' ? {} : { timeouts: false, taskGroups: false, uncancel: false };
}
