/**
 * Ports asyncio/exceptions.py, 3.11 (the classes a program of the IR can meet).
 *
 * Invariant: `CancelledError` derives from `BaseException`, not `Exception` (since 3.8),
 * so transpiled `except Exception` handlers (class checks, JS `catch` catches all) must
 * let it through.
 */
import { BaseException, Exception, RuntimeError, TimeoutError, registerExceptionClass } from '../runtime/exceptions.ts';

/** Ports exceptions.py CancelledError, 3.11: the operation has been cancelled. */
export class CancelledError extends BaseException {}

/**
 * Ports exceptions.py InvalidStateError, 3.11 (derives from concurrent.futures' `Error`,
 * an `Exception`). Messages are those of the C `_asyncio` Future CPython really uses
 * (`Result is not set.`, `invalid state`), not futures.py's pure-Python ones.
 */
export class InvalidStateError extends Exception {}

/** Ports exceptions.py TimeoutError, 3.11: from 3.11 it *is* the builtin `TimeoutError`. */
export { TimeoutError };

/** Ports exceptions.py BrokenBarrierError, 3.11: a Barrier was aborted or reset while waited on. */
export class BrokenBarrierError extends RuntimeError {}

// The names programs give asyncio's classes (ir/program.ts EXCEPTION_CLASSES), as their reprs spell them.
registerExceptionClass('asyncio.CancelledError', CancelledError, 'asyncio.exceptions.CancelledError');
registerExceptionClass('asyncio.InvalidStateError', InvalidStateError, 'asyncio.exceptions.InvalidStateError');
registerExceptionClass('asyncio.TimeoutError', TimeoutError);
registerExceptionClass('asyncio.BrokenBarrierError', BrokenBarrierError, 'asyncio.exceptions.BrokenBarrierError');
