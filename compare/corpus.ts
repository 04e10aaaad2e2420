/**
 * The regression corpus: `test/corpus/*.py`, one behaviour per file, test262-style. Each file
 * starts with a front-matter block of comments that says what it pins and what CPython prints:
 *
 *   # ---
 *   # description: what the program shows
 *   # pins: the CPython function whose behaviour it pins
 *   # clock: realistic
 *   # outcome: ok
 *   # expected:
 *   #   ["shav\n", 0.0]
 *   # ---
 *
 * `expected` lines are JSON `[text, virtual time]` pairs, captured from the oracle. How a
 * runner must read the corpus is in test/corpus/README.md.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { makeDirectory } from '../reports/make-directory.ts';
import { join } from 'node:path';
import type { ClockModel, Outcome, RunResult } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { importPythonSource } from '../oracle/importer.ts';
import type { Oracle } from '../oracle/oracles.ts';
import type { CheckReport } from '../reports/model.ts';
import { runOnOracle, type Side } from './sides.ts';
import { compareRuns, textTimePairs } from './traces.ts';
import { isFailure } from './verdict.ts';

export interface CorpusEntry {
  file: string;
  description: string;
  pins: string;
  clock: ClockModel;
  outcome: Outcome;
  expected: Array<[string, number]>;
  source: string;
}

export const CORPUS_DIR = new URL('../test/corpus/', import.meta.url).pathname;

export function parseCorpusFile(file: string, source: string): CorpusEntry {
  const lines = source.split('\n');
  const start = lines.indexOf('# ---');
  const end = lines.indexOf('# ---', start + 1);
  if (start < 0 || end < 0) throw new Error(`${file}:1:1: no front matter (a block between two "# ---" lines)`);
  const fields = new Map<string, string>();
  const expected: Array<[string, number]> = [];
  let inExpected = false;
  for (let i = start + 1; i < end; i++) {
    const line = lines[i].replace(/^# ?/, '');
    const field = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (field) {
      fields.set(field[1], field[2]);
      inExpected = field[1] === 'expected';
    } else if (inExpected && line.trim()) {
      try {
        expected.push(JSON.parse(line.trim()) as [string, number]);
      } catch {
        throw new Error(`${file}:${i + 1}:1: an expected line must be a JSON ["text", time] pair, got ${line.trim()}`);
      }
    }
  }
  const clock = fields.get('clock') ?? 'realistic';
  if (clock !== 'realistic' && clock !== 'ideal') throw new Error(`${file}: clock must be realistic or ideal, got ${clock}`);
  return {
    file,
    description: fields.get('description') ?? '',
    pins: fields.get('pins') ?? '',
    clock,
    outcome: parseOutcome(fields.get('outcome') ?? 'ok'),
    expected,
    source,
  };
}

/** `ok`, `deadlock`, `budget iterations`, or `exception Type: message`. */
function parseOutcome(text: string): Outcome {
  if (text === 'ok' || text === 'deadlock') return { kind: text };
  const budget = /^budget (iterations|time|wallclock)$/.exec(text);
  if (budget) return { kind: 'budget', limit: budget[1] as 'iterations' | 'time' | 'wallclock' };
  const exception = /^exception (\w+): ?(.*)$/.exec(text);
  if (exception) return { kind: 'exception', type: exception[1], message: exception[2] };
  throw new Error(`unknown outcome "${text}"`);
}

export function formatOutcome(outcome: Outcome): string {
  if (outcome.kind === 'exception') return `exception ${outcome.type}: ${outcome.message}`;
  if (outcome.kind === 'budget') return `budget ${outcome.limit}`;
  return outcome.kind;
}

export function frontMatter(entry: Omit<CorpusEntry, 'file' | 'source'>): string {
  return [
    '# ---',
    `# description: ${entry.description}`,
    `# pins: ${entry.pins}`,
    `# clock: ${entry.clock}`,
    `# outcome: ${formatOutcome(entry.outcome)}`,
    '# expected:',
    ...entry.expected.map((pair) => `#   ${JSON.stringify(pair)}`),
    '# ---',
  ].join('\n');
}

export async function readCorpus(dir = CORPUS_DIR): Promise<CorpusEntry[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.py')).sort();
  return Promise.all(files.map(async (f) => parseCorpusFile(join(dir, f), await readFile(join(dir, f), 'utf8'))));
}

/** Saves each bucket's minimal program with its diagnosis; returns the files written. */
export async function saveToCorpus(report: CheckReport, dir = CORPUS_DIR): Promise<string[]> {
  await makeDirectory(dir);
  const written: string[] = [];
  for (const bucket of report.buckets) {
    const ex = bucket.example;
    const file = join(dir, `${report.target}-${bucket.name}-${ex.id}.py`);
    const head = frontMatter({
      description: `${bucket.title} (found by check --target ${report.target}): ${bucket.description}`,
      pins: `the order CPython ${report.python.version} prints; the ${report.target} side printed ${JSON.stringify(ex.actual.map(([t]) => t.trimEnd()))}`,
      clock: report.clock,
      outcome: ex.expectedOutcome,
      expected: ex.expected,
    });
    await writeFile(file, `${head}\n${ex.python.endsWith('\n') ? ex.python : `${ex.python}\n`}`);
    written.push(file);
  }
  return written;
}

/** What replaying one corpus file found: does CPython still print what the file pins, does the side agree? */
export interface CorpusReplay {
  entry: CorpusEntry;
  /** The oracle's run, as [text, time] pairs. */
  oracle: Array<[string, number]>;
  oracleOutcome: Outcome;
  oracleMatches: boolean;
  side: Array<[string, number]> | string;
  /** The side agrees with what the file pins. */
  sideMatches: boolean;
  /** The side agrees with what CPython printed just now (what --update pins). */
  sideMatchesOracle: boolean;
}

export async function replayCorpusEntry(entry: CorpusEntry, oracle: Oracle, side: Side): Promise<CorpusReplay> {
  const program = await importPythonSource(entry.source, entry.file, oracle);
  const options = { clock: entry.clock, budget: DEFAULT_BUDGET };
  const [cpython, other] = await Promise.all([runOnOracle(oracle, program, options), side.run(program, options)]);
  if (isFailure(cpython)) throw new Error(`${entry.file}: CPython could not run it: ${cpython.failure}`);
  const pinned: RunResult = { ...cpython, outcome: entry.outcome, trace: entry.expected.map(([text, time]) => ({ text, time, task: null, iteration: 0 })) };
  return {
    entry,
    oracle: textTimePairs(cpython.trace),
    oracleOutcome: cpython.outcome,
    oracleMatches: compareRuns(pinned, cpython).same,
    side: isFailure(other) ? other.failure : textTimePairs(other.trace),
    sideMatches: !isFailure(other) && compareRuns(pinned, other, { times: side.comparesTime }).same,
    sideMatchesOracle: !isFailure(other) && compareRuns(cpython, other, { times: side.comparesTime }).same,
  };
}

/** Rewrites a corpus file's `outcome` and `expected` with what the oracle printed. */
export async function updateExpected(replay: CorpusReplay): Promise<void> {
  const { entry } = replay;
  const lines = entry.source.split('\n');
  const end = lines.indexOf('# ---', lines.indexOf('# ---') + 1);
  const head = frontMatter({ ...entry, outcome: replay.oracleOutcome, expected: replay.oracle });
  await writeFile(entry.file, `${head}\n${lines.slice(end + 1).join('\n')}`);
}
