/**
 * Finds the CPython the oracle runs: `--python PATH`, else `$ASYNCIO_CONFORMANCE_PYTHON`,
 * else the real binary behind `python3` on PATH. A pyenv shim costs ~65 ms per spawn, so
 * the shim is resolved once (`sys.executable`) and the answer cached for the process.
 *
 * Resolving it costs 0.3 s even once (pyenv's shim is a dozen bash scripts), more than
 * the CLI's own start-up. So each answer is also remembered on disk, and `guessPython` offers
 * the remembered one at once: the oracle starts on it while `findPython` probes, and
 * oracle/oracles.ts starts again on the probe's answer when they differ. No rule can tell
 * when a shim's answer changes (pyenv reads `PYENV_VERSION`, `.python-version` files up the
 * tree, its global file...), so the remembered answer is only ever a head start, never trusted.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface PythonInfo {
  /** Absolute path of the real interpreter (never a shim). */
  executable: string;
  /** `major.minor.micro`, e.g. `3.11.7`. */
  version: string;
  /** `sys.implementation.name` as Python spells it in `platform.python_implementation()`, e.g. `CPython`. */
  implementation: string;
}

export interface FindPythonOptions {
  python?: string;
}

export const MIN_PYTHON: readonly [number, number] = [3, 9];
export const PYTHON_ENV_VAR = 'ASYNCIO_CONFORMANCE_PYTHON';

const PROBE =
  'import sys, platform; print(sys.executable); ' +
  "print('%d.%d.%d' % sys.version_info[:3]); print(platform.python_implementation())";

/** This interpreter cannot be the oracle: not there, not runnable, or too old. The message says how to fix it. */
export class UnusablePython extends Error {
  override name = 'UnusablePython';
}

const cache = new Map<string, Promise<PythonInfo>>();

/** The interpreter asked for, and where the ask came from (for messages). */
function candidateOf(opts: FindPythonOptions): [candidate: string, source: string] {
  return opts.python
    ? [opts.python, '--python']
    : process.env[PYTHON_ENV_VAR]
      ? [process.env[PYTHON_ENV_VAR] as string, `$${PYTHON_ENV_VAR}`]
      : ['python3', 'PATH'];
}

/** The interpreter, as a probe of it says now (once per process). */
export function findPython(opts: FindPythonOptions = {}): Promise<PythonInfo> {
  const [candidate, source] = candidateOf(opts);
  let found = cache.get(candidate);
  if (!found) {
    found = probe(candidate, source);
    cache.set(candidate, found);
    found.then(
      (info) => remember(candidate, info),
      () => {
        cache.delete(candidate); // a failure is not cached: the user may fix it
        forget(candidate);
      },
    );
  }
  return found;
}

/**
 * What an earlier process's probe answered for this interpreter, at once, else findPython's
 * answer. It starts findPython's probe either way: the caller must compare the two before it
 * trusts what it started (oracle/oracles.ts `startProcesses`).
 */
export function guessPython(opts: FindPythonOptions = {}): Promise<PythonInfo> {
  const probed = findPython(opts);
  const remembered = rememberedAnswers()[memoryKey(candidateOf(opts)[0])];
  if (remembered === undefined) return probed;
  probed.catch(() => undefined); // the caller awaits findPython for the verdict
  return Promise.resolve(remembered);
}

/** Whether two answers name the same interpreter. */
export const samePython = (a: PythonInfo, b: PythonInfo): boolean =>
  a.executable === b.executable && a.version === b.version && a.implementation === b.implementation;

// --- The remembered answers: one small JSON file in the user's cache directory. ---------

/** `$XDG_CACHE_HOME/asyncio-conformance`, else `~/.cache/asyncio-conformance`: what only saves time lives there. */
export function userCacheDirectory(): string {
  return join(process.env.XDG_CACHE_HOME || join(os.homedir(), '.cache'), 'asyncio-conformance');
}

/** The remembered answers. */
export const pythonMemoryFile = (): string => join(userCacheDirectory(), 'python.json');

/** A candidate's answer depends on PATH when it is a bare name; the key says both. */
const memoryKey = (candidate: string): string => (candidate.includes('/') ? candidate : `${candidate} on ${process.env.PATH ?? ''}`);

/** How many answers the file keeps (one per interpreter and PATH a user ran with). */
const MEMORY_LIMIT = 32;

function rememberedAnswers(): Record<string, PythonInfo> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(pythonMemoryFile(), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, PythonInfo>) : {};
  } catch {
    return {}; // none yet, or unreadable: every answer is probed anyway
  }
}

function remember(candidate: string, info: PythonInfo): void {
  const answers = rememberedAnswers();
  const key = memoryKey(candidate);
  if (answers[key] && samePython(answers[key], info)) return;
  delete answers[key];
  const kept = Object.entries(answers).slice(-(MEMORY_LIMIT - 1)); // newest last
  writeMemory(Object.fromEntries([...kept, [key, { executable: info.executable, version: info.version, implementation: info.implementation }]]));
}

function forget(candidate: string): void {
  const answers = rememberedAnswers();
  const key = memoryKey(candidate);
  if (!(key in answers)) return;
  delete answers[key];
  writeMemory(answers);
}

/** Written whole to a temporary file and renamed, so a reader never sees half; a failure only costs the head start. */
function writeMemory(answers: Record<string, PythonInfo>): void {
  const file = pythonMemoryFile();
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(answers, null, 1));
    renameSync(temporary, file);
  } catch {
    // a read-only home directory: the next start probes before it starts, as without the file
  }
}

async function probe(candidate: string, source: string): Promise<PythonInfo> {
  const howToFix =
    `The oracle needs CPython >= ${MIN_PYTHON.join('.')}. Install it, or point to one with ` +
    `--python /path/to/python3 or ${PYTHON_ENV_VAR}=/path/to/python3.`;
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(candidate, ['-c', PROBE], { timeout: 30_000, encoding: 'utf8' }));
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UnusablePython(`Cannot run Python '${candidate}' (from ${source}): ${why}\n${howToFix}`);
  }
  const [executable, version, implementation] = stdout.trim().split('\n').map((s) => s.trim());
  const [major, minor] = version.split('.').map(Number);
  if (!executable || !(major > MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor >= MIN_PYTHON[1]))) {
    throw new UnusablePython(`Python '${candidate}' (from ${source}) is ${version || 'unknown'}: too old.\n${howToFix}`);
  }
  return { executable, version, implementation };
}
