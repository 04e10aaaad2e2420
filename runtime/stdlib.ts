/**
 * The modules a program may import besides asyncio, as transpiled code calls them:
 * `py.time.sleep(1n)`, `py.random.randint(1n, 6n)`, `py.math.sqrt(x)`, `py.math.pi`
 * (ir/program.ts STDLIB_FUNCTIONS / STDLIB_CONSTANTS).
 */
export * as time from './time.ts';
export * as random from './random.ts';
export * as math from './math.ts';
export * as collections from './collections.ts';
export * as itertools from './itertools.ts';
export * as dataclasses from './dataclasses.ts';
export * as datetime from './datetime.ts';
