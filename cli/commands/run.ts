/** `run FILE.py --target cpython|port|native|./adapter.mjs|...`: one program on one target, printed as `python3 FILE.py` prints it. */
import type { Command } from 'commander';
import type { ClockModel, RunResult } from '../../ir/program.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { prestartIsolated, withTarget } from '../../targets/index.ts';
import { isTimingSensitive, TIMING_NOTE } from '../../compare/timing.ts';
import { runOnOracle } from '../../compare/oracle-side.ts';
import { DEFAULT_WALLCLOCK_MS as WALLCLOCK_MS } from '../../oracle/pool.ts';
import { finalWallclockMs, isFailure, isWallclock, tooSlowMessage } from '../../compare/verdict.ts';
import { describeOutcome } from '../../reports/model.ts';
import { tracebackLastLine } from '../../runtime/exceptions.ts';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from '../errors.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';
import type { PythonVersion } from '../../port/version.ts';
import { parseClock, oracleOption, oracleWallclockOption, pythonVersionOption, targetOption, targetWallclockOption } from '../options.ts';
import { pythonFrom, userPath, type CliContext, type CliIo } from '../io.ts';
import { terminalSafe, terminalSafeJson } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface RunFlags {
  /** `cpython` (the oracle itself) or a name targets/index.ts resolves. */
  target: string;
  targetWallclock?: number;
  oracleWallclock?: number;
  clock: ClockModel;
  times?: boolean;
  json?: boolean;
  oracle?: string;
  python?: string;
  pythonVersion?: PythonVersion;
}

export function registerRun(program: Command, context: CliContext): void {
  program
    .command('run')
    .description(describeCommand('run'))
    .argument('<file.py>', 'a Python file in the supported subset')
    .addOption(targetOption('where to run it', ['cpython']).default('cpython'))
    .addOption(targetWallclockOption())
    .addOption(oracleWallclockOption())
    .option('--clock <model>', 'virtual clock: realistic (as python3 prints on Linux) or ideal (exact ties)', parseClock, 'realistic')
    .option('--times', 'prefix each printed line with [t=<virtual time>]')
    .option('--json', 'print the whole trace (text, time, task, iteration) and the outcome as JSON')
    .option('--python <path>', 'the CPython to use (default: $ASYNCIO_CONFORMANCE_PYTHON, else python3 on PATH)')
    .addOption(oracleOption())
    .addOption(pythonVersionOption())
    .action(async (file: string, flags: RunFlags) => {
      context.exitCode = await runCommand(file, flags, context.io);
    });
}

async function runCommand(file: string, flags: RunFlags, io: CliIo): Promise<number> {
  prestartIsolated(flags.target);
  return withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), workers: 1, pythonVersion: flags.pythonVersion, start: io.startOracle }, async (oracle) => {
    const { program } = await loadPythonFile(userPath(io, file), oracle);
    const options = { clock: flags.clock, budget: DEFAULT_BUDGET };
    const wallclockMs = flags.targetWallclock ?? WALLCLOCK_MS;
    const oracleWallclockMs = flags.oracleWallclock ?? WALLCLOCK_MS;
    const result =
      flags.target === 'cpython'
        ? await runOnOracle(oracle, program, options, oracleWallclockMs)
        : await withTarget(flags.target, (side) => side.run(program, options), { cwd: io.cwd, startOracle: io.startOracle, wallclockMs, isolate: true });
    // What the side wrote on stderr (capped, with a note of how much was cut: compare/capped-text.ts).
    if (result.stderr) io.stderr.write(terminalSafe(result.stderr));
    if (isFailure(result)) {
      io.stderr.write(`asyncio-conformance: ${flags.target} could not run ${terminalSafe(file)}: ${terminalSafe(result.failure)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (flags.target === 'cpython' && (await isTimingSensitive(oracle, program, options, result))) io.stderr.write(TIMING_NOTE);
    if (flags.json) {
      const python = { executable: oracle.info.executable, version: oracle.info.version };
      io.stdout.write(`${terminalSafeJson(JSON.stringify({ file, target: flags.target, clock: flags.clock, python, ...result }, null, 2))}\n`);
    } else {
      await printTrace(result, flags.times === true, io);
    }
    if (isWallclock(result)) {
      // The machine's speed, not the program's behaviour (compare/verdict.ts): environment, exit 2.
      io.stderr.write(`asyncio-conformance: ${tooSlowMessage(finalWallclockMs(flags.target === 'cpython' ? oracleWallclockMs : wallclockMs), flags.target === 'cpython' ? 'CPython' : `the ${flags.target} side`)}\n`);
      return EXIT_BAD_INPUT;
    }
    return reportOutcome(result, flags.json === true, io);
  });
}

/** The program's output as the program wrote it, control characters included: what `python3 FILE.py` shows. */
async function printTrace(result: RunResult, times: boolean, io: CliIo): Promise<void> {
  // Python's float repr, from the runtime: loaded only for --times (run --target cpython loads no runtime otherwise).
  const { repr } = times ? await import('../../runtime/index.ts') : { repr: String };
  const text = result.trace.map((entry) => (times ? `[t=${repr(entry.time)}] ${entry.text}` : entry.text)).join('');
  io.stdout.write(text);
}

/**
 * 0 when the program finished; 1 when it raised, deadlocked or ran out of budget, said on
 * stderr. That line is the tool's own words about the program, so its text is escaped.
 */
function reportOutcome(result: RunResult, quiet: boolean, io: CliIo): number {
  if (result.outcome.kind === 'ok') return EXIT_OK;
  if (!quiet) {
    const o = result.outcome;
    io.stderr.write(terminalSafe(o.kind === 'exception' ? tracebackLastLine(o.type, o.message) : `asyncio-conformance: the program did not finish: ${describeOutcome(o)}`) + '\n');
  }
  return EXIT_FINDING;
}
