/**
 * The embedded CPython builds (Pyodide, one worker thread each) against the system CPython
 * (one worker process), on the same generated programs, pipelined the same way, measured side
 * by side in one run: programs/s of one worker, and the ratio (goal: an embedded worker within
 * 3× of native CPython per program). The load of each build (once per oracle) is shown apart.
 */
import { samplePrograms } from '../generators/index.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';
import { DEFAULT_EMBEDDED, EMBEDDED_BUILDS, type EmbeddedBuild } from '../oracle/embedded/builds.ts';
import { startOracle, type Oracle } from '../oracle/oracles.ts';
import type { Goal } from './goals.ts';

const SEED = 20261203;
const OPTIONS = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };

export interface EmbeddedFigure {
  oracle: string;
  version: string;
  /** Start-up of the oracle (for a build: loading Pyodide in a fresh thread). */
  startMs: number;
  programsPerSecond: number;
}

/** One worker of the named oracle: warm it up, then run every source, all sent at once. */
async function measure(name: string, sources: string[], warm: number): Promise<EmbeddedFigure> {
  const started = performance.now();
  const oracle: Oracle = await startOracle({ oracle: name, workers: 1 });
  const startMs = performance.now() - started;
  try {
    await Promise.all(sources.slice(0, warm).map((s) => oracle.run(s, OPTIONS)));
    const t0 = performance.now();
    await Promise.all(sources.map((s) => oracle.run(s, OPTIONS)));
    return { oracle: name, version: oracle.info.version, startMs, programsPerSecond: sources.length / ((performance.now() - t0) / 1000) };
  } finally {
    await oracle.close();
  }
}

export async function benchEmbedded(programs: number, builds: readonly EmbeddedBuild[] = EMBEDDED_BUILDS): Promise<{ system: EmbeddedFigure; embedded: EmbeddedFigure[] }> {
  const sources = samplePrograms({ seed: SEED, count: programs }).map((p) => printPython(p));
  const warm = Math.min(300, programs); // WebAssembly tiers up as it runs: measure the steady state
  const system = await measure('system', sources, warm);
  const embedded: EmbeddedFigure[] = [];
  for (const build of builds) embedded.push(await measure(build.name, sources, warm));
  return { system, embedded };
}

/**
 * Prints the section (bench/main.ts's `line` format) and returns its goals. `tiny`: the default
 * build only (each build loads for seconds; the bench's smoke test only proves it runs).
 */
export async function embeddedSection(programs: number, line: (label: string, value: string) => void, tiny = false): Promise<Goal[]> {
  const { system, embedded } = await benchEmbedded(programs, tiny ? [DEFAULT_EMBEDDED] : EMBEDDED_BUILDS);
  const perSec = (x: number) => `${Math.round(x).toLocaleString('en-US')} programs/s`;
  console.log(`\n7. Embedded CPython (Pyodide, 1 worker thread) against the system CPython (1 worker process), same ${programs} programs`);
  line(`system CPython ${system.version}`, `${perSec(system.programsPerSecond)} (start ${(system.startMs / 1000).toFixed(2)} s)`);
  const goals: Goal[] = [];
  for (const e of embedded) {
    const ratio = system.programsPerSecond / e.programsPerSecond;
    line(`${e.oracle} (CPython ${e.version})`, `${perSec(e.programsPerSecond)}, ${ratio.toFixed(2)}× slower (load ${(e.startMs / 1000).toFixed(2)} s)`);
    goals.push({ figure: `embedded ${e.oracle} / system, per program`, measured: `${ratio.toFixed(2)}×`, goal: '<= 3×', met: ratio <= 3 });
  }
  return goals;
}

// `npx tsx bench/embedded.ts [programs]`: this section alone.
if (import.meta.url === `file://${process.argv[1]}` && process.argv[2] === '--pairs') {
  const programs = Number(process.argv[3] ?? 1000);
  const names = ['pypy', 'system', ...EMBEDDED_BUILDS.map((b) => b.name)];
  for (const { pair, differ, example } of await oraclePairs(names, programs)) {
    console.log(`${pair}: ${differ} of ${programs} programs differ`);
    if (example) console.log(example.replace(/^/gm, '    '));
  }
  for (const { pair, differ } of await oraclePairs(['system', 'system/py-task'], programs)) console.log(`${pair}: ${differ} of ${programs} programs differ`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const programs = Number(process.argv[2] ?? 1000);
  const goals = await embeddedSection(programs, (label, value) => console.log(`${label.padEnd(44)} ${value}`));
  console.log(goals.map((g) => `${g.figure}: ${g.measured} (goal ${g.goal}: ${g.met ? 'met' : 'NOT met'})`).join('\n'));
}

/**
 * Research (issue 11 point 4, a start): the same generated programs, every feature on, on each
 * oracle; for each pair of neighbours, how many programs print something else (text, virtual
 * time or outcome). `npx tsx bench/embedded.ts --pairs 2000`.
 */
export async function oraclePairs(names: string[], programs: number, seed = SEED): Promise<{ pair: string; differ: number; example?: string }[]> {
  const constraints = { features: { gather: true, taskMethods: true, cancel: true } };
  const sources = samplePrograms({ seed, count: programs, constraints }).map((p) => printPython(p));
  const results = new Map<string, string[]>();
  for (const name of names) {
    const oracle = await startOracle({ oracle: name, workers: 1 });
    try {
      const runs = await Promise.all(sources.map((s) => oracle.run(s, OPTIONS)));
      results.set(name, runs.map((r) => JSON.stringify([r.trace.map((e) => [e.text, e.time]), r.outcome])));
    } finally {
      await oracle.close();
    }
  }
  return names.slice(1).map((name, i) => {
    const [a, b] = [results.get(names[i]) as string[], results.get(name) as string[]];
    const differing = sources.flatMap((source, k) => (a[k] === b[k] ? [] : [source]));
    const example = differing.sort((x, y) => x.length - y.length)[0];
    return { pair: `${names[i]} → ${name}`, differ: differing.length, example };
  });
}
