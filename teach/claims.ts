/**
 * A document's claims tested on the oracle. Each program check-doc extracted is read by the
 * importer (so a block outside the subset is refused with its document `line:col`, and a
 * syntax error is a finding with its document `line:col`), run on CPython as `check` runs
 * it (compare/sides.ts `runOnOracle`: the printed IR, virtual clock), and its printed lines
 * compared with the claim.
 */
import type { Program, RunResult } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { runOnOracle, type RunOptions } from '../compare/sides.ts';
import { isTimingSensitive } from '../compare/timing.ts';
import { isFailure } from '../compare/verdict.ts';
import { describeOutcome } from '../reports/model.ts';
import { importPythonSource } from '../oracle/importer.ts';
import type { Oracle } from '../oracle/oracles.ts';
import { where, type SourceLine } from './doc-elements.ts';
import { outputLines, type Claim, type DocProgram } from './doc-extract.ts';

/**
 * - holds: the program prints what the text claims;
 * - does-not-hold: it prints something else (a finding);
 * - does-not-parse: CPython cannot compile the block (a finding);
 * - cannot-check: the block is outside the importer's subset, or did not finish;
 * - no-claim: it ran, and the text claims nothing about its output.
 */
export type Verdict = 'holds' | 'does-not-hold' | 'does-not-parse' | 'cannot-check' | 'no-claim';
export const VERDICTS: readonly Verdict[] = ['does-not-hold', 'does-not-parse', 'cannot-check', 'holds', 'no-claim'];

export interface Position {
  line: number;
  col: number;
  cell?: number;
}

export interface BlockReport {
  verdict: Verdict;
  /** Where the block starts: `file:line:col` (`file:cell N:line:col` in a notebook). */
  location: string;
  at: Position;
  /** The program as it was checked: earlier definitions it uses, then the block. */
  source: string;
  /** Where the earlier definitions joined before the block come from. */
  borrowedFrom: string[];
  claim?: Claim & { location: string };
  /** What CPython printed (the lines compared with the claim), and how the run ended. */
  real?: string[];
  outcome?: string;
  firstDifference?: { line: number; claimed?: string; real?: string };
  /** For does-not-parse / cannot-check: the reason, with the document's `line:col`. */
  reason?: string;
  /** The printed order changes on a loaded machine (compare/timing.ts): a claim that holds only by timing luck. */
  timingSensitive?: boolean;
  /** Other oracles (`--versions`) that print something else. */
  versions?: { oracle: string; version: string; real: string[] }[];
  /** Why the real output is what it is, in words (from `explain`, when a caller provides it). */
  why?: string;
}

export interface DocCheckOptions {
  file: string;
  oracle: Oracle;
  /** Other oracles to run each program on, by name; a program whose output differs is flagged. */
  versions?: { name: string; oracle: Oracle }[];
  /**
   * The seam for `explain` (issue 12, point 1): given a program whose claim does not hold, a
   * sentence saying why CPython prints what it prints. Absent: no sentence.
   */
  explain?: (program: Program) => Promise<string>;
}

const RUN: RunOptions = { clock: 'realistic', budget: DEFAULT_BUDGET };
const TRACEBACK = 'Traceback (most recent call last):';
/**
 * The file name the importer and the oracle are given: not the document's. Given a path that
 * exists, CPython's SyntaxError reads its line text from that file (the Markdown, not the
 * program) and the worker's column comes out wrong; positions are moved to the document here.
 */
const PROGRAM_NAME = '<check-doc program>';

export async function checkPrograms(programs: readonly DocProgram[], options: DocCheckOptions): Promise<BlockReport[]> {
  const reports: BlockReport[] = [];
  for (const program of programs) reports.push(await checkProgram(program, options));
  return reports;
}

