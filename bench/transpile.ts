/**
 * What turning one generated program into a runnable port function costs, stage by stage:
 * emit (IR -> TypeScript, inference included), strip (the type stripper compileForPort uses),
 * compile (`new AsyncFunction`), and prettier (only reports pay it). Also the inference alone
 * and sucrase, the stripper used before, for comparison.
 *
 * Each stage runs over the same `n` fresh generated programs after a short warm-up, so JIT
 * warm-up is mostly paid before measuring (a 3,000-program `check` pays it once, too).
 *
 *   npx tsx bench/transpile.ts [n]
 */
import { pathToFileURL } from 'node:url';
import { transformSync } from 'oxc-transform';
import { transform as sucrase } from 'sucrase';
import { samplePrograms, withHeader } from '../generators/index.ts';
import type { Program } from '../ir/program.ts';
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

function perItem<T, R>(items: T[], f: (item: T) => R): { ms: number; results: R[] } {
  const started = performance.now();
  const results = items.map(f);
  return { ms: (performance.now() - started) / items.length, results };
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
  for (const ts of programs(warmUp, 0).map((p) => transpile(p))) new AsyncFunction('$rt', bodyOf(stripSucrase(strip(ts))));

  const sample = programs(n, warmUp);
  const infer = perItem(sample, (p) => new Inference(p));
  const emit = perItem(sample, (p) => transpile(p));
  const stripped = perItem(emit.results, strip);
  const sucraseStripped = perItem(emit.results, stripSucrase);
  const compile = perItem(stripped.results, (js) => new AsyncFunction('$rt', bodyOf(js)));
  const few = emit.results.slice(0, Math.min(n, 50)); // prettier is slow and only reports pay it
  const started = performance.now();
  for (const ts of few) await formatTypeScript(ts);
  const prettier = (performance.now() - started) / few.length;
  return {
    emit: emit.ms,
    '(inference, part of emit)': infer.ms,
    'strip (oxc-transform)': stripped.ms,
    '(strip with sucrase, before)': sucraseStripped.ms,
    compile: compile.ms,
    prettier,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = Number(process.argv[2] ?? 1000);
  for (const [stage, ms] of Object.entries(await benchTranspile(n))) console.log(`${stage.padEnd(32)} ${(ms * 1000).toFixed(0)} µs`);
}
