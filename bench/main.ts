/**
 * `npm run bench`: the speed goals of issue 10, as figures measured side by side in one run
 * (never in a timed test: machines are shared and noisy, ratios of the same run much less so),
 * closing with a table of every goal: figure, measured, goal, met?
 *
 * 1. Startup: the CLI against `node -e 0` and `python3 FILE.py` (goals: --help <= 0.3 s,
 *    run --target cpython|port <= 0.8 s).
 * 2. The oracle: persistent workers against spawning python3 per program (goal >= 100x,
 *    >= 5,000 programs/s per worker).
 * 3. The port against CPython on the same generated programs: time per program (goal < 1.0).
 * 4. `check` end to end against the oracle alone on the same programs (goals >= 0.80,
 *    >= 4,000 programs/s), and on 1 core against all cores (grows with cores).
 * 5. Memory: peak RSS of `check` at 10,000 and 100,000 programs (flat); 1,000,000 with --million.
 * 6. Reports at scale: a run with 1,000 differences writes its report in < 5 s; the page opens
 *    in Chromium in < 1 s.
 * 7. The embedded CPython builds (Pyodide) against the system CPython (bench/embedded.ts).
 *
 *   npm run bench                 # the figures (several minutes)
 *   npm run bench -- --million    # also check --runs 1000000 (about ten minutes more)
 *   npm run bench -- --tiny       # every figure with tiny counts: proves the bench runs (test/bench)
 *   npm run bench -- --sections 1-4   # only those sections (1,3 also works)
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { runCheck } from '../compare/check.ts';
import { portSide, runOnOracle } from '../compare/sides.ts';
import { samplePrograms } from '../generators/index.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { Oracle } from '../oracle/pool.ts';
import { embeddedSection } from './embedded.ts';
import { goalTable, type Goal } from './goals.ts';
import { checkMemory, type MemoryFigure } from './memory.ts';
import { benchOracle } from './oracle.ts';
import { benchPortHandles } from './port.ts';
import { benchReportScale } from './report-scale.ts';
import { benchScaling } from './scaling.ts';
import { benchStartup } from './startup.ts';
import { benchTranspile } from './transpile.ts';

const { values: flags } = parseArgs({
  options: { tiny: { type: 'boolean', default: false }, million: { type: 'boolean', default: false }, sections: { type: 'string', default: '1-7' } },
});
/** `--sections 1-4` or `--sections 1,3`: the sections to run (default all); the goal table has their goals only. */
const chosen = new Set(
  flags.sections.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 1 || to > 7 || from > to) throw new Error(`--sections: expected numbers 1-7 like 1-4 or 1,3, got "${flags.sections}"`);
    return Array.from({ length: to - from + 1 }, (_, k) => from + k);
  }),
);
const section = (number: number): boolean => chosen.has(number);
/** Full counts, or tiny ones that only prove every stage still runs. */
const n = (full: number, tiny: number): number => (flags.tiny ? tiny : full);

const SEED = 20261125;
const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
const line = (label: string, value: string) => console.log(`${label.padEnd(44)} ${value}`);
const count = (x: number) => Math.round(x).toLocaleString('en-US');
const perSec = (x: number) => `${count(x)} programs/s`;
const micros = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const goals: Goal[] = [];

