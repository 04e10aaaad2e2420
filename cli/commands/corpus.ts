/** `corpus [--update]`: replay the regression corpus on CPython and the port; --update re-captures what CPython prints. */
import type { Command } from 'commander';
import { CORPUS_DIR, readCorpus, replayCorpusEntry, updateExpected } from '../../compare/corpus.ts';
import { withTarget } from '../../targets/index.ts';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { withOracle } from '../oracle.ts';
import { oracleOption, targetOption } from '../options.ts';
import { pythonFrom, userPath, type CliContext } from '../io.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface CorpusFlags {
  dir: string;
  /** A name targets/index.ts resolves. */
  target: string;
  update?: boolean;
  oracle?: string;
  python?: string;
}

export function registerCorpus(program: Command, context: CliContext): void {
  program
    .command('corpus')
    .description(describeCommand('corpus'))
    .option('--dir <dir>', 'the corpus folder', CORPUS_DIR)
    .addOption(targetOption('what to replay it on besides CPython'))
    .option('--update', "rewrite each file's expected output with what CPython prints now")
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(oracleOption())
    .action(async (flags: CorpusFlags) => {
      const { io } = context;
      const dir = userPath(io, flags.dir);
      const entries = await readCorpus(dir).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`--dir ${terminalSafe(flags.dir)}: cannot read the corpus (${error.code ?? error.message})`);
      });
      let failures = 0;
      await withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), start: io.startOracle }, (oracle) => withTarget(flags.target, async (side) => {
        for (const entry of entries) {
          const replay = await replayCorpusEntry(entry, oracle, side);
          if (flags.update && !replay.oracleMatches) await updateExpected(replay);
          const oracleOk = flags.update || replay.oracleMatches;
          const sideOk = flags.update ? replay.sideMatchesOracle : replay.sideMatches;
          if (!oracleOk || !sideOk) failures++;
          const mark = (ok: boolean) => (ok ? 'ok' : 'DIFFERS');
          io.stdout.write(`${terminalSafe(entry.file.replace(`${dir}`, ''))}: cpython ${flags.update && !replay.oracleMatches ? 'updated' : mark(oracleOk)}, ${terminalSafe(side.name)} ${mark(sideOk)}\n`);
        }
      }, { cwd: io.cwd, startOracle: io.startOracle }));
      io.stdout.write(`${entries.length - failures} of ${entries.length} corpus files agree\n`);
      context.exitCode = failures > 0 ? EXIT_FINDING : EXIT_OK;
    });
}
