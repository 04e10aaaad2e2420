/**
 * asyncio-conformance: does this async port behave like CPython?
 * Exit codes for every command: 0 ok, 1 a difference or the program raised, 2 bad input or environment.
 */
import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.ts';
import { registerCompare } from './commands/compare.ts';
import { registerCorpus } from './commands/corpus.ts';
import { registerGenerate } from './commands/generate.ts';
import { registerMergeReports } from './commands/merge-reports.ts';
import { registerRun } from './commands/run.ts';
import { registerTranspile } from './commands/transpile.ts';
import { EXIT_BAD_INPUT, isInputError } from './errors.ts';
import { TOOL_VERSION } from '../compare/check.ts';

function buildProgram(): Command {
  const program = new Command('asyncio-conformance')
    .description('Property-based conformance suite: does this asyncio port behave like CPython?')
    .version(TOOL_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of [registerCheck, registerRun, registerTranspile, registerCompare, registerGenerate, registerMergeReports, registerCorpus]) {
    register(program);
  }
  for (const command of program.commands) command.exitOverride();
  return program;
}

async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end with code 0; every usage mistake is bad input.
      process.exitCode = error.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
      return;
    }
    if (isInputError(error)) {
      process.stderr.write(`asyncio-conformance: ${error.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    throw error;
  }
}

await main(process.argv);
