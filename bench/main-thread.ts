/**
 * What `check` costs on its main thread per program, without the oracle: generate (sample +
 * header), printPython, and the port side (emit, strip, compile, run, trace), each program
 * once, in a fresh process, like a 3,000-program `check` pays it (JIT warm-up included).
 *
 * CPU time (process.cpuUsage, this process only) is the figure to compare: on a shared
 * machine it moves much less than wall time. Compare two trees by running each alternately.
 *
 *   npx tsx bench/main-thread.ts [runs=3000] [seed=1]
 */
import { pathToFileURL } from 'node:url';
import { portSide } from '../compare/sides.ts';
import { samplePrograms, withHeader } from '../generators/index.ts';
import { DEFAULT_BUDGET } from '../ir/program.ts';
import { printPython } from '../ir/python.ts';

export interface MainThreadBench {
  runs: number;
  /** µs of CPU per program, by stage. */
  cpu: { generate: number; printPython: number; port: number; total: number };
  /** µs of wall time per program, all stages. */
  wall: number;
}

function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export async function benchMainThread(runs: number, seed: number): Promise<MainThreadBench> {
  const options = { clock: 'realistic' as const, budget: DEFAULT_BUDGET };
  const started = performance.now();
  let cpu = cpuMicros();
  const programs = samplePrograms({ seed, count: runs }).map((p, k) => withHeader(p, { seed, path: String(k) }));
  const generate = cpuMicros() - cpu;
  cpu = cpuMicros();
  for (const p of programs) printPython(p);
  const python = cpuMicros() - cpu;
  cpu = cpuMicros();
  for (const p of programs) await portSide.run(p, options);
  const port = cpuMicros() - cpu;
  const wall = ((performance.now() - started) * 1000) / runs;
  return { runs, cpu: { generate: generate / runs, printPython: python / runs, port: port / runs, total: (generate + python + port) / runs }, wall };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchMainThread(Number(process.argv[2] ?? 3000), Number(process.argv[3] ?? 1));
  const us = (x: number) => `${x.toFixed(0)} µs`;
  console.log(`${r.runs} programs, CPU per program: generate ${us(r.cpu.generate)}, printPython ${us(r.cpu.printPython)}, port ${us(r.cpu.port)}, total ${us(r.cpu.total)}; wall ${us(r.wall)}`);
}
