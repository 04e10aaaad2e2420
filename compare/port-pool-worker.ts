/**
 * One thread of compare/port-pool.ts: runs each program it is sent on a local side (the port
 * or the native profile), one at a time in the order they came, under the caller's per-thread
 * settings of the port (version, pow build), and posts the result back with the request's id.
 */
import { parentPort } from 'node:worker_threads';
import { setPowBuild } from '../runtime/libm-build.ts';
import { setPythonVersion } from '../port/version.ts';
import type { PortPoolRequest, PortPoolResponse } from './port-pool.ts';
import { sideNamed } from './sides.ts';

const port = parentPort;
if (!port) throw new Error('compare/port-pool-worker.ts runs only as a worker thread of compare/port-pool.ts');

let queue: Promise<void> = Promise.resolve();
port.on('message', (request: PortPoolRequest) => {
  queue = queue.then(async () => {
    setPythonVersion(request.pythonVersion);
    setPowBuild(request.powBuild);
    // A side never throws (compare/sides.ts: a crash is a SideFailure).
    const result = await sideNamed(request.side).run(request.program, request.options);
    port.postMessage({ id: request.id, result } satisfies PortPoolResponse);
  });
});
