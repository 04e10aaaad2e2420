/**
 * The research run behind the README's "Pyodide's WebLoop against CPython 3.14" table:
 * generated programs on the cpython-3.14 oracle and on this target, judged as `check` judges
 * them (order and text), each difference classified. `check` files some WebLoop causes under
 * the general rules that come before the WebLoop's (they were written for JS ports: a leftover
 * task's line reads as "a coroutine that was never awaited ran", a tie of two 1.5 ms sleeps as
 * "eager start"); here the WebLoop's rules are asked first (then the general timer rules), so
 * each difference is counted under its WebLoop cause. Prints the counts per bucket and, per
 * bucket, the smallest program's replay path; `--shrink` shrinks that one with `check`.
 *
 *   [WEBLOOP_CONSTRAINTS=json] npx tsx targets/pyodide-webloop/research.ts RUNS SEED CLOCK [--shrink]
 */
import { BUCKET_RULES, classify } from '../../compare/buckets.ts';
import { PYODIDE_BUCKET_RULES } from '../../compare/buckets-pyodide.ts';
import { judge } from '../../compare/verdict.ts';
import { printPython } from '../../ir/python.ts';
import { check, generate, startOracle } from '../../lib/index.ts';
import adapter from './adapter.ts';

const runs = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);
const clock = (process.argv[4] ?? 'ideal') as 'ideal' | 'realistic';
const shrink = process.argv.includes('--shrink');
const constraints = process.env.WEBLOOP_CONSTRAINTS ? JSON.parse(process.env.WEBLOOP_CONSTRAINTS) : undefined;
const budget = { maxIterations: 100_000, maxTime: 100_000 };

/** The research order: side-crash, the WebLoop's rules, the general timer rules, the rest. */
const order = ['side-crash', ...PYODIDE_BUCKET_RULES.map((r) => r.name), 'timer-tie-order', 'float-deadline'];
const production = [...BUCKET_RULES];
BUCKET_RULES.sort((a, b) => rank(a.name) - rank(b.name));
function rank(name: string): number {
  const i = order.indexOf(name);
  return i >= 0 ? i : order.length + production.findIndex((r) => r.name === name);
}

const oracle = await startOracle({ oracle: 'cpython-3.14', workers: 1 });
const verdicts = new Map<string, number>();
const buckets = new Map<string, { count: number; path: string; size: number; production: Map<string, number> }>();
const started = Date.now();
let done = 0;
for (const { path, program } of generate({ count: runs, seed, constraints }).programs) {
  if (++done % 200 === 0) summary(`after ${done}`); // a long run that is stopped still says something
  const options = { clock, budget };
  const [expected, actual] = await Promise.all([oracle.run(printPython(program), options), adapter.run(program, options)]);
  const { verdict } = judge(expected, actual, { times: false });
  verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
  if (verdict !== 'differs' || 'failure' in expected || 'failure' in actual) continue;
  const name = classify(program, expected, actual);
  const size = printPython(program).length;
  const bucket = buckets.get(name) ?? { count: 0, path, size, production: new Map() };
  bucket.count++;
  if (size < bucket.size) Object.assign(bucket, { path, size });
  // Which bucket `check` itself (the production order) files it under.
  const saved = [...BUCKET_RULES];
  BUCKET_RULES.splice(0, BUCKET_RULES.length, ...production);
  const filed = classify(program, expected, actual);
  BUCKET_RULES.splice(0, BUCKET_RULES.length, ...saved);
  bucket.production.set(filed, (bucket.production.get(filed) ?? 0) + 1);
  buckets.set(name, bucket);
}
summary(`all ${runs}`);
function summary(when: string): void {
  console.log(`## clock ${clock}, seed ${seed}, ${when} programs, ${Math.round((Date.now() - started) / 1000)} s, constraints ${JSON.stringify(constraints ?? {})}`);
  console.log(JSON.stringify(Object.fromEntries(verdicts)));
  for (const [name, b] of [...buckets].sort((x, y) => y[1].count - x[1].count)) {
    console.log(`${name}: ${b.count} (check files them as ${JSON.stringify(Object.fromEntries(b.production))}); smallest: --seed ${seed} --path ${b.path}`);
  }
}
if (shrink) {
  BUCKET_RULES.splice(0, BUCKET_RULES.length, ...production);
  for (const [name, b] of buckets) {
    const report = await check({ target: adapter, oracle, seed, path: b.path, clock, constraints, runs: 1 });
    const ex = report.buckets[0]?.example;
    if (!ex) continue;
    console.log(`### ${name} (check: ${report.buckets[0].name})\n${ex.python}`);
    console.log('cpython ', JSON.stringify(ex.expected.map(([text]) => text)), JSON.stringify(ex.expectedOutcome));
    console.log('webloop ', JSON.stringify(ex.actual.map(([text]) => text)), JSON.stringify(ex.actualOutcome));
  }
}
await oracle.close();
