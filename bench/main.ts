/**
 * `npm run bench`: the speed goals, as ratios measured side by side in one run (never in a
 * timed test: machines are shared and noisy, ratios of the same run much less so).
 *
 * 1. The oracle: persistent workers against spawning python3 per program (goal >= 100x,
 *    >= 5,000 programs/s per worker).
 * 2. The port against CPython on the same generated programs: time per program (goal < 1.0).
 * 3. `check` end to end against the oracle alone on the same programs (goal >= 80 %,
 *    >= 2,000 programs/s).
 */
import os from 'node:os';
import { runCheck } from '../compare/check.ts';
import { portSide, runOnOracle } from '../compare/sides.ts';
import { samplePrograms } from '../generators/index.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { Oracle } from '../oracle/pool.ts';
import { benchOracle } from './oracle.ts';
import { benchPortHandles } from './port.ts';
import { benchTranspile } from './transpile.ts';

const SEED = 20261125;
const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
const perSec = (n: number) => `${Math.round(n).toLocaleString('en-US')} programs/s`;
const micros = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

async function portAgainstCPython(count: number) {
  const programs = samplePrograms({ seed: SEED, count });
  const sources = programs.map((p) => printPython(p));
  const oracle = await Oracle.start({ workers: 1 });
  try {
    await Promise.all(sources.slice(0, 100).map((s) => oracle.run(s, options))); // warm up
    let started = performance.now();
    await Promise.all(programs.map((p, i) => runOnOracle(oracle, p, options, sources[i])));
    const cpython = (performance.now() - started) / count;
    for (const p of programs.slice(0, 100)) await portSide.run(p, options); // warm up
    started = performance.now();
    for (const p of programs) await portSide.run(p, options);
    const port = (performance.now() - started) / count;
    // The same programs again: executeOnPort keeps each program compiled, so this is the run alone.
    started = performance.now();
    for (const p of programs) await portSide.run(p, options);
    const portRunOnly = (performance.now() - started) / count;
    return { cpython, port, portRunOnly };
  } finally {
    await oracle.close();
  }
}

async function checkAgainstOracle(count: number, workers?: number) {
  const oracle = await Oracle.start({ workers });
  try {
    const programs = samplePrograms({ seed: SEED + 1, count });
    const sources = programs.map((p) => printPython(p));
    await Promise.all(sources.slice(0, 200).map((s) => oracle.run(s, options)));
    const started = performance.now();
    await Promise.all(sources.map((s) => oracle.run(s, options)));
    const oracleAlone = count / ((performance.now() - started) / 1000);
    const report = await runCheck({ runs: count, seed: SEED + 1, clock: 'realistic', side: portSide, oracle });
    return { oracleAlone, check: report.programsPerSecond, differences: report.differences, workers: oracle.size };
  } finally {
    await oracle.close();
  }
}

console.log(`asyncio-conformance bench — ${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(2)}, node ${process.version}`);

const o = await benchOracle();
console.log('\n1. The oracle (CPython, stock asyncio, virtual clock)');
line('persistent pool, all workers', perSec(o.persistentPerSec));
line('persistent pool, 1 worker', perSec(o.perWorkerPerSec));
line('  per CPU-second of that worker', perSec(o.perWorkerCpuPerSec));
line('spawning python3 per program', perSec(o.spawnPerSec));
line('ratio pool / spawn (goal >= 100)', `${o.ratio.toFixed(0)}x`);

const p = await portAgainstCPython(2000);
console.log('\n2. The port against CPython, same 2,000 generated programs');
line('CPython per program (1 worker, with IPC)', micros(p.cpython));
line('port per program (transpiled, run, traced)', micros(p.port));
line('ratio port / CPython (goal < 1.0)', (p.port / p.cpython).toFixed(2));
line('port per program, run only (already compiled)', micros(p.portRunOnly));
line('ratio port run only / CPython', (p.portRunOnly / p.cpython).toFixed(2));
const h = await benchPortHandles();
line(`  per loop handle (${h.handles} handles)`, `${h.perHandleMicros.toFixed(2)} µs (a bare setImmediate: ${h.setImmediateMicros.toFixed(2)} µs)`);
const t = await benchTranspile(500);
for (const [stage, ms] of Object.entries(t)) line(`  transpile stage: ${stage}`, micros(ms));

const c = await checkAgainstOracle(3000);
console.log('\n3. check end to end against the oracle alone, same 3,000 programs');
line(`oracle alone, all ${c.workers} workers`, perSec(c.oracleAlone));
line('check (oracle + port + compare)', perSec(c.check));
line('ratio check / oracle (goal >= 0.80)', (c.check / c.oracleAlone).toFixed(2));
line('differences found', String(c.differences));
// The port runs on the main thread, a full-time worker of its own: on a small machine one
// oracle worker fewer leaves it a core (check is bound by the main thread, not by CPython).
const fewer = Math.max(1, os.availableParallelism() - 1);
if (fewer !== c.workers) {
  const c1 = await checkAgainstOracle(3000, fewer);
  line(`check with ${fewer} oracle worker(s)`, `${perSec(c1.check)} (oracle alone ${perSec(c1.oracleAlone)}, differences ${c1.differences})`);
}
