/** The worker-thread side of compare/isolated.ts: run the one program, post the result. */
import { parentPort, workerData } from 'node:worker_threads';
import type { IsolatedRequest } from './isolated.ts';
import { sideNamed } from './sides.ts';

const { side, program, options } = workerData as IsolatedRequest;
parentPort!.postMessage(await sideNamed(side).run(program, options));
