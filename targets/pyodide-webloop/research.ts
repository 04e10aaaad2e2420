/**
 * The research run behind the README's "Pyodide's WebLoop against CPython 3.14" table:
 * `check` with this target against the cpython-3.14 oracle, on each clock model, and the
 * buckets with their counts and minimal programs.
 *
 *   [WEBLOOP_CONSTRAINTS=json] npx tsx targets/pyodide-webloop/research.ts [runs] [seed] [ideal|realistic]... [--no-shrink]
 */
import { check } from '../../lib/index.ts';
import adapter from './adapter.ts';

const runs = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? 1);
const clocks = (process.argv.length > 4 ? process.argv.slice(4).filter((a) => a !== '--no-shrink') : ['ideal', 'realistic']) as Array<'ideal' | 'realistic'>;
const shrink = !process.argv.includes('--no-shrink');
/** Generator constraints as JSON (e.g. delays Pyodide rounds: `{"delays":[0,0.001,0.0015]}`). */
const constraints = process.env.WEBLOOP_CONSTRAINTS ? JSON.parse(process.env.WEBLOOP_CONSTRAINTS) : undefined;

for (const clock of clocks) {
  const started = Date.now();
  const report = await check({ target: adapter, oracle: 'cpython-3.14', workers: 1, runs, seed, clock, shrink, constraints });
  console.log(`## clock ${clock}: seed ${seed}, ${runs} programs, ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(JSON.stringify(report.outcomes));
  for (const bucket of report.buckets) {
    console.log(`### ${bucket.name} (${bucket.count}): ${bucket.title}`);
    const ex = bucket.example;
    console.log(ex.python);
    console.log('expected', JSON.stringify(ex.expectedTrace.map((e) => [e.text, e.time, e.task])), JSON.stringify(ex.expectedOutcome));
    console.log('actual  ', JSON.stringify(ex.actualTrace.map((e) => [e.text, e.time, e.task])), JSON.stringify(ex.actualOutcome));
  }
}