async function portAgainstCPython(count: number) {
  const programs = samplePrograms({ seed: SEED, count });
  const sources = programs.map((p) => printPython(p));
  const warm = Math.min(100, count);
  const oracle = await Oracle.start({ workers: 1 });
  try {
    await Promise.all(sources.slice(0, warm).map((s) => oracle.run(s, options))); // warm up
    let started = performance.now();
    await Promise.all(programs.map((p) => runOnOracle(oracle, p, options)));
    const cpython = (performance.now() - started) / count;
    for (const p of programs.slice(0, warm)) await portSide.run(p, options); // warm up
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

/** `sideThreads`: runCheck's (undefined: its default, threads on the cores the oracle leaves free). */
async function checkAgainstOracle(count: number, workers?: number, sideThreads?: number) {
  const oracle = await Oracle.start({ workers });
  try {
    const programs = samplePrograms({ seed: SEED + 1, count });
    const sources = programs.map((p) => printPython(p));
    await Promise.all(sources.slice(0, Math.min(200, count)).map((s) => oracle.run(s, options)));
    const started = performance.now();
    await Promise.all(sources.map((s) => oracle.run(s, options)));
    const oracleAlone = count / ((performance.now() - started) / 1000);
    const report = await runCheck({ runs: count, seed: SEED + 1, clock: 'realistic', side: portSide, oracle, sideThreads });
    return { oracleAlone, check: report.programsPerSecond, differences: report.differences, workers: oracle.size };
  } finally {
    await oracle.close();
  }
}

console.log(
  `asyncio-conformance bench${flags.tiny ? ' (--tiny: tiny counts, figures not meaningful)' : ''} — ` +
    `${os.availableParallelism()} cores, load ${os.loadavg()[0].toFixed(2)}, node ${process.version}`,
);

if (section(1)) {
  const startup = benchStartup(n(5, 1));
  console.log('\n1. Startup, each a fresh process, median of the rounds (side by side; CPU: user + system, children included)');
  for (const [label, { wall, cpu }] of Object.entries(startup)) line(label, `${wall.toFixed(3)} s${cpu === undefined ? '' : `   CPU ${cpu.toFixed(3)} s`}`);
  const s = Object.fromEntries(Object.entries(startup).map(([label, { wall }]) => [label, wall]));
  const vsNode = (seconds: number) => `${seconds.toFixed(2)} s (${(seconds / s['node -e 0']).toFixed(1)}× node -e 0)`;
  goals.push({ figure: 'startup: --help', measured: vsNode(s['asyncio-conformance --help']), goal: '<= 0.3 s', met: s['asyncio-conformance --help'] <= 0.3 });
  for (const target of ['cpython', 'port'] as const) {
    const seconds = s[`run FILE.py --target ${target}`];
    goals.push({
      figure: `startup: run FILE.py --target ${target}`,
      measured: `${seconds.toFixed(2)} s (python3 FILE.py ${s['python3 FILE.py'].toFixed(2)} s)`,
      goal: '<= 0.8 s',
      met: seconds <= 0.8,
    });
  }

}
if (section(2)) {
  const o = await benchOracle({ programs: n(4000, 40), spawned: n(60, 4) });
  console.log('\n2. The oracle (CPython, stock asyncio, virtual clock)');
  line('persistent pool, all workers', perSec(o.persistentPerSec));
  line('persistent pool, 1 worker', perSec(o.perWorkerPerSec));
  line('  per CPU-second of that worker', perSec(o.perWorkerCpuPerSec));
  line('persistent pool, 1 worker, generated programs', `${perSec(o.generatedPerWorkerPerSec)} (per CPU-second ${perSec(o.generatedPerWorkerCpuPerSec)})`);
  line('spawning python3 per program', perSec(o.spawnPerSec));
  line('ratio pool / spawn (goal >= 100)', `${o.ratio.toFixed(0)}x`);
  goals.push({ figure: 'oracle: pool / spawn per program', measured: `${o.ratio.toFixed(0)}×`, goal: '>= 100×', met: o.ratio >= 100 });
  goals.push({
    figure: 'oracle: one worker',
    measured: `${perSec(o.perWorkerPerSec)} (generated, what check sends: ${perSec(o.generatedPerWorkerPerSec)})`,
    goal: '>= 5,000 programs/s',
    met: o.perWorkerPerSec >= 5000,
  });

}
if (section(3)) {
  const portCount = n(2000, 20);
  const p = await portAgainstCPython(portCount);
  console.log(`\n3. The port against CPython, same ${count(portCount)} generated programs`);
  line('CPython per program (1 worker, with IPC)', micros(p.cpython));
  line('port per program (transpiled, run, traced)', micros(p.port));
  line('ratio port / CPython (goal < 1.0)', (p.port / p.cpython).toFixed(2));
  line('port per program, run only (already compiled)', micros(p.portRunOnly));
  line('ratio port run only / CPython', (p.portRunOnly / p.cpython).toFixed(2));
  goals.push({ figure: 'port / CPython, per program', measured: `${(p.port / p.cpython).toFixed(2)} (${micros(p.port)} vs ${micros(p.cpython)})`, goal: '< 1.0', met: p.port / p.cpython < 1 });
  const h = await benchPortHandles();
  line(`  per loop handle (${h.handles} handles)`, `${h.perHandleMicros.toFixed(2)} µs (a bare setImmediate: ${h.setImmediateMicros.toFixed(2)} µs)`);
  const t = await benchTranspile(n(500, 10), n(200, 5));
  for (const [stage, ms] of Object.entries(t)) line(`  transpile stage: ${stage}`, micros(ms));

}
if (section(4)) {
  const checkCount = n(3000, 30);
  const c = await checkAgainstOracle(checkCount);
  console.log(`\n4. check end to end against the oracle alone, same ${count(checkCount)} programs`);
  line(`oracle alone, all ${c.workers} workers`, perSec(c.oracleAlone));
  line('check (oracle + port + compare)', perSec(c.check));
  line('ratio check / oracle (goal >= 0.80)', (c.check / c.oracleAlone).toFixed(2));
  line('differences found', String(c.differences));
  // The CLI's default: one oracle worker fewer than cores, leaving the port's side a core.
  const fewer = Math.max(1, os.availableParallelism() - 1);
  let best = c.check;
  if (fewer !== c.workers) {
    const c1 = await checkAgainstOracle(checkCount, fewer);
    best = Math.max(best, c1.check);
    line(`check with ${fewer} oracle worker(s)`, `${perSec(c1.check)} (oracle alone ${perSec(c1.oracleAlone)}, differences ${c1.differences})`);
    // The port on a worker thread (compare/port-pool.ts) against the port on the main thread, same run.
    const [c0, cT] = [await checkAgainstOracle(checkCount, fewer, 0), await checkAgainstOracle(checkCount, fewer, 1)];
    line(`  the same, port on the main thread`, perSec(c0.check));
    line(`  the same, port on 1 worker thread`, `${perSec(cT.check)} (${(cT.check / c0.check).toFixed(2)}× the main thread)`);
  }
  goals.push({ figure: 'check / oracle alone', measured: (c.check / c.oracleAlone).toFixed(2), goal: '>= 0.80', met: c.check / c.oracleAlone >= 0.8 });
  goals.push({ figure: 'check end to end', measured: perSec(best), goal: '>= 4,000 programs/s', met: best >= 4000 });
  const sc = await benchScaling(n(3000, 30));
  if (sc.oneCore !== undefined && sc.allCores !== undefined) {
    line('check (the CLI) pinned to 1 core', perSec(sc.oneCore));
    line(`check (the CLI) on all ${sc.cores} cores`, `${perSec(sc.allCores)} (${(sc.allCores / sc.oneCore).toFixed(2)}× one core)`);
    const scaling = sc.allCores / sc.oneCore;
    goals.push({ figure: 'check: all cores / 1 core', measured: `${scaling.toFixed(2)}× (${sc.cores} cores)`, goal: '> 1 (grows with cores)', met: scaling > 1 });
  } else {
    line('check on 1 core against all cores', 'not measured (no taskset)');
    goals.push({ figure: 'check: all cores / 1 core', measured: 'no taskset', goal: '> 1 (grows with cores)', met: undefined });
  }

}
if (section(5)) {
  console.log('\n5. Memory: peak RSS of the check process (the bin; CPython workers not counted)');
  const memory: MemoryFigure[] = [];
  for (const runs of [n(10_000, 100), n(100_000, 1000), ...(flags.million ? [1_000_000] : [])]) {
    const m = await checkMemory(runs);
    memory.push(m);
    line(`check --runs ${count(runs)}`, `${mib(m.peakRss)} peak, ${mib(m.lastRss)} at the end (${perSec(m.programsPerSecond)} with start-up)`);
  }
  const growth = memory.at(-1)!.peakRss / memory[0].peakRss;
  goals.push({
    figure: `check memory: ${count(memory.at(-1)!.runs)} / ${count(memory[0].runs)} programs`,
    measured: `${growth.toFixed(2)}× (${memory.map((m) => mib(m.peakRss)).join(' → ')})`,
    goal: 'flat (<= 1.25×)',
    met: growth <= 1.25,
  });

}
if (section(6)) {
  const wanted = n(1000, 10);
  const r = await benchReportScale(wanted);
  console.log(`\n6. Reports at scale: a native-profile run with ${count(r.differences)} differences in ${count(r.runs)} programs`);
  line('JSON + JUnit + HTML written', `${r.writeSeconds.toFixed(2)} s (page ${(r.pageBytes / 1024).toFixed(0)} KiB)`);
  line('page opened in headless Chromium (load)', r.openSeconds === undefined ? 'not measured (no /usr/bin/chromium)' : `${r.openSeconds.toFixed(2)} s`);
  goals.push({ figure: `report: ${count(r.differences)} differences written`, measured: `${r.writeSeconds.toFixed(2)} s`, goal: '< 5 s', met: r.writeSeconds < 5 });
  goals.push({
    figure: 'report: page opens in chromium',
    measured: r.openSeconds === undefined ? 'no chromium' : `${r.openSeconds.toFixed(2)} s`,
    goal: '< 1 s',
    met: r.openSeconds === undefined ? undefined : r.openSeconds < 1,
  });

}
if (section(7)) {
  goals.push(...(await embeddedSection(n(1000, 20), line, flags.tiny)));
}

console.log(`\nGoals (issues 10 and 11), this run${flags.tiny ? ' (--tiny: not meaningful)' : ''}:`);
console.log(goalTable(goals));
