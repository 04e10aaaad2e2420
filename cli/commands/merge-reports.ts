/** `merge-reports DIR...`: the JSON reports of a sharded check combined into one. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { mergeReports, readJsonReport } from '../../reports/index.ts';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { writeOutputs, type OutputFlags } from '../outputs.ts';
import { printSummary } from '../summary.ts';

export function registerMergeReports(program: Command): void {
  program
    .command('merge-reports')
    .description('combine the --json reports of check --shard i/n runs into one report')
    .argument('<paths...>', 'JSON report files, or folders holding them')
    .option('--report <dir>', 'write the merged HTML report to DIR/index.html')
    .option('--open', 'open the HTML report when done')
    .option('--json <file>', 'write the merged JSON')
    .option('--junit <file>', 'write the merged JUnit XML')
    .action(async (paths: string[], flags: OutputFlags) => {
      const files = (await Promise.all(paths.map(jsonFilesAt))).flat();
      if (files.length === 0) throw new UsageError(`no .json report found in ${paths.join(', ')}`);
      const merged = mergeReports(await Promise.all(files.map((f) => readJsonReport(f))));
      printSummary(merged);
      await writeOutputs(merged, flags);
      process.exitCode = merged.differences > 0 ? EXIT_FINDING : EXIT_OK;
    });
}

async function jsonFilesAt(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => {
    throw new UsageError(`${path}: no such file or folder`);
  });
  if (!info.isDirectory()) return [path];
  return (await readdir(path)).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
}
