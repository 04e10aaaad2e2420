/**
 * Deterministic streams of programs, aligned with fast-check's own replay: element `i`
 * of `samplePrograms({ seed })` is the first value that
 * `fc.assert(fc.property(programArbitrary(c), ...), { seed, path: String(i) })` runs.
 */
import fc from 'fast-check';
import { xorshift128plus } from 'pure-rand/generator/xorshift128plus';
import type { Program } from '../ir/program.ts';
import type { ProgramConstraints } from './_internals/constraints.ts';
import { resolveConstraints } from './_internals/constraints.ts';
import { programArbitrary } from './program.ts';

export interface SampleOptions {
  seed: number;
  count: number;
  constraints?: ProgramConstraints;
  /**
   * Index of the first program. fast-check replays from a path without generating the
   * skipped values (it only advances the random generator), so a shard can start anywhere.
   * @defaultValue 0
   */
  offset?: number;
}

function requireSeed(api: string, seed: unknown): void {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new Error(`${api}: seed must be an integer, got ${String(seed)}`);
}

/** Programs `offset .. offset + count - 1` of the stream that `seed` and `constraints` give. */
export function samplePrograms(options: SampleOptions): Program[] {
  const { seed, count, constraints, offset = 0 } = options;
  requireSeed('samplePrograms', seed);
  if (!Number.isInteger(count) || count < 0) throw new Error(`samplePrograms: count must be an integer >= 0, got ${String(count)}`);
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`samplePrograms: offset must be an integer >= 0, got ${String(offset)}`);
  resolveConstraints(constraints, 'samplePrograms');
  if (count === 0) return [];
  return fc.sample(programArbitrary(constraints), { seed, path: String(offset), numRuns: count });
}

/**
 * Programs `offset`, `offset + 1`, ... of the stream `seed` and `constraints` give, made one at a
 * time as they are read: the same programs as samplePrograms, without a chunk of them held at
 * once or a restart that skips every run before it (check --runs 1000000 keeps flat memory).
 *
 * Hand-written because fast-check keeps its lazy stream to itself (`streamSample` in its
 * runner). This is its `lazyToss`, as fast-check 4 runs `sample` with a path: one
 * xorshift128+ generator of the seed (its `readSeed`), jumped once per run; each run generated
 * by the property from a clone of it (fc.Random clones), with its run index as the bias.
 * test/generators/sample.test.ts holds it equal to fc.sample, so an upgrade that changes any
 * of this fails there.
 */
export function* streamPrograms(options: Omit<SampleOptions, 'count'>): Generator<Program, never, undefined> {
  const { seed, constraints, offset = 0 } = options;
  requireSeed('streamPrograms', seed);
  if (!Number.isInteger(offset) || offset < 0) throw new Error(`streamPrograms: offset must be an integer >= 0, got ${String(offset)}`);
  resolveConstraints(constraints, 'streamPrograms');
  const property = fc.property(programArbitrary(constraints), (_program: Program) => true);
  const rng = xorshift128plus(fastCheckSeed(seed));
  for (let run = 0; run < offset; run++) rng.jump();
  for (let run = offset; ; run++) {
    rng.jump();
    yield property.generate(new fc.Random(rng), run).value[0];
  }
}

/** fast-check's readSeed: a seed beyond 32 bits folds its high part in. */
function fastCheckSeed(seed: number): number {
  const seed32 = seed | 0;
  return seed === seed32 ? seed32 : seed32 ^ ((seed - seed32) * 0x100000000);
}

/**
 * The program a fast-check path names: `"17"` is run 17; `"17:3:0"` is what shrinking
 * run 17 reached after those steps (the path fast-check prints for a counterexample).
 */
export function replayProgram(options: { seed: number; path: string; constraints?: ProgramConstraints }): Program {
  requireSeed('replayProgram', options.seed);
  if (!/^\d+(:\d+)*$/.test(options.path)) throw new Error(`replayProgram: path must look like "17" or "17:3:0", got ${JSON.stringify(options.path)}`);
  resolveConstraints(options.constraints, 'replayProgram');
  const [program] = fc.sample(programArbitrary(options.constraints), { seed: options.seed, path: options.path, numRuns: 1 });
  if (program === undefined) throw new Error(`replayProgram: nothing at path ${options.path} for seed ${options.seed}`);
  return program;
}
