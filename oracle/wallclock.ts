/**
 * The oracle's default wall-clock limit of one run, in a module of its own so that code which
 * only needs the number (compare/sides.ts, loaded in the isolated child process) does not
 * load the process pool and its dependencies.
 */
export const DEFAULT_WALLCLOCK_MS = 5000;
