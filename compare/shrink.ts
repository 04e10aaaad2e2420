/**
 * Shrinks a counterexample with fast-check's own shrinker, replaying it from its seed and
 * path, so every shrunk program is one the generator can produce (and so, valid) and the
 * result comes with a path that replays it.
 */
import fc from 'fast-check';
import type { Program } from '../ir/program.ts';
import { programArbitrary, type ProgramConstraints } from '../generators/index.ts';

export interface Shrunk {
  program: Program;
  path: string;
  shrinkSteps: number;
  millis: number;
}

/**
 * `stillFails` must say whether a candidate still shows the same difference (and still
 * terminates on the oracle); candidates it rejects are not kept.
 */
export async function shrinkCounterexample(
  seed: number,
  path: string,
  constraints: ProgramConstraints | undefined,
  stillFails: (program: Program) => Promise<boolean>,
  options: { maxSkipsPerRun?: number; timeoutMs?: number } = {},
): Promise<Shrunk | undefined> {
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(programArbitrary(constraints), async (program) => !(await stillFails(program))),
    { seed, path, numRuns: 1, endOnFailure: false, interruptAfterTimeLimit: options.timeoutMs ?? 60_000 },
  );
  if (!details.failed || !details.counterexample || details.counterexamplePath === null) return undefined;
  return {
    program: details.counterexample[0],
    path: details.counterexamplePath,
    shrinkSteps: details.numShrinks,
    millis: performance.now() - started,
  };
}
