/**
 * `programArbitrary`: random asyncio programs in the core tutorial vocabulary.
 */
import fc from 'fast-check';
import type { Program } from '../ir/program.ts';
import type { ProgramConstraints, ProgramFeatures, ResolvedConstraints } from './_internals/constraints.ts';
import { resolveConstraints } from './_internals/constraints.ts';
import { lowerProgram } from './_internals/lower.ts';
import { programSkeletonArbitrary } from './_internals/skeleton.ts';

/**
 * Valid, terminating, exception-free programs: `async def main()` plus up to
 * `maxFunctions - 1` workers `async def workerN(n)`, and the body `asyncio.run(main())`.
 * Statements print labelled values, sleep, create and await tasks, await coroutines,
 * leave tasks and coroutines unawaited, and loop a bounded number of times; a print's
 * label `'<function>:<index>'` names the statement that printed (see `_internals/lower.ts`).
 *
 * fast-check generates and shrinks a skeleton of choices that maps totally to the IR, so
 * every shrunk value is a valid program too. Throws at once on invalid constraints.
 */
export function programArbitrary(constraints?: ProgramConstraints): fc.Arbitrary<Program> {
  const resolved = resolveConstraints(constraints, 'programArbitrary');
  const fixed = (c: ResolvedConstraints): fc.Arbitrary<Program> => programSkeletonArbitrary(c).map((skeleton) => lowerProgram(skeleton, c));
  if (resolved.swarmFeatures.length === 0) return fixed(resolved);
  // Swarm: first the program's own features (shrinking switches them off), then a program with them.
  const draws = Object.fromEntries(resolved.swarmFeatures.map((f) => [f, fc.boolean()])) as Record<keyof ProgramFeatures, fc.Arbitrary<boolean>>;
  return fc.record(draws).chain((on) => fixed({ ...resolved, features: withRequirements({ ...resolved.features, ...on }, resolved.swarmFeatures) }));
}

/** Features that act on a task variable: drawn without `createTask`, they could never show. */
const NEEDS_CREATE_TASK: ReadonlyArray<keyof ProgramFeatures> = ['awaitTask', 'taskMethods', 'cancel', 'cancelAwait'];

/** A drawn feature that needs another switches that one on too, unless the caller pinned it. */
function withRequirements(features: ProgramFeatures, drawn: ReadonlyArray<keyof ProgramFeatures>): ProgramFeatures {
  if (drawn.includes('createTask') && NEEDS_CREATE_TASK.some((f) => features[f])) return { ...features, createTask: true };
  return features;
}
