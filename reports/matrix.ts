/**
 * The matrix (`asyncio-conformance matrix`): the same generated programs on every available
 * Python and on the port at each version, as one JSON document and one static HTML page
 * (versions across, causes down; each cell a count and the smallest program). The page is
 * `matrix.html` with the table rendered here, every program text escaped, and the data
 * alongside as JSON (scriptJson: no `</script>` can end it).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClockModel, Outcome } from '../ir/program.ts';
import { scriptJson } from './html/index.ts';
import { makeDirectory } from './make-directory.ts';
import type { CheckReport } from './model.ts';

/** One column: a side under test against the oracle it is compared with. */
export interface MatrixColumn {
  /** e.g. `cpython-3.12` (an oracle against the baseline) or `port@3.12` (the port against cpython-3.12). */
  name: string;
  kind: 'oracle' | 'port';
  /** The oracle it is compared with. */
  against: string;
  /** The Python of the side under test (`3.12.7`; the port: the version it reproduces). */
  version: string;
  runs: number;
  differences: number;
  outcomes: CheckReport['outcomes'];
  cells: MatrixCell[];
}

/** The differences of one cause in one column. */
export interface MatrixCell {
  cause: string;
  count: number;
  /** The smallest program of the cause, as CPython ran it, and how to replay it. */
  python: string;
  replay: string;
  expected: Array<[string, number]>;
  actual: Array<[string, number]>;
  expectedOutcome: Outcome;
  actualOutcome: Outcome;
}

export interface Matrix {
  schema: 1;
  seed: number;
  runs: number;
  clock: ClockModel;
  constraints?: Record<string, unknown>;
  startedAt: string;
  durationMs: number;
  /** Oracles that could not start here, and why. */
  unavailable: Array<{ name: string; reason: string }>;
  /** Every cause that occurs in some column: the rows. */
  causes: Array<{ name: string; title: string; description: string }>;
  columns: MatrixColumn[];
}

/** A column from a check run (compare/check.ts runCheck) of `name` against `against`. */
export function columnFrom(report: CheckReport, name: string, kind: MatrixColumn['kind'], against: string, version: string): MatrixColumn {
  return {
    name,
    kind,
    against,
    version,
    runs: report.runs,
    differences: report.differences,
    outcomes: report.outcomes,
    cells: report.buckets.map((b) => ({
      cause: b.name,
      count: b.count,
      python: b.example.python,
      replay: b.example.replay,
      expected: b.example.expected,
      actual: b.example.actual,
      expectedOutcome: b.example.expectedOutcome,
      actualOutcome: b.example.actualOutcome,
    })),
  };
}

/** The causes of every column's buckets, once each, in order of first appearance. */
export function causesOf(reports: CheckReport[]): Matrix['causes'] {
  const seen = new Map<string, Matrix['causes'][number]>();
  for (const report of reports) for (const b of report.buckets) if (!seen.has(b.name)) seen.set(b.name, { name: b.name, title: b.title, description: b.description });
  return [...seen.values()];
}

export async function writeMatrixJson(matrix: Matrix, file: string): Promise<void> {
  await writeFile(file, `${JSON.stringify(matrix, null, 2)}\n`, 'utf8');
}

/** Writes `dir/index.html` and returns its path. */
export async function writeMatrixHtml(matrix: Matrix, dir: string): Promise<string> {
  await makeDirectory(dir);
  const file = join(dir, 'index.html');
  await writeFile(file, await renderMatrixHtml(matrix), 'utf8');
  return file;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const traceText = (trace: Array<[string, number]>, outcome: Outcome): string =>
  [...trace.map(([text, time]) => `${text.trimEnd()}  @${time}`), `(${outcome.kind === 'exception' ? `${outcome.type}: ${outcome.message}` : outcome.kind})`].join('\n');

function cellHtml(cell: MatrixCell | undefined, column: MatrixColumn): string {
  if (!cell) return '<td class="zero">0</td>';
  return (
    `<td class="some"><details><summary>${cell.count}</summary>` +
    `<pre class="program">${escapeHtml(cell.python)}</pre>` +
    `<div class="traces"><div><b>${escapeHtml(column.against)}</b><pre>${escapeHtml(traceText(cell.expected, cell.expectedOutcome))}</pre></div>` +
    `<div><b>${escapeHtml(column.name)}</b><pre>${escapeHtml(traceText(cell.actual, cell.actualOutcome))}</pre></div></div>` +
    `<code>${escapeHtml(cell.replay)}</code></details></td>`
  );
}

/** The table: a row per cause, a column per side under test; a last row of totals. */
export function matrixTable(matrix: Matrix): string {
  const head = matrix.columns.map((c) => `<th title="${escapeHtml(`${c.name} (${c.version}) against ${c.against}`)}">${escapeHtml(c.name)}<br><small>vs ${escapeHtml(c.against)}</small></th>`).join('');
  const rows = matrix.causes.map(
    (cause) =>
      `<tr><th class="cause" title="${escapeHtml(cause.description)}">${escapeHtml(cause.title)}<br><small>${escapeHtml(cause.name)}</small></th>` +
      matrix.columns.map((c) => cellHtml(c.cells.find((cell) => cell.cause === cause.name), c)).join('') +
      '</tr>',
  );
  const totals = `<tr class="totals"><th>programs that differ</th>${matrix.columns.map((c) => `<td>${c.differences} / ${c.runs}</td>`).join('')}</tr>`;
  return `<table><thead><tr><th>cause</th>${head}</tr></thead><tbody>${rows.join('')}${totals}</tbody></table>`;
}

export async function renderMatrixHtml(matrix: Matrix): Promise<string> {
  const template = await readFile(new URL('matrix.html', import.meta.url), 'utf8');
  const unavailable = matrix.unavailable.map((u) => `<li>${escapeHtml(u.name)}: ${escapeHtml(u.reason)}</li>`).join('');
  const parts: Record<string, string> = {
    title: escapeHtml(`asyncio-conformance matrix: ${matrix.columns.length} sides, ${matrix.runs} programs (seed ${matrix.seed}, ${matrix.clock} clock)`),
    table: matrixTable(matrix),
    unavailable: unavailable ? `<p>Not available here:</p><ul>${unavailable}</ul>` : '',
    data: scriptJson(matrix),
  };
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => {
    if (!(name in parts)) throw new Error(`renderMatrixHtml: matrix.html has an unknown slot ${match}`);
    return parts[name];
  });
}
