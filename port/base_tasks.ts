/**
 * Ports asyncio/base_tasks.py, 3.11: the repr of a Task (`<Task pending name='Task-1'
 * coro=<main() running at prog.py:5> cb=[...]>`), which the C `_asyncio.Task` calls too.
 */
import { _future_repr_info, _py_class_name } from './base_futures.ts';
import { _format_coroutine } from './coroutines.ts';
import type { Task } from './tasks.ts';
import { strRepr } from '../runtime/str.ts';
import { recursiveRepr } from '../runtime/reprlib.ts';

/** Ports base_tasks._task_repr_info, 3.11: the Future's parts plus name, coroutine and awaited future. */
export function _task_repr_info(task: Task<unknown>): string[] {
  const info = _future_repr_info(task);
  if (task._num_cancels_requested > 0 && !task.done()) {
    // replace status
    info[0] = 'cancelling';
  }
  info.splice(1, 0, `name=${strRepr(task.get_name())}`);
  info.splice(2, 0, `coro=<${_format_coroutine(task._coro)}>`);
  if (task._fut_waiter !== null) info.splice(3, 0, `wait_for=${task._fut_waiter.__repr__()}`);
  return info;
}

/** Ports base_tasks._task_repr, 3.11 (`@reprlib.recursive_repr()`). */
export const _task_repr = recursiveRepr((task: Task<unknown>): string => {
  return `<${_py_class_name(task)} ${_task_repr_info(task).join(' ')}>`;
});
