/**
 * `matrix [--runs N] [--seed S] --report DIR --json F`: the same generated programs on every
 * Python available here and on the port at each version it reproduces. Each Python is checked
 * against the baseline (the first that starts: the system CPython, else an embedded one), the
 * port at version 3.X against the CPython 3.X here; one HTML page and one JSON document hold
 * the result (reports/matrix.ts). One oracle is loaded at a time; progress shows per column.
 */
import type { Command } from 'commander';
import { runCheck } from '../../compare/check.ts';
import { oracleSide, portSide, type Side } from '../../compare/sides.ts';
import type { ClockModel } from '../../ir/program.ts';
import { EMBEDDED_BUILDS } from '../../oracle/embedded/builds.ts';
import { startOracle, type Oracle } from '../../oracle/oracles.ts';
import { setPowBuild } from '../../runtime/libm-build.ts';
import { PYTHON_VERSIONS, pythonVersionOf, setPythonVersion } from '../../port/version.ts';
import { causesOf, columnFrom, writeMatrixHtml, writeMatrixJson, type Matrix, type MatrixColumn } from '../../reports/matrix.ts';
import type { CheckReport } from '../../reports/model.ts';
import { constraintOptions, constraintsFrom, type ConstraintFlags } from '../constraints.ts';
import { EXIT_FINDING, EXIT_OK, UsageError } from '../errors.ts';
import { userPath, type CliContext } from '../io.ts';
import { parseClock, parseRuns, parseSeed, randomSeed } from '../options.ts';
import { checkOutputPaths } from '../output-paths.ts';
import { progressLine } from '../progress.ts';
import { terminalSafe } from '../terminal-text.ts';
import { describeCommand } from '../commands-index.ts';

interface MatrixFlags extends ConstraintFlags {
  runs: number;
  seed?: number;
  clock: ClockModel;
  report?: string;
  json?: string;
  shrink: boolean;
}

/** The Pythons the matrix tries, in column order: the first that starts is the baseline. */
export const MATRIX_ORACLES: readonly string[] = ['system', 'system/py-task', ...EMBEDDED_BUILDS.map((b) => b.name), 'pypy'];

/** Without --features or --constraints: every construct the generator has (the research setting). */
const EVERY_FEATURE = { features: { gather: true, taskMethods: true, cancel: true } };

export function registerMatrix(program: Command, context: CliContext): void {
  const command = program
    .command('matrix')
    .description(describeCommand('matrix'))
    .option('--runs <n>', 'programs per column (1 to 10000000)', parseRuns, 500)
    .option('--seed <seed>', 'fast-check seed (default: random, printed)', parseSeed)
    .option('--clock <model>', 'virtual clock: realistic or ideal', parseClock, 'realistic')
    .option('--report <dir>', 'write the HTML page to DIR/index.html')
    .option('--json <file>', 'write the matrix as JSON')
    .option('--no-shrink', "show each cause's first program as generated, without shrinking it");
  constraintOptions(command).action(async (flags: MatrixFlags) => {
    context.exitCode = await matrixCommand(flags, context);
  });
}

