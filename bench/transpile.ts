/**
 * What turning one generated program into a runnable port function costs, stage by stage:
 * emit (IR -> TypeScript as compileForPort emits it, source-line markers and inference
 * included), strip (the type stripper compileForPort uses), compile (`new AsyncFunction`),
 * and prettier (only reports pay it). Also the inference alone and sucrase, the stripper
 * used before, for comparison. Then the port side as check runs it (executeOnPort: emit,
 * strip, compile, run; the code is new, so V8 compiles each function when first called and
 * its inline caches start cold), and the same programs run again (the "run only" figure).
 * The stages run one after another over all programs, their code and data warm in the CPU's
 * caches; executeOnPort runs them in turn for each program, as check does, so it costs more
 * than their sum.
 *
 * Each stage runs over the same `n` fresh generated programs after a short warm-up, so JIT
 * warm-up is mostly paid before measuring (a 3,000-program `check` pays it once, too).
 * Figures are CPU time of this process (the machine is shared: wall time would count others).
 *
 *   npx tsx bench/transpile.ts [n]
 */
import { pathToFileURL } from 'node:url';
import { transformSync } from 'oxc-transform';
import { transform as sucrase } from 'sucrase';
import { samplePrograms, withHeader } from '../generators/index.ts';
import type { Program } from '../ir/program.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { DEFAULT_IMPORTS, emitProgram } from '../transpile/emit.ts';
import { executeOnPort } from '../transpile/execute.ts';
import { Inference } from '../transpile/infer.ts';
import { formatTypeScript, transpile } from '../transpile/index.ts';
import { linkModuleDone } from '../transpile/link.ts';

const SEED = 20261126;
const WARM_UP = 200;

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => unknown;

/** Milliseconds per program for each stage. */
export type TranspileBench = Record<string, number>;

function programs(count: number, offset: number): Program[] {
  return samplePrograms({ seed: SEED, count, offset }).map((p, k) => withHeader(p, { seed: SEED, path: String(offset + k) }));
}

/** CPU milliseconds since `started` (a process.cpuUsage()), per item. */
const cpuMs = (started: NodeJS.CpuUsage, items: number): number => {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1000 / items;
};

function perItem<T, R>(items: T[], f: (item: T) => R): { ms: number; results: R[] } {
  const started = process.cpuUsage();
  const results = items.map(f);
  return { ms: cpuMs(started, items.length), results };
}

/** CPU ms per program of running each on the port, one after the other (executeOnPort compiles a program on its first run). */
async function perRun(sample: Program[]): Promise<number> {
  const started = process.cpuUsage();
  for (const p of sample) await executeOnPort(p, { clock: 'realistic', budget: DEFAULT_BUDGET });
  return cpuMs(started, sample.length);
}

const strip = (ts: string): string => transformSync('program.ts', ts, { lang: 'ts', sourceType: 'module', sourcemap: false }).code;
const stripSucrase = (ts: string): string => sucrase(ts, { transforms: ['typescript'], disableESTransforms: true }).code;
/**
 * The module as the body compileForPort compiles: imports are not valid in a function body
 * (compileForPort turns them into reads, here they just go), and the module's `export default`
 * (the promise of its statements) becomes the body's `return`, as linkModuleDone makes it.
 */
const bodyOf = (js: string): string => `'use strict';\n${linkModuleDone(js.replace(/^import .*$/gm, ''))}`;

export async function benchTranspile(n: number, warmUp = WARM_UP): Promise<TranspileBench> {
  // Warm-up: every stage once over other programs.
  const warm = programs(warmUp, 0);
  for (const ts of warm.map((p) => transpile(p))) new AsyncFunction('$rt', bodyOf(stripSucrase(strip(ts))));
  await perRun(warm);

  const sample = programs(n, warmUp);
  const infer = perItem(sample, (p) => new Inference(p));
  // What compileForPort emits: the module with each statement's source line as a comment.
  const emit = perItem(sample, (p) => emitProgram(p, DEFAULT_IMPORTS, undefined, true));
  const stripped = perItem(emit.results, strip);
  const sucraseStripped = perItem(emit.results, stripSucrase);
  const compile = perItem(stripped.results, (js) => new AsyncFunction('$rt', bodyOf(js)));
  // The whole port side per program, then the run alone: the difference beyond emit, strip and compile is V8
  // compiling each function of the new code when first called and its inline caches starting cold.
  const compileAndFirstRun = await perRun(sample);
  const runAgain = await perRun(sample);
  const few = emit.results.slice(0, Math.min(n, 50)); // prettier is slow and only reports pay it
  const started = process.cpuUsage();
  for (const ts of few) await formatTypeScript(ts);
  const prettier = cpuMs(started, few.length);
  return {
    emit: emit.ms,
    '(inference, part of emit)': infer.ms,
    'strip (oxc-transform)': stripped.ms,
    '(strip with sucrase, before)': sucraseStripped.ms,
    compile: compile.ms,
    'executeOnPort, first run (all of the above + run)': compileAndFirstRun,
    'executeOnPort, run again (compiled, code warm)': runAgain,
    prettier,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 1000);
  for (const [stage, ms] of Object.entries(await benchTranspile(n))) console.log(`${stage.padEnd(32)} ${(ms * 1000).toFixed(0)} µs`);
}
