/**
 * What `check` and `compare` print when done: the counts, then each bucket's minimal program
 * and where the traces part. Program text (source, trace texts, exception messages) goes
 * through `terminalSafe`: it never reaches the terminal as raw control characters.
 */
import type { Bucket, CheckReport, Counterexample } from '../reports/model.ts';
import { describeOutcome } from '../reports/model.ts';
import type { CliOutput } from './io.ts';
import { terminalSafe } from './terminal-text.ts';

const rate = (report: CheckReport) => `${Math.round(report.programsPerSecond)} programs/s`;

export function printSummary(report: CheckReport, out: CliOutput): void {
  const o = report.outcomes;
  const lines = [
    '',
    `${report.runs} programs, seed ${report.seed}, target ${report.target}, clock ${report.clock}, ${terminalSafe(`${report.python.implementation} ${report.python.version}`)}`,
    `same ${o.same} · differ ${o.differs} · port crash ${o.portCrash} · oracle crash ${o.oracleCrash} · timeout ${o.timeout} · generator bug ${o.generatorBug}`,
    `${(report.durationMs / 1000).toFixed(1)} s, ${rate(report)}`,
  ];
  if (report.ignored) {
    const left = Object.entries(report.ignored).map(([name, n]) => `${terminalSafe(name)} ${n}`).join(', ');
    lines.push(`ignored (--ignore-bucket): ${left}`);
  }
  if (report.shrink) lines.push(`shrunk ${report.shrink.count} differences, median ${report.shrink.medianMs.toFixed(0)} ms each`);
  if (report.partial) {
    const missing = report.partial.missing.map((index) => `${index}/${report.partial?.count}`).join(', ');
    lines.push(`PARTIAL: shard${report.partial.missing.length === 1 ? '' : 's'} ${missing} missing; these ${report.runs} programs are not the whole run.`);
  }
  // "All agree" only when every program was judged the same: a timeout or a crash is not agreement.
  if (report.runs > 0 && o.same === report.runs) lines.push(`All ${report.runs} programs ${report.partial ? 'of the shards merged ' : ''}agree with CPython.`);
  else if (o.differs === 0 && o.portCrash === 0) lines.push(`No difference found, but ${report.runs - o.same} of ${report.runs} programs could not be judged (timeout, oracle crash or generator bug).`);
  for (const bucket of report.buckets) lines.push('', ...describeBucket(bucket));
  out.write(`${lines.join('\n')}\n`);
}

function describeBucket(bucket: Bucket): string[] {
  const ex = bucket.example;
  return [
    `── ${terminalSafe(bucket.name)}: ${bucket.count} program${bucket.count === 1 ? '' : 's'} — ${terminalSafe(bucket.title)}`,
    `   ${terminalSafe(bucket.description)}`,
    `   smallest example (${ex.size} statements, shrunk from ${ex.originalSize} in ${ex.shrinkSteps} steps):`,
    ...ex.python.trimEnd().split('\n').map((line) => `   │ ${terminalSafe(line)}`),
    ...traceTable(ex),
    `   replay: ${terminalSafe(ex.replay)}`,
  ];
}

/** Both traces side by side, the first difference marked. */
function traceTable(ex: Counterexample): string[] {
  const rows = Math.max(ex.expected.length, ex.actual.length);
  const cell = (pair: [string, number] | undefined) => (pair ? `${terminalSafe(JSON.stringify(pair[0].replace(/\n$/, '')))} @${pair[1]}` : '—');
  const width = Math.max(14, ...ex.expected.map((p) => cell(p).length));
  const out = [`   ${'CPython'.padEnd(width)}   other side`];
  for (let i = 0; i < rows; i++) {
    const mark = i === ex.divergence ? '≠' : ' ';
    out.push(` ${mark} ${cell(ex.expected[i]).padEnd(width)} ${mark} ${cell(ex.actual[i])}`);
  }
  out.push(`   CPython ${terminalSafe(describeOutcome(ex.expectedOutcome))}; other side ${terminalSafe(describeOutcome(ex.actualOutcome))}`);
  return out;
}