async function checkProgram(doc: DocProgram, options: DocCheckOptions): Promise<BlockReport> {
  const { file, oracle } = options;
  const first = doc.block.find((l) => l.text.trim() !== '') ?? doc.block[0];
  const at = position(first);
  const source = doc.lines.map((l) => l.text).join('\n') + '\n';
  const base: BlockReport = {
    verdict: 'no-claim',
    location: where(file, at),
    at,
    source,
    borrowedFrom: [...new Set(doc.lines.slice(0, doc.borrowed).map((l) => where(file, { line: l.line, col: 1, ...(l.cell === undefined ? {} : { cell: l.cell }) })))],
    ...(doc.claim ? { claim: { ...doc.claim, location: where(file, doc.claim.at) } } : {}),
  };
  if (doc.block.every((l) => l.text.trim() === '')) return { ...base, verdict: 'cannot-check', reason: 'the block is empty' };
  const magic = doc.block.find((l) => /^\s*[%!]/.test(l.text));
  if (magic) return { ...base, verdict: 'cannot-check', reason: `${where(file, magic)}: an IPython command (% or !), not Python that python3 runs` };

  let program: Program;
  try {
    program = await importPythonSource(source, PROGRAM_NAME, oracle);
  } catch (error) {
    return refused(base, error, doc.lines, file);
  }
  const result = await runOnOracle(oracle, program, RUN);
  if (isFailure(result)) {
    if (result.rejected) return refused(base, new Error(result.failure), doc.lines, file);
    return { ...base, verdict: 'cannot-check', reason: `the oracle could not run it: ${result.failure}` };
  }
  const real = realLines(result);
  const withRun: BlockReport = { ...base, real, outcome: describeOutcome(result.outcome) };
  if (result.outcome.kind === 'deadlock' || result.outcome.kind === 'budget') {
    return { ...withRun, verdict: 'cannot-check', reason: `the program did not finish: ${describeOutcome(result.outcome)}` };
  }
  const flags: Partial<BlockReport> = {};
  if (await isTimingSensitive(oracle, program, RUN, result)) flags.timingSensitive = true;
  const versions = await otherVersions(program, result, options);
  if (versions.length > 0) flags.versions = versions;
  if (!doc.claim) return { ...withRun, ...flags, verdict: 'no-claim' };
  const difference = firstDifference(doc.claim, result);
  if (!difference) return { ...withRun, ...flags, verdict: 'holds' };
  const why = options.explain ? await options.explain(program) : undefined;
  return { ...withRun, ...flags, verdict: 'does-not-hold', firstDifference: difference, ...(why ? { why } : {}) };
}

function position(line: SourceLine): Position {
  return line.cell === undefined ? { line: line.line, col: line.col } : { line: line.line, col: line.col, cell: line.cell };
}

/**
 * A refusal of the importer or the compiler, moved from the joined program's coordinates to
 * the document's: line L of the program is `lines[L-1]`, whose text starts at its column.
 */
function refused(base: BlockReport, error: unknown, lines: readonly SourceLine[], file: string): BlockReport {
  const message = error instanceof Error ? error.message : String(error);
  const match = /:(\d+):(\d+): (.*)$/s.exec(message);
  if (!match) return { ...base, verdict: 'cannot-check', reason: message };
  const [line, col, reason] = [Number(match[1]), Number(match[2]), match[3]];
  const sourceLine = lines[line - 1] ?? lines[0];
  const docAt = { ...position(sourceLine), col: sourceLine.col + Math.max(col, 1) - 1 };
  const located = `${where(file, docAt)}: ${reason}`;
  if (reason.startsWith('syntax error')) return { ...base, verdict: 'does-not-parse', reason: located };
  return { ...base, verdict: 'cannot-check', reason: located };
}

/** The printed lines, then, when the program raised, the traceback's first and last line (as python3 prints them). */
export function realLines(result: RunResult): string[] {
  const printed = outputLines(result.trace.map((entry) => entry.text).join(''));
  const o = result.outcome;
  return o.kind === 'exception' ? [...printed, TRACEBACK, o.message === '' ? o.type : `${o.type}: ${o.message}`] : printed;
}

/**
 * Where the claim and the run part, or undefined when the claim holds. Lines are compared
 * without trailing spaces; a prose claim's items without surrounding spaces; a claimed
 * traceback by its first and last line (the frames between are the interpreter's).
 */
export function firstDifference(claim: Claim, result: RunResult): BlockReport['firstDifference'] {
  const claimed = comparable(claim.lines, claim.source === 'prose');
  const real = comparable(realLines(result), claim.source === 'prose');
  for (let i = 0; i < Math.max(claimed.length, real.length); i++) {
    if (claimed[i] !== real[i]) return { line: i + 1, ...(claimed[i] === undefined ? {} : { claimed: claimed[i] }), ...(real[i] === undefined ? {} : { real: real[i] }) };
  }
  return undefined;
}

function comparable(lines: readonly string[], trim: boolean): string[] {
  const tb = lines.indexOf(TRACEBACK);
  const kept = tb >= 0 ? [...lines.slice(0, tb + 1), lines[lines.length - 1]] : [...lines];
  return kept.map((l) => (trim ? l.trim() : l.trimEnd()));
}

async function otherVersions(program: Program, result: RunResult, options: DocCheckOptions): Promise<NonNullable<BlockReport['versions']>> {
  const mine = realLines(result).join('\n');
  const differing: NonNullable<BlockReport['versions']> = [];
  for (const { name, oracle } of options.versions ?? []) {
    const other = await runOnOracle(oracle, program, RUN);
    if (isFailure(other)) continue;
    const lines = realLines(other);
    if (lines.join('\n') !== mine) differing.push({ oracle: name, version: oracle.info.version, real: lines });
  }
  return differing;
}
