/**
 * asyncio-conformance: does this async port behave like CPython?
 * Exit codes for every command: 0 ok, 1 a difference or the program raised, 2 bad input or environment.
 *
 * `main(argv, io)` is the whole CLI as a function: `bin/` calls it with the process' streams,
 * tests call it with collectors. It returns the exit code and never touches `process.exitCode`.
 */
import { Command, CommanderError } from 'commander';
import { EXIT_BAD_INPUT, isInputError } from './errors.ts';
import { newContext, type CliContext, type CliIo } from './io.ts';
import { terminalSafe } from './terminal-text.ts';
import { TOOL_VERSION } from '../compare/version.ts';

type Register = (program: Command, context: CliContext) => void;

/**
 * Each command's module, loaded when needed: `run` loads what running one file takes, not the
 * generators, the reports or the lessons' Markdown (a command's module imports its whole graph).
 * In the order `--help` lists them.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['check', async () => (await import('./commands/check.ts')).registerCheck],
  ['run', async () => (await import('./commands/run.ts')).registerRun],
  ['transpile', async () => (await import('./commands/transpile.ts')).registerTranspile],
  ['compare', async () => (await import('./commands/compare.ts')).registerCompare],
  ['generate', async () => (await import('./commands/generate.ts')).registerGenerate],
  ['merge-reports', async () => (await import('./commands/merge-reports.ts')).registerMergeReports],
  ['corpus', async () => (await import('./commands/corpus.ts')).registerCorpus],
  ['check-doc', async () => (await import('./commands/check-doc.ts')).registerCheckDoc],
  ['lessons', async () => (await import('./commands/lessons.ts')).registerLessons],
  ['explain', async () => (await import('./commands/explain.ts')).registerExplain],
  ['matrix', async () => (await import('./commands/matrix.ts')).registerMatrix],
];

/** The commands to register for `argv`: the one it names, else all (help, --version, a mistake). */
async function registersFor(argv: readonly string[]): Promise<Register[]> {
  const named = COMMANDS.find(([name]) => name === argv[0]);
  return Promise.all((named ? [named] : COMMANDS).map(([, load]) => load()));
}

export type { CliIo, CliOutput } from './io.ts';

function buildProgram(context: CliContext, registers: Register[]): Command {
  const { io } = context;
  const program = new Command('asyncio-conformance')
    .description('Property-based conformance suite: does this asyncio port behave like CPython?')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander quotes the user's words in its errors ("unknown command 'x'"): they may hold control characters.
      outputError: (text, write) => write(terminalSafe(text)),
      getOutHelpWidth: () => io.stdout.columns ?? 80,
      getErrHelpWidth: () => io.stderr.columns ?? 80,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .exitOverride();
  for (const register of registers) register(program, context);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs one command line (the user's arguments, without `node` and the script) and returns its exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const context = newContext(argv, io);
  try {
    await buildProgram(context, await registersFor(argv)).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with code 0; every usage mistake is bad input.
      return error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (isInputError(error)) {
      io.stderr.write(`asyncio-conformance: ${terminalSafe(error.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    // A bug of ours: said as one, with its stack, and never exit 1 (which means "a difference").
    io.stderr.write(`asyncio-conformance: internal error (please report it): ${terminalSafe(error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    return EXIT_BAD_INPUT;
  }
}
