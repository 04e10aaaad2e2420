/**
 * `explain FILE.py`: the story of one run, told from CPython's loop's own events (explain/),
 * with the same program on native JS promises (or the port) beside it and the first point
 * where the two part. Exit 0 when the run is explained and the side beside agrees, 1 when the
 * program raised or the two runs part, 2 for bad input.
 */
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolve } from 'node:path';
import type { SideName } from '../../compare/sides.ts';
import type { ClockModel } from '../../ir/program.ts';
import { explainProgram } from '../../explain/explain.ts';
import { writeExplainPage } from '../../explain/html.ts';
import { explanationText } from '../../explain/terminal.ts';
import { EXIT_FINDING, EXIT_OK } from '../errors.ts';
import { userPath, pythonFrom, type CliContext } from '../io.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';
import { oracleOption, parseClock } from '../options.ts';
import { checkOutputPaths } from '../output-paths.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface ExplainFlags {
  target: SideName | 'cpython';
  clock: ClockModel;
  html?: string;
  oracle?: string;
  python?: string;
}

export function registerExplain(program: Command, context: CliContext): void {
  program
    .command('explain')
    .description(describeCommand('explain'))
    .argument('<file.py>', 'a Python file in the supported subset')
    .addOption(new Option('--target <side>', 'the run told beside CPython (cpython: none)').choices(['native', 'port', 'cpython']).default('native'))
    .option('--clock <model>', 'virtual clock: realistic or ideal', parseClock, 'realistic')
    .option('--html <dir>', 'write the story as a page with a per-task timeline to DIR/index.html')
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(oracleOption())
    .action(async (file: string, flags: ExplainFlags) => {
      context.exitCode = await explainCommand(file, flags, context);
    });
}

async function explainCommand(file: string, flags: ExplainFlags, context: CliContext): Promise<number> {
  const { io } = context;
  const html = flags.html === undefined ? undefined : userPath(io, flags.html);
  await checkOutputPaths([{ flag: '--html', path: html, kind: 'folder', writes: 'index.html' }]);
  return withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), workers: 1, start: io.startOracle }, async (oracle) => {
    const { program } = await loadPythonFile(userPath(io, file), oracle);
    const beside = flags.target === 'cpython' ? undefined : flags.target;
    const explanation = await explainProgram({ oracle, program, clock: flags.clock, beside });
    const title = `${file} on ${oracle.info.implementation} ${oracle.info.version}`;
    io.stdout.write(explanationText(explanation, title));
    if (html !== undefined) {
      const page = await writeExplainPage(html, explanation, title);
      io.stderr.write(`asyncio-conformance: wrote ${terminalSafe(resolve(page))}\n`);
    }
    const raised = explanation.result.outcome.kind !== 'ok';
    const parted = explanation.beside !== undefined && (explanation.beside.parting !== undefined || 'failure' in explanation.beside.run);
    return raised || parted ? EXIT_FINDING : EXIT_OK;
  });
}
