/** `compare FILE.py`: one user program through CPython and the port (or native profile), one report. */
import type { Command } from 'commander';
import { Option } from 'commander';
import { bucketsFrom, classify } from '../../compare/buckets.ts';
import { TOOL_VERSION } from '../../compare/check.ts';
import { runIsolated } from '../../compare/isolated.ts';
import { isTimingSensitive, TIMING_NOTE } from '../../compare/timing.ts';
import { runOnOracle, sideNamed, type SideName } from '../../compare/sides.ts';
import { DEFAULT_WALLCLOCK_MS as WALLCLOCK_MS } from '../../oracle/pool.ts';
import { emptyCounts, finalWallclockMs, isFailure, isWallclock, judgeUserProgram, tooSlowMessage } from '../../compare/verdict.ts';
import type { ClockModel } from '../../ir/program.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import type { CheckReport } from '../../reports/model.ts';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';
import { parseClock, oracleOption } from '../options.ts';
import { checkReportPaths, writeOutputs, type OutputFlags } from '../outputs.ts';
import { printSummary } from '../summary.ts';
import { commandLine, pythonFrom, userPath, type CliContext } from '../io.ts';
import { terminalSafe } from '../terminal-text.ts';

interface CompareFlags extends OutputFlags {
  target: SideName;
  clock: ClockModel;
  oracle?: string;
  python?: string;
}

export function registerCompare(program: Command, context: CliContext): void {
  program
    .command('compare')
    .description('run one Python file on CPython and on the port (or the native profile) and show where they differ')
    .argument('<file.py>', 'a Python file in the supported subset')
    .addOption(new Option('--target <side>', 'what to compare with CPython').choices(['port', 'native']).default('port'))
    .option('--clock <model>', 'virtual clock: realistic or ideal', parseClock, 'realistic')
    .option('--report <dir>', 'write an HTML report to DIR/index.html')
    .option('--open', 'open the HTML report when done')
    .option('--json <file>', 'write the result as JSON')
    .option('--junit <file>', 'write the result as JUnit XML')
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(oracleOption())
    .action(async (file: string, flags: CompareFlags) => {
      context.exitCode = await compareCommand(file, flags, context);
    });
}

async function compareCommand(file: string, flags: CompareFlags, context: CliContext): Promise<number> {
  const { io } = context;
  if (flags.open && !flags.report) throw new UsageError('--open needs --report DIR');
  await checkReportPaths(flags, io);
  const started = performance.now();
  const side = sideNamed(flags.target);
  const options = { clock: flags.clock, budget: DEFAULT_BUDGET };
  const shown = terminalSafe(file);
  return withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), workers: 1 }, async (oracle) => {
    const { program, source } = await loadPythonFile(userPath(io, file), oracle);
    const [expected, actual] = await Promise.all([
      runOnOracle(oracle, program, options),
      runIsolated({ side: side.name, program, options }, WALLCLOCK_MS),
    ]);
    if (isFailure(expected)) {
      io.stderr.write(`asyncio-conformance: CPython could not run ${shown}: ${terminalSafe(expected.failure)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (await isTimingSensitive(oracle, program, options, expected)) io.stderr.write(TIMING_NOTE);
    // A user's program may raise or deadlock on purpose: only "same on both sides or not" counts
    // here, except a wall-clock stop on either side, which is a timeout (never "agree").
    const { verdict } = judgeUserProgram(expected, actual, { times: side.comparesTime });
    if (actual.stderr) io.stderr.write(terminalSafe(actual.stderr));
    const counts = { ...emptyCounts(), [verdict]: 1 };
    const replay = `npx asyncio-conformance compare ${file} --target ${side.name}${flags.clock === 'ideal' ? ' --clock ideal' : ''}`;
    const findings =
      verdict === 'differs' && !isFailure(actual)
        ? [{ bucket: classify(program, expected, actual), seed: 0, path: '0', program, originalProgram: program, expected, actual, shrinkSteps: 0, shrinkMillis: 0, side, clock: flags.clock, source, replay }]
        : [];
    const durationMs = performance.now() - started;
    const report: CheckReport = {
      schema: 1,
      tool: { name: 'asyncio-conformance', version: TOOL_VERSION },
      command: commandLine(context),
      target: side.name,
      clock: flags.clock,
      seed: 0,
      runs: 1,
      differences: counts.differs,
      python: oracle.info,
      startedAt: new Date().toISOString(),
      durationMs,
      programsPerSecond: 1000 / durationMs,
      outcomes: counts,
      buckets: await bucketsFrom(findings),
    };
    if (isFailure(actual)) io.stderr.write(`asyncio-conformance: the ${side.name} side crashed: ${terminalSafe(actual.failure)}\n`);
    printSummary(report, io.stdout);
    await writeOutputs(report, flags, io);
    if (verdict === 'timeout') {
      const where = isWallclock(expected) ? 'CPython' : `the ${side.name} side`;
      io.stderr.write(`asyncio-conformance: no verdict: ${tooSlowMessage(finalWallclockMs(WALLCLOCK_MS), where)}\n`);
      return EXIT_BAD_INPUT;
    }
    return verdict === 'same' ? EXIT_OK : EXIT_FINDING;
  });
}