async function matrixCommand(flags: MatrixFlags, context: CliContext): Promise<number> {
  const { io } = context;
  if (!flags.report && !flags.json) throw new UsageError('matrix writes its result: give --report DIR, --json FILE, or both');
  const report = flags.report === undefined ? undefined : userPath(io, flags.report);
  const json = flags.json === undefined ? undefined : userPath(io, flags.json);
  await checkOutputPaths([
    { flag: '--json', path: json, kind: 'file' },
    { flag: '--report', path: report, kind: 'folder', writes: 'index.html' },
  ]);
  const constraints = constraintsFrom(flags) ?? EVERY_FEATURE;
  const seed = flags.seed ?? randomSeed();
  const started = performance.now();
  const startedAt = new Date().toISOString();
  io.stderr.write(`matrix: ${flags.runs} programs per column, seed ${seed}, clock ${flags.clock}\n`);

  const reports: CheckReport[] = [];
  const columns: MatrixColumn[] = [];
  const unavailable: Matrix['unavailable'] = [];
  const check = async (name: string, oracle: Oracle, side: Side): Promise<CheckReport> => {
    const progress = progressLine(`matrix ${name}`, io.stderr);
    try {
      const result = await runCheck({ runs: flags.runs, seed, clock: flags.clock, side, oracle, constraints, shrink: flags.shrink, onProgress: ({ done, total, differences, phase }) => progress.update(done, total, { differences, phase }) });
      reports.push(result);
      return result;
    } finally {
      progress.stop();
    }
  };
  /** The port at `version` against `oracle` (that version's CPython), as `check --python-version` runs it. */
  const portColumn = async (oracle: Oracle, against: string): Promise<void> => {
    const version = pythonVersionOf(oracle.info.version);
    if (version === undefined || oracle.info.implementation !== 'CPython' || columns.some((c) => c.name === `port@${version}`)) return;
    setPythonVersion(version);
    setPowBuild(oracle.info.executable.startsWith('pyodide ') ? 'generic' : undefined);
    try {
      columns.push(columnFrom(await check(`port@${version}`, oracle, portSide), `port@${version}`, 'port', against, version));
    } finally {
      setPythonVersion(undefined);
      setPowBuild(undefined);
    }
  };

  let baseline: { name: string; oracle: Oracle } | undefined;
  try {
    for (const name of MATRIX_ORACLES) {
      let oracle: Oracle;
      try {
        oracle = await (io.startOracle ?? startOracle)({ oracle: name, workers: 1, note: () => {} });
      } catch (error) {
        const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
        unavailable.push({ name, reason });
        io.stderr.write(`matrix: ${terminalSafe(name)} is not available here (${terminalSafe(reason)})\n`);
        continue;
      }
      const label = `${oracle.info.implementation} ${oracle.info.version}`;
      if (baseline === undefined) {
        baseline = { name, oracle };
        io.stderr.write(`matrix: baseline ${terminalSafe(name)} (${terminalSafe(label)})\n`);
        await portColumn(oracle, name);
        continue;
      }
      try {
        const result = await check(name, baseline.oracle, oracleSide(name, oracle));
        columns.push(columnFrom(result, name, 'oracle', baseline.name, oracle.info.version));
        await portColumn(oracle, name);
      } finally {
        await oracle.close();
      }
    }
  } finally {
    await baseline?.oracle.close();
  }
  // The port's columns after the Pythons', each group in version order.
  columns.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'oracle' ? -1 : 1) || (a.kind === 'port' ? PYTHON_VERSIONS.indexOf(a.version as never) - PYTHON_VERSIONS.indexOf(b.version as never) : 0));

  const matrix: Matrix = {
    schema: 1,
    seed,
    runs: flags.runs,
    clock: flags.clock,
    constraints: { ...constraints } as Record<string, unknown>,
    startedAt,
    durationMs: performance.now() - started,
    unavailable,
    causes: causesOf(reports),
    columns,
  };
  for (const c of columns) io.stdout.write(`${c.name.padEnd(16)} vs ${c.against.padEnd(14)} ${String(c.differences).padStart(5)} of ${c.runs} differ${c.cells.length ? `: ${c.cells.map((cell) => `${cell.cause} ${cell.count}`).join(', ')}` : ''}\n`);
  if (json) {
    await writeMatrixJson(matrix, json);
    io.stderr.write(`JSON written to ${terminalSafe(json)}\n`);
  }
  if (report) io.stderr.write(`HTML matrix written to ${terminalSafe(await writeMatrixHtml(matrix, report))}\n`);
  // Pythons differ by design; the port differing from the CPython it reproduces is a finding.
  return columns.some((c) => c.kind === 'port' && c.differences > 0) ? EXIT_FINDING : EXIT_OK;
}
