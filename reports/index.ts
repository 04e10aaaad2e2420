/**
 * The reports' public surface, listed by hand, and a reporter registry in the vitest style:
 * each reporter is an object whose hooks are all optional, looked up by name from the CLI
 * (`--reporter json --reporter html`).
 */
import { writeHtmlReport } from './html/index.ts';
import { writeJsonReport } from './json.ts';
import { writeJunitReport } from './junit.ts';
import type { CheckReport } from './model.ts';

export type { Bucket, CheckReport, Counterexample, Outcomes } from './model.ts';
export { OUTCOME_LABELS, REPORT_SCHEMA, describeOutcome } from './model.ts';
export type { IssueJson } from './json.ts';
export type { MergeOptions } from './json.ts';
export { ReportInputError, mergeReports, readJsonReport, toIssueJson, validateReport, writeJsonReport } from './json.ts';
export { makeDirectory } from './make-directory.ts';
export { buildJunitXml, junitSuiteName, writeJunitReport } from './junit.ts';
export { renderHtmlReport, scriptJson, writeHtmlReport } from './html/index.ts';

/** A reporter; every hook is optional (a reporter may only care about the end of the run). */
export interface Reporter {
  /** The run is complete. `output` is a file (json, junit) or a directory (html); returns the path written. */
  onFinished?(report: CheckReport, output: string): Promise<string>;
}

export const jsonReporter: Reporter = {
  async onFinished(report, output) {
    await writeJsonReport(report, output);
    return output;
  },
};

export const junitReporter: Reporter = {
  async onFinished(report, output) {
    await writeJunitReport(report, output);
    return output;
  },
};

export const htmlReporter: Reporter = {
  onFinished: (report, output) => writeHtmlReport(report, output),
};

export const reporters = { json: jsonReporter, junit: junitReporter, html: htmlReporter } satisfies Record<string, Reporter>;
export type ReporterName = keyof typeof reporters;

/** Default output of each reporter, relative to the working directory. */
export const DEFAULT_OUTPUTS: Record<ReporterName, string> = {
  json: 'asyncio-conformance-report/report.json',
  junit: 'asyncio-conformance-report/junit.xml',
  html: 'asyncio-conformance-report',
};
