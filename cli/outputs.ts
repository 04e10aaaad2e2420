/** Writes the report files a command was asked for: --json, --junit, --report (HTML), --open. */
import open from 'open';
import type { CheckReport } from '../reports/model.ts';
import { writeHtmlReport, writeJsonReport, writeJunitReport } from '../reports/index.ts';

export interface OutputFlags {
  json?: string;
  junit?: string;
  report?: string;
  open?: boolean;
}

export async function writeOutputs(report: CheckReport, flags: OutputFlags): Promise<void> {
  if (flags.json) {
    await writeJsonReport(report, flags.json);
    process.stderr.write(`JSON written to ${flags.json}\n`);
  }
  if (flags.junit) {
    await writeJunitReport(report, flags.junit);
    process.stderr.write(`JUnit XML written to ${flags.junit}\n`);
  }
  if (flags.report) {
    const page = await writeHtmlReport(report, flags.report);
    process.stderr.write(`HTML report written to ${page}\n`);
    if (flags.open) await open(page);
  }
}
