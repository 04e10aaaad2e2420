/**
 * `merge-reports PATH...`: the JSON reports of a sharded check combined into one.
 * Refused with exit 2: a file listed twice, a report that is not one, reports of different
 * experiments, the same shard twice, a whole run with shards, and an incomplete set of shards
 * (unless --allow-partial, which merges them and says PARTIAL wherever the result is shown).
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { mergeReports, readJsonReport } from '../../reports/index.ts';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { checkReportPaths, writeOutputs, type OutputFlags } from '../outputs.ts';
import { printSummary } from '../summary.ts';
import { userPath, type CliContext } from '../io.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface MergeFlags extends OutputFlags {
  allowPartial?: boolean;
}

export function registerMergeReports(program: Command, context: CliContext): void {
  program
    .command('merge-reports')
    .description(describeCommand('merge-reports'))
    .argument('<paths...>', 'JSON report files, or folders holding them')
    .option('--allow-partial', 'merge even when shards are missing (the result says which, and is marked PARTIAL)')
    .option('--report <dir>', 'write the merged HTML report to DIR/index.html')
    .option('--open', 'open the HTML report when done')
    .option('--json <file>', 'write the merged JSON')
    .option('--junit <file>', 'write the merged JUnit XML')
    .action(async (paths: string[], flags: MergeFlags) => {
      const { io } = context;
      if (flags.open && !flags.report) throw new UsageError('--open needs --report DIR');
      await checkReportPaths(flags, io);
      const files = await distinctFiles((await Promise.all(paths.map((path) => jsonFilesAt(path, userPath(io, path))))).flat());
      if (files.length === 0) throw new UsageError(`no .json report found in ${terminalSafe(paths.join(', '))}`);
      await refuseOverwritingAnInput(files, [['--json', flags.json], ['--junit', flags.junit]], context);
      const reports = await Promise.all(files.map((f) => readJsonReport(f.open)));
      const merged = mergeReports(reports, { sources: files.map((f) => f.shown), allowPartial: flags.allowPartial });
      printSummary(merged, io.stdout);
      await writeOutputs(merged, flags, io);
      context.exitCode = merged.differences > 0 || merged.outcomes.portCrash > 0 ? EXIT_FINDING : EXIT_OK;
    });
}

interface ReportFile {
  /** As the user wrote it (for messages). */
  shown: string;
  /** As the process opens it. */
  open: string;
}

async function jsonFilesAt(shown: string, path: string): Promise<ReportFile[]> {
  const info = await stat(path).catch(() => {
    throw new UsageError(`${terminalSafe(shown)}: no such file or folder`);
  });
  if (!info.isDirectory()) return [{ shown, open: path }];
  return (await readdir(path))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ shown: join(shown, f), open: join(path, f) }));
}

/** The same file named twice (directly, through a folder, or a link) is a mistake, not two shards. */
async function distinctFiles(files: ReportFile[]): Promise<ReportFile[]> {
  const seen = new Map<string, string>();
  for (const file of files) {
    const real = await realpath(file.open).catch(() => file.open);
    const earlier = seen.get(real);
    if (earlier !== undefined) throw new UsageError(`${terminalSafe(file.shown)} is given twice${earlier === file.shown ? '' : ` (also as ${terminalSafe(earlier)})`}: each report counts once`);
    seen.set(real, file.shown);
  }
  return files;
}

/** `merge-reports shards --json shards/1.json` would replace a shard with the merge: refused. */
async function refuseOverwritingAnInput(files: ReportFile[], outputs: Array<[string, string | undefined]>, context: CliContext): Promise<void> {
  const inputs = new Set(await Promise.all(files.map((file) => realpath(file.open).catch(() => file.open))));
  for (const [flag, path] of outputs) {
    if (path === undefined) continue;
    const real = await realpath(userPath(context.io, path)).catch(() => undefined);
    if (real !== undefined && inputs.has(real)) throw new UsageError(`${flag} ${terminalSafe(path)} is one of the reports being merged: write the merge elsewhere`);
  }
}
