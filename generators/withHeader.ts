/**
 * `withHeader`: stamps a generated program with what replays it (seed, fast-check path,
 * constraints). Only the caller knows the seed and the path, so the arbitrary cannot.
 */
import type { Program } from '../ir/program.ts';

/** The generator name and version every generated program's header carries. */
export const GENERATOR = 'asyncio-conformance 0.1.0';

export interface HeaderFields {
  seed: number;
  /** fast-check replay path: the run index, then shrink steps (`"17"`, `"17:3:0"`). */
  path: string;
  /** The constraints the program was generated with (usually only those that differ from the defaults). */
  constraints?: object;
}

/** A copy of `program` whose header reads `{ generator: GENERATOR, seed, path, constraints }`. */
export function withHeader(program: Program, fields: HeaderFields): Program {
  return {
    ...program,
    header: {
      generator: GENERATOR,
      seed: fields.seed,
      path: fields.path,
      ...(fields.constraints !== undefined ? { constraints: fields.constraints } : {}),
    },
  };
}
