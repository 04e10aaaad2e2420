/**
 * Ports asyncio/mixins.py, 3.11: `_LoopBoundMixin`, which binds a synchronisation primitive to
 * the loop that first uses it (locks.py, queues.py). The port runs one thread, so the global
 * lock of the original has nothing to guard.
 */
import type { BaseEventLoop } from './base_events.ts';
import { _get_running_loop } from './events.ts';
import { RuntimeError } from '../runtime/exceptions.ts';

/** Ports mixins.py _LoopBoundMixin, 3.11. */
export abstract class _LoopBoundMixin {
  _loop: BaseEventLoop | null = null;

  /** `repr(self)`, for the error below (each primitive ports its own `__repr__`). */
  abstract __repr__(): string;

  /** Ports _LoopBoundMixin._get_loop, 3.11: the running loop, which must be the bound one. */
  _get_loop(): BaseEventLoop {
    const loop = _get_running_loop();
    if (this._loop === null) this._loop = loop;
    if (loop !== this._loop) throw new RuntimeError(`${this.__repr__()} is bound to a different event loop`);
    // Invariant: primitives are only used from coroutines, so a loop is running here.
    return loop as BaseEventLoop;
  }
}
