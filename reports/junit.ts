/**
 * The JUnit reporter: one test suite per run, one failing test case per bucket, so a CI
 * page lists each kind of difference with its minimal program, both traces and the replay
 * command. A run without differences gets one passing case, so CI shows something.
 */
import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import junitModule from 'junit-report-builder';
import type { Builder } from 'junit-report-builder';
import type { Bucket, CheckReport } from './model.ts';
import { OUTCOME_LABELS, describeOutcome } from './model.ts';
import { makeDirectory } from './make-directory.ts';

/**
 * The package's types declare an ES `export default`, but its CommonJS main assigns
 * `module.exports`; under NodeNext, TypeScript then types the default import as the module
 * object. Accept both shapes (tsx/vitest may load either build).
 */
const junitRoot = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

/** The name of the one test suite, e.g. `asyncio-conformance port`. */
export function junitSuiteName(report: CheckReport): string {
  return `asyncio-conformance ${report.target}`;
}

/** The JUnit XML as a string (what `writeJunitReport` writes). */
export function buildJunitXml(report: CheckReport): string {
  const builder = junitRoot.newBuilder();
  const suite = builder
    .testSuite()
    .name(junitSuiteName(report))
    .timestamp(report.startedAt)
    .time(report.durationMs / 1000)
    .property('seed', String(report.seed))
    .property('clock', report.clock)
    .property('runs', String(report.runs))
    .property('differences', String(report.differences))
    .property('python', `${report.python.implementation} ${report.python.version}`)
    .property('command', report.command);
  for (const [key, label] of OUTCOME_LABELS) suite.property(`outcomes.${key}`, `${label}: ${report.outcomes[key]}`);
  if (report.partial) suite.property('partial', `shards ${report.partial.missing.map((index) => `${index}/${report.partial?.count}`).join(', ')} missing: not the whole run`);

  const className = `asyncio-conformance.${report.target}`;
  for (const bucket of report.buckets) {
    suite
      .testCase()
      .className(className)
      .name(bucket.name)
      .failure(failureMessage(report, bucket), 'difference')
      .stacktrace(cdataSafe(failureBody(report, bucket)));
  }
  if (report.differences === 0) {
    suite.testCase().className(className).name('all programs agree');
  }
  return builder.build();
}

/** Writes the JUnit XML; creates the directory. */
export async function writeJunitReport(report: CheckReport, file: string): Promise<void> {
  await makeDirectory(dirname(file));
  await writeFile(file, buildJunitXml(report), 'utf8');
}

/** `Eager start: 12 of 500 programs (seed 42, target port)` */
function failureMessage(report: CheckReport, bucket: Bucket): string {
  return `${bucket.title}: ${bucket.count} of ${report.runs} programs differ (seed ${report.seed}, target ${report.target})`;
}

/** Plain text a CI page shows under the failure: enough to understand and replay it. */
function failureBody(report: CheckReport, bucket: Bucket): string {
  const example = bucket.example;
  const other = report.target; // port, native, or a second oracle's name
  const lines = [
    bucket.description,
    '',
    `Minimal program ${example.id} (${example.size} statements, shrunk from ${example.originalSize} in ${example.shrinkSteps} steps):`,
    '',
    ...numbered(example.python),
    '',
    `CPython trace (outcome: ${describeOutcome(example.expectedOutcome)}):`,
    ...traceLines(example.expected, example.divergence),
    '',
    `${other} trace (outcome: ${describeOutcome(example.actualOutcome)}):`,
    ...traceLines(example.actual, example.divergence),
    '',
    `Replay: ${example.replay}`,
  ];
  return lines.join('\n');
}

function numbered(source: string): string[] {
  const lines = source.replace(/\n$/, '').split('\n');
  const width = String(lines.length).length;
  return lines.map((line, index) => `  ${String(index + 1).padStart(width)} | ${line}`);
}

function traceLines(trace: Array<[string, number]>, divergence: number): string[] {
  if (trace.length === 0) return ['  (nothing printed)'];
  return trace.map(
    ([text, time], index) =>
      `${index === divergence ? '> ' : '  '}${String(index).padStart(3)}  ${JSON.stringify(text)}  t=${time}` +
      (index === divergence ? '   <- first difference' : ''),
  );
}

/**
 * xmlbuilder 15 (under junit-report-builder) splits only the *first* `]]>` of a CDATA text;
 * a second one would end the section early and break the XML. Split every later one
 * ourselves and leave the first to it. A test round-trips a text with two.
 */
function cdataSafe(text: string): string {
  const first = text.indexOf(']]>');
  if (first < 0) return text;
  const head = text.slice(0, first + 3);
  return head + text.slice(first + 3).replaceAll(']]>', ']]]]><![CDATA[>');
}
