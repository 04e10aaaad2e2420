/**
 * `lessons --out DIR [--runs N] [--seed S]`: a real `check --target native` run (in-process,
 * compare/check.ts) turned into one lesson page per cause of difference (teach/lessons.ts).
 * Exit 0 when written (a run without differences writes an index that says so), 2 on bad input.
 */
import type { Command } from 'commander';
import { runCheck } from '../../compare/check.ts';
import { nativeSide } from '../../compare/sides.ts';
import { withPartingStories } from '../../explain/teach.ts';
import { lessonsFrom, writeLessons } from '../../teach/lessons.ts';
import { EXIT_OK } from '../errors.ts';
import { commandLine, pythonFrom, userPath, type CliContext } from '../io.ts';
import { withOracle } from '../oracle.ts';
import { oracleOption, parseRuns, parseSeed, randomSeed } from '../options.ts';
import { checkOutputPaths } from '../output-paths.ts';
import { terminalSafe } from '../terminal-text.ts';

interface LessonsFlags {
  out: string;
  runs: number;
  seed?: number;
  oracle?: string;
  python?: string;
}

export function registerLessons(program: Command, context: CliContext): void {
  program
    .command('lessons')
    .description('run check --target native and write one lesson per cause of difference (Markdown and HTML): the minimal program, both outputs, the fix, an exercise')
    .requiredOption('--out <dir>', 'the folder to write the lessons into')
    .option('--runs <n>', 'how many programs to generate', parseRuns, 300)
    .option('--seed <seed>', 'fast-check seed (default: random, printed)', parseSeed)
    .option('--python <path>', 'the CPython to use as the oracle')
    .addOption(oracleOption())
    .action(async (flags: LessonsFlags) => {
      const { io } = context;
      const out = userPath(io, flags.out);
      await checkOutputPaths([{ flag: '--out', path: out, kind: 'folder', writes: 'index.md' }]);
      const seed = flags.seed ?? randomSeed();
      io.stderr.write(`lessons: ${flags.runs} programs, seed ${seed}, target native\n`);
      context.exitCode = await withOracle({ oracle: flags.oracle, python: pythonFrom(io, flags.python) }, async (oracle) => {
        const report = await runCheck({ runs: flags.runs, seed, clock: 'realistic', side: nativeSide, oracle, command: commandLine(context) });
        const lessons = await withPartingStories(lessonsFrom(report), oracle);
        await writeLessons(lessons, report, out);
        io.stdout.write(`${lessons.length} lessons from ${report.differences} differences of ${report.runs} programs (seed ${seed}):\n`);
        for (const lesson of lessons) io.stdout.write(`  ${lesson.name}: ${terminalSafe(lesson.title)} (${lesson.count})\n`);
        io.stdout.write(`written to ${terminalSafe(out)}/index.md and index.html\n`);
        return EXIT_OK;
      });
    });
}
