/**
 * `lessons --out DIR [--runs N] [--seed S] [--target native|ORACLE]`: a real `check` run
 * (in-process, compare/check.ts) turned into one lesson page per cause of difference
 * (teach/lessons.ts): against native promises by default, or against another Python
 * (`--target cpython-3.12`) for the causes that differ between versions.
 * `--from-report FILE` writes the lessons of a run already made (`check --json FILE`) instead:
 * the shrinking of a run is most of its time, and one run can serve a report and the lessons.
 * Exit 0 when written (a run without differences writes an index that says so), 2 on bad input.
 */
import { Option, type Command } from 'commander';
import { runCheck } from '../../compare/check.ts';
import { constraintOptions, constraintsFrom, type ConstraintFlags } from '../constraints.ts';
import { withTarget } from './check.ts';
import { withPartingStories } from '../../explain/teach.ts';
import { lessonsFrom, writeLessons } from '../../teach/lessons.ts';
import { readJsonReport } from '../../reports/json.ts';
import type { CheckReport } from '../../reports/model.ts';
import type { Oracle } from '../../oracle/oracles.ts';
import { EXIT_OK } from '../errors.ts';
import { commandLine, pythonFrom, userPath, type CliContext } from '../io.ts';
import { withOracle } from '../oracle.ts';
import { oracleOption, parseRuns, parseSeed, randomSeed, targetOption } from '../options.ts';
import { checkOutputPaths } from '../output-paths.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface LessonsFlags extends ConstraintFlags {
  out: string;
  target: string;
  runs: number;
  seed?: number;
  oracle?: string;
  python?: string;
  fromReport?: string;
}

export function registerLessons(program: Command, context: CliContext): void {
  const command = program
    .command('lessons')
    .description(describeCommand('lessons'))
    .addOption(targetOption().default('native'))
    .requiredOption('--out <dir>', 'the folder to write the lessons into')
    .option('--runs <n>', 'how many programs to generate', parseRuns, 300)
    .option('--seed <seed>', 'fast-check seed (default: random, printed)', parseSeed)
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(
      // Its run says the target, seed and programs: a flag that would choose them is refused, not ignored.
      new Option('--from-report <file>', 'the lessons of a run already made (check --json FILE) instead of a new run').conflicts(['target', 'seed', 'runs']),
    )
    .addOption(oracleOption());
  constraintOptions(command).action(async (flags: LessonsFlags) => {
      const { io } = context;
      const out = userPath(io, flags.out);
      await checkOutputPaths([{ flag: '--out', path: out, kind: 'folder', writes: 'index.md' }]);
      const saved = flags.fromReport === undefined ? undefined : await readJsonReport(userPath(io, flags.fromReport));
      const seed = saved?.seed ?? flags.seed ?? randomSeed();
      const target = saved?.target ?? flags.target;
      const constraints = constraintsFrom(flags);
      io.stderr.write(saved ? `lessons: from ${terminalSafe(flags.fromReport ?? '')}, ${saved.runs} programs, seed ${seed}, target ${terminalSafe(target)}\n` : `lessons: ${flags.runs} programs, seed ${seed}, target ${terminalSafe(target)}\n`);
      context.exitCode = await withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python), start: io.startOracle }, async (oracle) => {
        const report =
          saved ?? (await withTarget(target, (side) => runCheck({ runs: flags.runs, seed, clock: 'realistic', side, oracle, constraints, command: commandLine(context) }), { cwd: io.cwd, startOracle: io.startOracle }));
        const lessons = await lessonsWithStories(report, oracle);
        await writeLessons(lessons, report, out);
        io.stdout.write(`${lessons.length} lessons from ${report.differences} differences of ${report.runs} programs (seed ${seed}):\n`);
        for (const lesson of lessons) io.stdout.write(`  ${lesson.name}: ${terminalSafe(lesson.title)} (${lesson.count})\n`);
        io.stdout.write(`written to ${terminalSafe(out)}/index.md and index.html\n`);
        return EXIT_OK;
      });
  });
}

/** The report's lessons; explain's story of where the two part is told against native promises only. */
async function lessonsWithStories(report: CheckReport, oracle: Oracle) {
  return report.target === 'native' ? withPartingStories(lessonsFrom(report), oracle) : lessonsFrom(report);
}
