/** What `check` and `compare` print when done: the counts, then each bucket's minimal program and where the traces part. */
import type { Bucket, CheckReport, Counterexample } from '../reports/model.ts';
import { describeOutcome } from '../reports/model.ts';

const rate = (report: CheckReport) => `${Math.round(report.programsPerSecond)} programs/s`;

export function printSummary(report: CheckReport, out: NodeJS.WritableStream = process.stdout): void {
  const o = report.outcomes;
  const lines = [
    '',
    `${report.runs} programs, seed ${report.seed}, target ${report.target}, clock ${report.clock}, ${report.python.implementation} ${report.python.version}`,
    `same ${o.same} · differ ${o.differs} · port crash ${o.portCrash} · oracle crash ${o.oracleCrash} · timeout ${o.timeout} · generator bug ${o.generatorBug}`,
    `${(report.durationMs / 1000).toFixed(1)} s, ${rate(report)}`,
  ];
  if (report.shrink) lines.push(`shrunk ${report.shrink.count} differences, median ${report.shrink.medianMs.toFixed(0)} ms each`);
  if (report.differences === 0 && o.portCrash === 0) lines.push(`All ${report.runs} programs agree with CPython.`);
  for (const bucket of report.buckets) lines.push('', ...describeBucket(bucket));
  out.write(`${lines.join('\n')}\n`);
}

function describeBucket(bucket: Bucket): string[] {
  const ex = bucket.example;
  return [
    `── ${bucket.name}: ${bucket.count} program${bucket.count === 1 ? '' : 's'} — ${bucket.title}`,
    `   ${bucket.description}`,
    `   smallest example (${ex.size} statements, shrunk from ${ex.originalSize} in ${ex.shrinkSteps} steps):`,
    ...ex.python.trimEnd().split('\n').map((line) => `   │ ${line}`),
    ...traceTable(ex),
    `   replay: ${ex.replay}`,
  ];
}

/** Both traces side by side, the first difference marked. */
function traceTable(ex: Counterexample): string[] {
  const rows = Math.max(ex.expected.length, ex.actual.length);
  const cell = (pair: [string, number] | undefined) => (pair ? `${JSON.stringify(pair[0].replace(/\n$/, ''))} @${pair[1]}` : '—');
  const width = Math.max(14, ...ex.expected.map((p) => cell(p).length));
  const out = [`   ${'CPython'.padEnd(width)}   other side`];
  for (let i = 0; i < rows; i++) {
    const mark = i === ex.divergence ? '≠' : ' ';
    out.push(` ${mark} ${cell(ex.expected[i]).padEnd(width)} ${mark} ${cell(ex.actual[i])}`);
  }
  out.push(`   CPython ${describeOutcome(ex.expectedOutcome)}; other side ${describeOutcome(ex.actualOutcome)}`);
  return out;
}
