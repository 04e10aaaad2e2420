/**
 * The child-process side of an adapter target (targets/adapter-process.ts): loads the adapter
 * module once, then runs program after program as the parent sends them (IPC), answering each
 * with whatever `run` gave or the error it threw. The parent checks every answer's shape and
 * owns the wall clock: a `run` that never answers is killed with this process.
 *
 * Entered through compare/isolated-worker.ts (the one child entry the build bundles), on its
 * first message.
 */
import { pathToFileURL } from 'node:url';
import type { AdapterInput, TargetAdapterModule } from '../lib/adapter.ts';
import { checkAdapterModule, type AdapterDescription } from './adapter-shape.ts';

export interface AdapterLoadRequest {
  kind: 'adapter-load';
  /** Absolute path of the module. */
  file: string;
}

export interface AdapterRunRequest {
  kind: 'adapter-run';
  id: number;
  input: AdapterInput;
}

export type AdapterChildMessage =
  | { kind: 'loaded'; description: AdapterDescription }
  | { kind: 'load-failed'; message: string }
  | { kind: 'ran'; id: number; result: unknown }
  | { kind: 'threw'; id: number; message: string };

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : `a non-Error value: ${String(error)}`;
}

function send(message: AdapterChildMessage): void {
  process.send!(message);
}

/** Loads the module named by `request` and serves run requests until the parent disconnects or kills it. */
export async function serveAdapter(request: AdapterLoadRequest): Promise<void> {
  let adapter: TargetAdapterModule;
  try {
    const loaded = (await import(pathToFileURL(request.file).href)) as { default?: unknown };
    const checked = checkAdapterModule(loaded.default);
    if ('problems' in checked) {
      send({ kind: 'load-failed', message: checked.problems.join('; ') });
      return;
    }
    adapter = loaded.default as TargetAdapterModule;
    send({ kind: 'loaded', description: checked });
  } catch (error) {
    send({ kind: 'load-failed', message: `importing it threw ${errorText(error)}` });
    return;
  }
  process.on('message', (message: AdapterRunRequest) => {
    if (message.kind !== 'adapter-run') return;
    void (async () => {
      let result: unknown;
      try {
        result = await adapter.run(message.input);
      } catch (error) {
        send({ kind: 'threw', id: message.id, message: `run threw ${errorText(error)}` });
        return;
      }
      try {
        send({ kind: 'ran', id: message.id, result });
      } catch (error) {
        // A function, a symbol or a class instance with private state cannot cross the process boundary.
        send({ kind: 'threw', id: message.id, message: `run returned a value that is not plain data (${errorText(error)}): return { trace, outcome } of strings, numbers and plain objects` });
      }
    })();
  });
  process.on('disconnect', () => process.exit(0));
}
