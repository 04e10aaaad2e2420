/**
 * Exit codes and the errors that map to them. Every command keeps this contract:
 * 0 all is well, 1 the program raised / the traces differ, 2 bad input or environment.
 */
export const EXIT_OK = 0;
export const EXIT_FINDING = 1;
export const EXIT_BAD_INPUT = 2;

/** A mistake in how the tool was called: what is wrong and how to fix it. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The machine lacks something the command needs (a Python, a browser). Exit code 2. */
export class EnvironmentProblem extends Error {
  override readonly name = 'EnvironmentProblem';
}

/** Errors that are the user's input or environment, not a bug of ours: printed without a stack. */
export function isInputError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    ['UsageError', 'EnvironmentProblem', 'ProgramInputError', 'PythonNotFoundError', 'ReplayPathError', 'ReportInputError', 'TargetLoadError'].includes(error.name)
  );
}
