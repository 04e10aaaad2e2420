import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Program } from '../../ir/program.ts';
import { printPython } from '../../ir/python.ts';
import { programArbitrary, replayProgram, samplePrograms, streamPrograms, withHeader } from '../../generators/index.ts';
import { DEFAULT_FEATURES } from '../../generators/_internals/constraints.ts';
import type { ProgramConstraints } from '../../generators/index.ts';

/** The first value fc.assert runs when replaying `path`: what the CLI's `--seed S --path P` must reproduce. */
function firstValueAssertRuns(seed: number, path: string, constraints?: ProgramConstraints): Program {
  let first: Program | undefined;
  try {
    fc.assert(
      fc.property(programArbitrary(constraints), (program) => {
        first ??= program;
        throw new Error('stop at the first value');
      }),
      { seed, path, endOnFailure: true },
    );
  } catch {
    // Expected: the property fails at once.
  }
  if (first === undefined) throw new Error('fc.assert ran nothing');
  return first;
}

describe('samplePrograms', () => {
  it('is deterministic: the same seed gives the same stream', () => {
    const a = samplePrograms({ seed: 42, count: 30 }).map(printPython);
    const b = samplePrograms({ seed: 42, count: 30 }).map(printPython);
    expect(a).toEqual(b);
    expect(samplePrograms({ seed: 43, count: 30 }).map(printPython)).not.toEqual(a);
  });

  it('element i is what fc.assert replays first with { seed, path: String(i) }', () => {
    const constraints: ProgramConstraints = { maxFunctions: 3, features: { gather: true } };
    const stream = samplePrograms({ seed: 42, count: 40, constraints });
    for (const i of [0, 1, 2, 7, 19, 39]) {
      expect(firstValueAssertRuns(42, String(i), constraints)).toEqual(stream[i]);
    }
  });

  it('offset k starts at element k without changing it (seed 42 and a random seed)', () => {
    const seed = Date.now() % 1_000_000_007;
    console.log(`sample offset: random seed ${seed}`);
    for (const s of [42, seed]) {
      const whole = samplePrograms({ seed: s, count: 50 });
      expect(samplePrograms({ seed: s, count: 10, offset: 40 })).toEqual(whole.slice(40));
      expect(samplePrograms({ seed: s, count: 1, offset: 17 })).toEqual([whole[17]]);
    }
  });

  it('skips to a far offset without generating what it skips', () => {
    // samplePrograms relies on fast-check replaying a path by advancing its random generator
    // only: count how many programs the arbitrary really builds to reach offset 1,000,000.
    let built = 0;
    const counted = programArbitrary().map((program) => {
      built++;
      return program;
    });
    const [reached] = fc.sample(counted, { seed: 42, path: '1000000', numRuns: 1 });
    expect(built).toBe(1);
    const [far] = samplePrograms({ seed: 42, count: 1, offset: 1_000_000 });
    expect(far).toEqual(reached);
    expect(far.functions[0].name).toBe('main');
  });

  it('rejects bad options naming the API', () => {
    expect(() => samplePrograms({ seed: 1.5, count: 1 })).toThrow('samplePrograms: seed must be an integer, got 1.5');
    expect(() => samplePrograms({ seed: 1, count: -1 })).toThrow('samplePrograms: count must be an integer >= 0, got -1');
    expect(() => samplePrograms({ seed: 1, count: 1, offset: 0.5 })).toThrow('samplePrograms: offset must be an integer >= 0, got 0.5');
    expect(() => samplePrograms({ seed: 1, count: 1, constraints: { maxDepth: -2 } })).toThrow('samplePrograms: maxDepth must be an integer >= 0, got -2');
  });
});

describe('replayProgram', () => {
  it('replays run paths and shrink paths exactly as fc.assert does', () => {
    // A shrink path that exists: the failing run and shrink steps fast-check reports.
    const details = fc.check(
      fc.property(programArbitrary(), (program) => printPython(program).length < 300),
      { seed: 42 },
    );
    expect(details.failed).toBe(true);
    const shrinkPath = details.counterexamplePath!;
    expect(shrinkPath).toContain(':');
    const runPath = shrinkPath.split(':')[0];
    expect(replayProgram({ seed: 42, path: runPath })).toEqual(firstValueAssertRuns(42, runPath));
    const replayed = replayProgram({ seed: 42, path: shrinkPath });
    expect(replayed).toEqual(firstValueAssertRuns(42, shrinkPath));
    expect(replayed).toEqual(details.counterexample![0]);
    expect(() => replayProgram({ seed: 42, path: '1:x' })).toThrow('replayProgram: path must look like "17" or "17:3:0", got "1:x"');
  });
});

describe('withHeader', () => {
  it('stamps the header the printer turns into replay comments', () => {
    const [program] = samplePrograms({ seed: 42, count: 1, offset: 17 });
    const stamped = withHeader(program, { seed: 42, path: '17', constraints: { maxFunctions: 3 } });
    expect(stamped.header).toEqual({ generator: 'asyncio-conformance 0.1.0', seed: 42, path: '17', constraints: { maxFunctions: 3 } });
    expect(program.header).toBeUndefined();
    expect(printPython(stamped).split('\n').slice(0, 4)).toEqual([
      '# asyncio-conformance 0.1.0 generated program',
      '# seed: 42  path: "17"',
      '# constraints: {"maxFunctions":3}',
      `# replay: npx asyncio-conformance check --seed 42 --path 17 --constraints '{"maxFunctions":3}'`,
    ]);
  });
});

/** fast-check's own sample of the stream: what samplePrograms and streamPrograms must equal (they share a hand-written copy of its stream). */
const fastCheckSample = (seed: number, offset: number, count: number, constraints?: ProgramConstraints): Program[] =>
  fc.sample(programArbitrary(constraints), { seed, path: String(offset), numRuns: count });

describe('samplePrograms and streamPrograms (one program at a time: what check runs) are fast-check\'s sample', () => {
  const everyFeature: ProgramConstraints = { features: Object.fromEntries(Object.keys(DEFAULT_FEATURES).map((name) => [name, true])) };
  const cases: Array<[label: string, seed: number, offset: number, constraints?: ProgramConstraints]> = [
    ['seed 42 from the start', 42, 0],
    ['a far offset', 7, 5000],
    ['a seed beyond 32 bits (fast-check folds it)', 2 ** 40 + 5, 3],
    ['a negative seed', -9, 17],
    ['every feature on', 1, 500, everyFeature],
  ];
  it.each(cases)('program for program: %s', (_label, seed, offset, constraints) => {
    const expected = fastCheckSample(seed, offset, 200, constraints);
    const stream = streamPrograms({ seed, offset, constraints });
    expect(Array.from({ length: 200 }, () => stream.next().value)).toEqual(expected);
    expect(samplePrograms({ seed, offset, count: 200, constraints })).toEqual(expected);
  });

  it('a random seed (printed) too', () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    console.log(`streamPrograms seed: ${seed}`);
    const stream = streamPrograms({ seed, offset: 100 });
    expect(Array.from({ length: 200 }, () => stream.next().value)).toEqual(fastCheckSample(seed, 100, 200));
  });

  it('refuses what samplePrograms refuses', () => {
    expect(() => streamPrograms({ seed: 1.5 }).next()).toThrow(/seed must be an integer/);
    expect(() => streamPrograms({ seed: 1, offset: -1 }).next()).toThrow(/offset must be an integer >= 0/);
  });
});
