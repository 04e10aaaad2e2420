/**
 * The one Pyodide of this process (CPython 3.14.2, the npm alias `cpython-3.14`, the build the
 * embedded oracle loads), loaded on first use and kept for every later program: loading takes
 * seconds. Its `host.py` is copied in and `pyodide.webloop.scheduleCallback` pointed at the
 * adapter's virtual loop (whichever run is current). A fatal Pyodide error leaves the
 * interpreter unusable: `discard()` forgets it and the next run loads a fresh one.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { embeddedBuild, pyodideModuleUrl } from '../../oracle/embedded/builds.ts';

/** The few members of the Pyodide API used here. */
export interface PyProxy {
  (...args: unknown[]): unknown;
  destroy(): void;
}
export interface Pyodide {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: Uint8Array | string): void };
  pyimport(name: string): Record<string, PyProxy>;
  runPython(code: string): unknown;
  runPythonAsync(code: string, options: { globals: unknown; filename?: string }): Promise<unknown>;
  toPy(value: unknown): unknown;
}
type LoadPyodide = (options: { indexURL: string; stdout: (text: string) => void; stderr: (text: string) => void }) => Promise<Pyodide>;

export const BUILD_NAME = 'cpython-3.14';
const HOST_DIR = '/pyodide-webloop-target';

export interface Instance {
  py: Pyodide;
  host: Record<string, PyProxy>;
}

/** Where the interpreter's stdout and stderr go (the current run's; nothing reaches the process's own). */
export const output = { sink: (_text: string): void => {} };

/** Where the WebLoop's scheduleCallback goes (the current run's virtual loop). */
export const scheduler = { schedule: (_callback: () => void, _delayMs: number): void => {} };

let loading: Promise<Instance> | undefined;

export function instance(): Promise<Instance> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function discard(): void {
  loading = undefined;
}

async function load(): Promise<Instance> {
  const build = embeddedBuild(BUILD_NAME);
  if (!build) throw new Error(`no embedded build named ${BUILD_NAME}`);
  const moduleUrl = pyodideModuleUrl(build);
  const { loadPyodide } = (await import(moduleUrl)) as { loadPyodide: LoadPyodide };
  // Said explicitly, as Pyodide guesses its files' place from a stack trace that tsx rewrites.
  const indexURL = fileURLToPath(new URL('./', moduleUrl));
  const py = await loadPyodide({ indexURL, stdout: (text) => output.sink(`${text}\n`), stderr: (text) => output.sink(`${text}\n`) });
  py.FS.mkdirTree(HOST_DIR);
  py.FS.writeFile(`${HOST_DIR}/pyodide_webloop_host.py`, readFileSync(new URL('./host.py', import.meta.url)));
  // The oracle's own print (oracle/python/printing.py): the WebLoop records prints as the oracle does.
  py.FS.writeFile(`${HOST_DIR}/printing.py`, readFileSync(new URL('../../oracle/python/printing.py', import.meta.url)));
  py.runPython(`import sys; sys.dont_write_bytecode = True; sys.path.insert(0, ${JSON.stringify(HOST_DIR)})`);
  const host = py.pyimport('pyodide_webloop_host');
  host.install((callback: () => void, delayMs: number) => scheduler.schedule(callback, delayMs));
  return { py, host };
}
