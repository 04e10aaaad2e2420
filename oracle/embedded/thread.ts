/**
 * One embedded CPython in a Node worker thread: loads Pyodide once, copies the oracle worker
 * (`oracle/python/worker.py`, `importer.py`) and `bootstrap.py` into its file system, then
 * answers request lines with response lines, one at a time, in arrival order (messages that
 * arrive while a program runs wait in the port's queue: pipelining). A Pyodide fatal error
 * (e.g. a WebAssembly stack overflow) is thrown out of the thread: the oracle sees the thread
 * die and treats it like a crashed worker process.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { SLOT_ARMED, SLOT_FIRED, type AlarmMessage } from './alarm.ts';

export interface ThreadData {
  /** `file:` URL of the build's `pyodide.mjs`. */
  moduleUrl: string;
  /** Block `_asyncio`: the pure-Python Task and Future. */
  pythonTasks: boolean;
  /** Host paths of the Python files to copy in (worker.py, importer.py, bootstrap.py). */
  pythonFiles: string[];
  /** The alarm's shared slots (alarm.ts); slot 0 is Pyodide's interrupt buffer. */
  state: SharedArrayBuffer;
}

/** What the thread posts to the oracle. */
export type ThreadMessage =
  | { type: 'ready'; taskModule: string }
  | { type: 'response'; id: number; line: string; restart: boolean }
  | { type: 'output'; text: string }
  | AlarmMessage;

/** A request: the JSON line the process worker would read on stdin. */
export interface ThreadRequest {
  id: number;
  line: string;
}

/** The few members of the Pyodide API used here (the same in every build). */
interface Pyodide {
  FS: { mkdirTree(path: string): void; writeFile(path: string, data: Uint8Array): void };
  setInterruptBuffer(buffer: Int32Array): void;
  pyimport(name: string): Record<string, (...args: unknown[]) => unknown>;
  runPython(code: string): unknown;
}
type LoadPyodide = (options: { indexURL: string; stdout: (text: string) => void; stderr: (text: string) => void }) => Promise<Pyodide>;

const PY_DIR = '/oracle';

async function main(port: NonNullable<typeof parentPort>, data: ThreadData): Promise<void> {
  const post = (message: ThreadMessage): void => port.postMessage(message);
  const state = new Int32Array(data.state);
  const { loadPyodide } = (await import(data.moduleUrl)) as { loadPyodide: LoadPyodide };
  // Nothing Python writes may reach the process's stdout (`run` prints the program's output there).
  const output = (text: string): void => post({ type: 'output', text: `${text}\n` });
  // Its own files (stdlib zip, wasm) sit beside the module; said explicitly, as Pyodide guesses
  // the place from a stack trace that tsx's loader rewrites.
  const indexURL = fileURLToPath(new URL('./', data.moduleUrl));
  const py = await loadPyodide({ indexURL, stdout: output, stderr: output });
  py.FS.mkdirTree(PY_DIR);
  for (const file of data.pythonFiles) py.FS.writeFile(`${PY_DIR}/${basename(file)}`, readFileSync(file));
  py.setInterruptBuffer(state);
  py.runPython(`import sys; sys.dont_write_bytecode = True; sys.path.insert(0, ${JSON.stringify(PY_DIR)})`);
  const host = {
    arm(seconds: number, interval: number): void {
      post({ type: 'alarm', generation: Atomics.add(state, SLOT_ARMED, 1) + 1, seconds, interval });
    },
    alarmIsCurrent(): boolean {
      return Atomics.load(state, SLOT_FIRED) === Atomics.load(state, SLOT_ARMED);
    },
  };
  const bootstrap = py.pyimport('bootstrap');
  const serve = bootstrap.start(host, data.pythonTasks, PY_DIR) as (line: string) => string;
  const mustRestart = bootstrap.must_restart as () => boolean;
  port.on('message', (request: ThreadRequest) => {
    const line = serve(request.line);
    post({ type: 'response', id: request.id, line, restart: mustRestart() });
  });
  // `_asyncio` for the C Task, `asyncio.tasks` for the pure-Python one: what the oracle reports.
  post({ type: 'ready', taskModule: String(py.runPython('import asyncio; asyncio.Task.__module__')) });
}

if (parentPort) await main(parentPort, workerData as ThreadData);
