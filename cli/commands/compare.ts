/** `compare FILE.py`: one user program through CPython and the port (or native profile), one report. */
import type { Command } from 'commander';
import { compareProgram } from '../../compare/compare-program.ts';
import { TIMING_NOTE } from '../../compare/timing.ts';
import { prestartIsolated, withTarget } from '../../targets/index.ts';
import { DEFAULT_WALLCLOCK_MS as WALLCLOCK_MS } from '../../oracle/pool.ts';
import { finalWallclockMs, isFailure, isWallclock, tooSlowMessage } from '../../compare/verdict.ts';
import type { ClockModel } from '../../ir/program.ts';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';
import type { PythonVersion } from '../../port/version.ts';
import { parseClock, oracleOption, oracleWallclockOption, pythonVersionOption, targetOption, targetWallclockOption } from '../options.ts';
import { checkReportPaths, writeOutputs, type OutputFlags } from '../outputs.ts';
import { printSummary } from '../summary.ts';
import { commandLine, pythonFrom, userPath, type CliContext } from '../io.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface CompareFlags extends OutputFlags {
  /** A name targets/index.ts resolves. */
  target: string;
  targetWallclock?: number;
  oracleWallclock?: number;
  clock: ClockModel;
  oracle?: string;
  python?: string;
  pythonVersion?: PythonVersion;
}

export function registerCompare(program: Command, context: CliContext): void {
  program
    .command('compare')
    .description(describeCommand('compare'))
    .argument('<file.py>', 'a Python file in the supported subset')
    .addOption(targetOption('what to compare with CPython'))
    .addOption(targetWallclockOption())
    .addOption(oracleWallclockOption())
    .option('--clock <model>', 'virtual clock: realistic or ideal', parseClock, 'realistic')
    .option('--report <dir>', 'write an HTML report to DIR/index.html')
    .option('--open', 'open the HTML report when done')
    .option('--json <file>', 'write the result as JSON')
    .option('--junit <file>', 'write the result as JUnit XML')
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(oracleOption())
    .addOption(pythonVersionOption())
    .action(async (file: string, flags: CompareFlags) => {
      context.exitCode = await compareCommand(file, flags, context);
    });
}

async function compareCommand(file: string, flags: CompareFlags, context: CliContext): Promise<number> {
  const { io } = context;
  if (flags.open && !flags.report) throw new UsageError('--open needs --report DIR');
  await checkReportPaths(flags, io);
  const started = performance.now();
  const shown = terminalSafe(file);
  const wallclockMs = flags.targetWallclock ?? WALLCLOCK_MS;
  const oracleWallclockMs = flags.oracleWallclock ?? WALLCLOCK_MS;
  prestartIsolated(flags.target);
  return withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), workers: 1, pythonVersion: flags.pythonVersion, start: io.startOracle }, async (oracle) => {
    const { program, source } = await loadPythonFile(userPath(io, file), oracle);
    // A user's program may loop forever: port and native run in a child process with the wall clock.
    return withTarget(flags.target, async (side) => {
      const replay = `npx asyncio-conformance compare ${file} --target ${side.name}${flags.clock === 'ideal' ? ' --clock ideal' : ''}`;
      const { verdict, expected, actual, timingSensitive, report } = await compareProgram({ oracle, oracleWallclockMs, side, program, source, clock: flags.clock, command: commandLine(context), replay, started });
      if (isFailure(expected) || !report) {
        io.stderr.write(`asyncio-conformance: CPython could not run ${shown}: ${terminalSafe(isFailure(expected) ? expected.failure : '')}\n`);
        return EXIT_BAD_INPUT;
      }
      if (timingSensitive) io.stderr.write(TIMING_NOTE);
      if (actual.stderr) io.stderr.write(terminalSafe(actual.stderr));
      if (isFailure(actual)) io.stderr.write(`asyncio-conformance: the ${side.name} side crashed: ${terminalSafe(actual.failure)}\n`);
      printSummary(report, io.stdout);
      await writeOutputs(report, flags, io);
      if (verdict === 'timeout') {
        const where = isWallclock(expected) ? 'CPython' : `the ${side.name} side`;
        io.stderr.write(`asyncio-conformance: no verdict: ${tooSlowMessage(finalWallclockMs(isWallclock(expected) ? oracleWallclockMs : wallclockMs), where)}\n`);
        return EXIT_BAD_INPUT;
      }
      return verdict === 'same' ? EXIT_OK : EXIT_FINDING;
    }, { cwd: io.cwd, startOracle: io.startOracle, wallclockMs, isolate: true });
  });
}
