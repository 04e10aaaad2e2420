/**
 * asyncio-conformance: does this async port behave like CPython?
 * Exit codes for every command: 0 ok, 1 a difference or the program raised, 2 bad input or environment.
 *
 * `main(argv, io)` is the whole CLI as a function: `bin/` calls it with the process' streams,
 * tests call it with collectors. It returns the exit code and never touches `process.exitCode`.
 */
import { Command, CommanderError, Option } from 'commander';
import { COMMANDS, type CommandEntry, type Register } from './commands-index.ts';
import { EXIT_BAD_INPUT, isInputError } from './errors.ts';
import { newContext, type CliContext, type CliIo } from './io.ts';
import { terminalSafe } from './terminal-text.ts';
import { TOOL_VERSION } from '../compare/version.ts';

/**
 * What to register for `argv`: the command it names, loaded (`help NAME` too); else every command
 * as a stub of the help table (its name, arguments and description: cli/commands-index.ts), which
 * is all `--help`, `--version` and a mistyped command need, without loading any command's module.
 */
async function registersFor(argv: readonly string[]): Promise<Register[]> {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const named = COMMANDS.find(({ name }) => name === (words[0] === 'help' ? words[1] : words[0]));
  if (named) return [await named.load()];
  return COMMANDS.map((entry) => (program: Command) => helpStub(program, entry));
}

/** A command as the top-level help lists it; never run (a command line naming it loads the real one). */
function helpStub(program: Command, { name, args, description }: CommandEntry): void {
  const command = program.command(name).description(description);
  for (const arg of args) command.argument(arg);
  // Every command has options: the listing says `[options]`.
  command.addOption(new Option('--options').hideHelp()).action(() => {
    throw new Error(`the help stub of ${name} ran (cli/main.ts registersFor)`);
  });
}

/** The help of the program with every command loaded, for test/cli/options.test.ts (it must equal `--help`). */
export async function helpWithEveryCommand(io: CliIo): Promise<string> {
  const program = buildProgram(newContext([], io), await Promise.all(COMMANDS.map(({ load }) => load())));
  return program.helpInformation();
}

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
