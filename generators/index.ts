/**
 * Public surface of the program generators, listed by hand (no `export *`).
 */
export { programArbitrary } from './program.ts';
export type { ProgramConstraints, ProgramFeatures } from './_internals/constraints.ts';
export { DEFAULT_DELAYS, DEFAULT_FEATURES } from './_internals/constraints.ts';
export { samplePrograms, streamPrograms, replayProgram } from './sample.ts';
export type { SampleOptions } from './sample.ts';
export { withHeader, GENERATOR } from './withHeader.ts';
export type { HeaderFields } from './withHeader.ts';
