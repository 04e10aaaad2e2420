/** `check`: random programs through CPython and the port (or the native profile), every difference shrunk and explained. */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import { runCheck } from '../../compare/check.ts';
import { BUCKET_NAMES } from '../../compare/buckets.ts';
import { isBucketName } from '../../compare/causes.ts';
import type { Side } from '../../compare/sides.ts';
import { withTarget as withRegisteredTarget, type TargetContext } from '../../targets/index.ts';
import type { ClockModel } from '../../ir/program.ts';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { withOracle } from '../oracle.ts';
import type { PythonVersion } from '../../port/version.ts';
import { parseClock, parsePath, parseRuns, parseSeed, parseShard, parseWorkers, randomSeed, oracleOption, pythonVersionOption, targetOption, targetWallclockOption } from '../options.ts';
import { emptyShardReason, type Shard } from '../../compare/shard.ts';
import { constraintOptions, constraintsFrom, type ConstraintFlags } from '../constraints.ts';
import { progressLine } from '../progress.ts';
import { printSummary } from '../summary.ts';
import { checkReportPaths, writeOutputs, type OutputFlags } from '../outputs.ts';
import { CORPUS_DIR, saveToCorpus } from '../../compare/corpus.ts';
import { commandLine, pythonFrom, userPath, type CliContext } from '../io.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface CheckFlags extends ConstraintFlags, OutputFlags {
  runs: number;
  seed?: number;
  path?: string;
  clock: ClockModel;
  /** A name targets/index.ts resolves: port, native, a bundled port, an adapter path, an oracle name. */
  target: string;
  targetWallclock?: number;
  shard?: Shard;
  shrink: boolean;
  saveCorpus?: boolean | string;
  oracle?: string;
  python?: string;
  pythonVersion?: PythonVersion;
  workers?: number;
  ignoreBucket: string[];
}

export function registerCheck(program: Command, context: CliContext): void {
  const command = program
    .command('check')
    .description(describeCommand('check'))
    .option('--runs <n>', 'how many programs (1 to 10000000)', parseRuns, 1000)
    .option('--seed <seed>', 'fast-check seed, -2147483648 to 2147483647 (default: random, printed)', parseSeed)
    .option('--path <path>', 'replay only the program at this fast-check path (from a report: --seed S --path P)', parsePath)
    .option('--clock <model>', 'virtual clock: realistic or ideal', parseClock, 'realistic')
    .addOption(targetOption())
    .addOption(targetWallclockOption())
    .option('--shard <i/n>', 'run only slice i of n of the same seeded program stream (merge with merge-reports)', parseShard)
    .option('--no-shrink', 'report differences as generated, without shrinking')
    .option('--save-corpus [dir]', 'save each bucket\'s minimal program as a regression test (default folder: test/corpus/)')
    .option('--report <dir>', 'write an HTML report to DIR/index.html')
    .option('--open', 'open the HTML report when done')
    .option('--json <file>', 'write the results as JSON')
    .option('--junit <file>', 'write the results as JUnit XML')
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(oracleOption())
    .addOption(pythonVersionOption())
    .option('--ignore-bucket <name>', 'leave out the differences of a known cause (counted, not shrunk or reported); repeatable', collectBucket, [])
    .option('--workers <n>', 'oracle worker processes, 1 to 64 (default: one fewer than cores, at least one: this process runs the other side)', parseWorkers);
  constraintOptions(command).action(async (flags: CheckFlags) => {
    context.exitCode = await checkCommand(flags, context);
  });
}

async function checkCommand(flags: CheckFlags, context: CliContext): Promise<number> {
  const { io } = context;
  if (flags.path && flags.shard) throw new UsageError('--path replays one program; it cannot be combined with --shard');
  if (flags.path && flags.seed === undefined) throw new UsageError('--path names a program of one seed\'s stream: give its --seed too (both are in the program\'s replay line)');
  if (flags.open && !flags.report) throw new UsageError('--open needs --report DIR');
  const empty = flags.shard && !flags.path ? emptyShardReason(flags.runs, flags.shard) : undefined;
  if (empty) throw new UsageError(empty);
  const constraints = constraintsFrom(flags);
  const corpusDir = flags.saveCorpus === undefined || flags.saveCorpus === false ? undefined : typeof flags.saveCorpus === 'string' ? userPath(io, flags.saveCorpus) : CORPUS_DIR;
  await checkReportPaths(flags, io, [{ flag: '--save-corpus', path: corpusDir, kind: 'folder' }]);

  const seed = flags.seed ?? randomSeed();
  io.stderr.write(`check: ${flags.path ? `path ${flags.path}` : `${flags.runs} programs`}, seed ${seed}, target ${terminalSafe(flags.target)}, clock ${flags.clock}\n`);
  const progress = progressLine('check', io.stderr);
  // The side runs on this thread, itself a full-time worker: one oracle worker fewer than cores measured faster.
  const workers = flags.workers ?? Math.max(1, availableParallelism() - 1);
  const report = await withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), workers, pythonVersion: flags.pythonVersion, start: io.startOracle }, (oracle) =>
    withTarget(flags.target, (side) => runCheck({
      runs: flags.runs,
      seed,
      path: flags.path,
      clock: flags.clock,
      side,
      oracle,
      constraints,
      shard: flags.shard,
      shrink: flags.shrink,
      command: commandLine(context),
      ignoreBuckets: flags.ignoreBucket,
      onProgress: ({ done, total, differences, phase }) => progress.update(done, total, { differences, phase }),
    }), { cwd: io.cwd, startOracle: io.startOracle, wallclockMs: flags.targetWallclock }),
  ).finally(() => progress.stop());
  printSummary(report, io.stdout);
  await writeOutputs(report, flags, io);
  if (corpusDir !== undefined) {
    try {
      for (const file of await saveToCorpus(report, corpusDir)) io.stderr.write(`saved ${terminalSafe(file)}\n`);
    } catch (error) {
      io.stderr.write(`asyncio-conformance: could not save to the corpus: ${terminalSafe(error instanceof Error ? error.message : String(error))}\n`);
    }
  }
  return report.differences > 0 || report.outcomes.portCrash > 0 ? EXIT_FINDING : EXIT_OK;
}

/** `--ignore-bucket NAME`, once per cause; a name no rule gives is an error (a typo would silently ignore nothing). */
function collectBucket(name: string, names: string[]): string[] {
  if (!isBucketName(name)) throw new InvalidArgumentError(`no bucket named "${name}"; the buckets are ${BUCKET_NAMES.join(', ')}, and two causes joined by + (lazy-task-start+shutdown-cancellation)`);
  return [...names, name];
}

/** The side under test, resolved by the one registry (targets/index.ts) and always closed. */
export async function withTarget<T>(target: string, use: (side: Side) => Promise<T>, context: TargetContext = {}): Promise<T> {
  return withRegisteredTarget(target, use, context);
}
