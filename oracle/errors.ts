/**
 * The one error a user's program (a `.py` file, or Python source handed to the oracle) can
 * cause: it does not parse, or it uses something outside the IR's subset. The CLI prints
 * `message` as is (`prog.py:3:5: unsupported try statement`) and exits with 2.
 */
export class ProgramInputError extends Error {
  readonly file: string;
  /** 1-based; 0 when Python gave none. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly col: number;
  /** e.g. `unsupported try statement`, `syntax error: '(' was never closed`. */
  readonly reason: string;

  constructor(file: string, line: number, col: number, reason: string) {
    super(`${file}:${line}:${col}: ${reason}`);
    this.name = 'ProgramInputError';
    this.file = file;
    this.line = line;
    this.col = col;
    this.reason = reason;
  }
}

/** The error object of a worker response (`{"ok": false, "error": ...}`). */
export interface WorkerError {
  kind: 'syntax' | 'unsupported' | 'internal' | 'protocol';
  message: string;
  line?: number;
  col?: number;
}

/** Turns a worker's `syntax`/`unsupported` error into a ProgramInputError; anything else is an oracle bug. */
export function toProgramInputError(error: WorkerError, file: string): Error {
  if (error.kind === 'syntax') {
    return new ProgramInputError(file, error.line ?? 0, error.col ?? 0, `syntax error: ${error.message}`);
  }
  if (error.kind === 'unsupported') {
    return new ProgramInputError(file, error.line ?? 0, error.col ?? 0, error.message);
  }
  return new Error(`oracle worker ${error.kind} error: ${error.message}`);
}
