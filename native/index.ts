/**
 * The `native` profile: a program ported to plain JavaScript promises, run with Node's
 * timer order on a virtual clock. Explicit export list (README.md has the mapping).
 */
export { sleep, task, run, runtime, FIRST_TASK_NUMBER } from './runtime.ts';
export type { NativeTask, TaskMethods, NativeRuntime, NativeScheduler } from './runtime.ts';
export { executeNative } from './execute.ts';
export type { NativeOptions, NativeProgram } from './execute.ts';
export { NodeTimerQueue, nodeDelay, TIMEOUT_MAX } from './node_timers.ts';
export type { DueTimer } from './node_timers.ts';
