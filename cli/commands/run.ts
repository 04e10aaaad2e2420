/** `run FILE.py --target cpython|port|native`: one program on one target, printed as `python3 FILE.py` prints it. */
import type { Command } from 'commander';
import { Option } from 'commander';
import type { ClockModel, RunResult } from '../../ir/program.ts';
import { DEFAULT_BUDGET } from '../../ir/program.ts';
import { runIsolated } from '../../compare/isolated.ts';
import { isTimingSensitive, TIMING_NOTE } from '../../compare/timing.ts';
import { runOnOracle, type SideName } from '../../compare/sides.ts';
import { DEFAULT_WALLCLOCK_MS as WALLCLOCK_MS } from '../../oracle/pool.ts';
import { isFailure } from '../../compare/verdict.ts';
import { describeOutcome } from '../../reports/model.ts';
import { repr } from '../../port/python/index.ts';
import { EXIT_BAD_INPUT, EXIT_FINDING, EXIT_OK } from '../errors.ts';
import { loadPythonFile } from '../load-program.ts';
import { withOracle } from '../oracle.ts';
import { parseClock } from '../options.ts';

interface RunFlags {
  target: 'cpython' | SideName;
  clock: ClockModel;
  times?: boolean;
  json?: boolean;
  python?: string;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run one Python file on CPython (the oracle), the port or the native-JS profile, and print its output')
    .argument('<file.py>', 'a Python file in the supported subset')
    .addOption(new Option('--target <target>', 'where to run it').choices(['cpython', 'port', 'native']).default('cpython'))
    .option('--clock <model>', 'virtual clock: realistic (as python3 prints on Linux) or ideal (exact ties)', parseClock, 'realistic')
    .option('--times', 'prefix each printed line with [t=<virtual time>]')
    .option('--json', 'print the whole trace (text, time, task, iteration) and the outcome as JSON')
    .option('--python <path>', 'the CPython to use (default: $ASYNCIO_CONFORMANCE_PYTHON, else python3 on PATH)')
    .action(async (file: string, flags: RunFlags) => {
      process.exitCode = await runCommand(file, flags);
    });
}

async function runCommand(file: string, flags: RunFlags): Promise<number> {
  return withOracle({ python: flags.python, workers: 1 }, async (oracle) => {
    const { program, source } = await loadPythonFile(file, oracle);
    const options = { clock: flags.clock, budget: DEFAULT_BUDGET };
    const result =
      flags.target === 'cpython'
        ? await runOnOracle(oracle, program, options, source)
        : await runIsolated({ side: flags.target, program, options }, WALLCLOCK_MS);
    if (isFailure(result)) {
      process.stderr.write(`asyncio-conformance: ${flags.target} could not run ${file}: ${result.failure}\n`);
      return EXIT_BAD_INPUT;
    }
    if (flags.target === 'cpython' && (await isTimingSensitive(oracle, source, options, result))) process.stderr.write(TIMING_NOTE);
    if (flags.json) {
      const python = { executable: oracle.info.executable, version: oracle.info.version };
      process.stdout.write(`${JSON.stringify({ file, target: flags.target, clock: flags.clock, python, ...result }, null, 2)}\n`);
    } else {
      printTrace(result, flags.times === true);
    }
    return reportOutcome(result, flags.json === true);
  });
}

function printTrace(result: RunResult, times: boolean): void {
  const text = result.trace.map((entry) => (times ? `[t=${repr(entry.time)}] ${entry.text}` : entry.text)).join('');
  process.stdout.write(text);
}

/** 0 when the program finished; 1 when it raised, deadlocked or ran out of budget (said on stderr). */
function reportOutcome(result: RunResult, quiet: boolean): number {
  if (result.outcome.kind === 'ok') return EXIT_OK;
  if (!quiet) {
    const o = result.outcome;
    process.stderr.write(o.kind === 'exception' ? `${o.type}: ${o.message}\n` : `asyncio-conformance: the program did not finish: ${describeOutcome(o)}\n`);
  }
  return EXIT_FINDING;
}
