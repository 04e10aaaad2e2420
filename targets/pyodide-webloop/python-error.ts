/**
 * A Python exception that reached JavaScript (Pyodide's `PythonError`) as an `exception`
 * outcome. Its `type` is the exception's class name; its message is the traceback, whose
 * last block reads `Type: message` (or just `Type` for an empty message), as CPython's
 * `traceback.format_exception_only` writes it from `str(exc)`.
 */
import type { Outcome } from '../../ir/program.ts';

export interface PythonErrorLike {
  type: string;
  message: string;
}

export function isPythonError(error: unknown): error is Error & PythonErrorLike {
  return error instanceof Error && error.constructor.name === 'PythonError' && typeof (error as { type?: unknown }).type === 'string';
}

export function exceptionOutcome(error: PythonErrorLike): Outcome {
  return { kind: 'exception', type: error.type, message: messageOf(error.type, error.message) };
}

/** `str(exc)` out of the formatted traceback. */
export function messageOf(type: string, traceback: string): string {
  const text = traceback.endsWith('\n') ? traceback.slice(0, -1) : traceback;
  const withMessage = text.lastIndexOf(`\n${type}: `);
  const bare = text.endsWith(`\n${type}`) ? text.length - type.length - 1 : -1;
  if (bare > withMessage) return '';
  if (withMessage >= 0) return text.slice(withMessage + type.length + 3);
  return text;
}
