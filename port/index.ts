/**
 * The port's public surface, as asyncio/__init__.py re-exports each module's `__all__`,
 * plus what transpiled code and the harness need (`coroutine`, `aw`, the clock loops).
 * Listed by hand: no `export *`.
 */
export { coroutine, iscoroutine, Coroutine, at_line } from './coroutines.ts';
export type { CodeInfo } from './coroutines.ts';
export { set_asyncio_dir, asyncioDirOf } from './format_helpers.ts';
export { BrokenBarrierError, CancelledError, InvalidStateError, TimeoutError } from './exceptions.ts';
export { Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier } from './locks.ts';
export { Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull } from './queues.ts';
export { Timeout, timeout, timeout_at } from './timeouts.ts';
export { TaskGroup } from './taskgroups.ts';
export { Future, isfuture } from './futures.ts';
export {
  Task,
  aw,
  sleep,
  gather,
  gatherWith,
  create_task,
  current_task,
  all_tasks,
  ensure_future,
  wait,
  wait_for,
  as_completed,
  shield,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  ALL_COMPLETED,
  _reset_task_name_counter,
  _discarded,
  _register_task,
  _unregister_task,
  _enter_task,
  _leave_task,
} from './tasks.ts';
export type { Awaitable, GatherOptions } from './tasks.ts';
export {
  Handle,
  TimerHandle,
  AbstractEventLoopPolicy,
  BaseDefaultEventLoopPolicy,
  get_event_loop_policy,
  set_event_loop_policy,
  new_event_loop,
  set_event_loop,
  get_event_loop,
  get_running_loop,
  _get_running_loop,
  _set_running_loop,
} from './events.ts';
export { BaseEventLoop } from './base_events.ts';
export {
  VirtualClockEventLoop,
  VirtualClockPolicy,
  RealClockEventLoop,
  DefaultEventLoopPolicy,
  BudgetExceeded,
  Deadlock,
} from './clock_loops.ts';
export type { VirtualClockOptions } from './clock_loops.ts';
export { run, Runner } from './runners.ts';
