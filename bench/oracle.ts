/**
 * How fast the oracle runs programs: the persistent worker pool against spawning
 * `python3 worker.py --run prog.py` per program (the same virtual-clock run, one process each).
 *
 * Every program sent to the pool is unique (a numbered comment), so the worker's compile
 * cache never helps: that is the fuzzing workload, where no program repeats. Two workloads:
 * ~20-line tutorial-like programs (benchPrograms), and what `check` really sends, the
 * generator's programs (about 1 KB each: the worker's gate, parse and compile grow with them).
 *
 *   npx tsx bench/oracle.ts
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { Oracle, WORKER_SCRIPT } from '../oracle/pool.ts';
import { findPython } from '../oracle/find-python.ts';
import { samplePrograms } from '../generators/index.ts';
import { printPython } from '../ir/python.ts';

export interface OracleBench {
  /** Programs/s through the pool with every worker (`os.availableParallelism()`). */
  persistentPerSec: number;
  /** Programs/s spawning one process per program, as many at a time as the pool has workers. */
  spawnPerSec: number;
  /** persistentPerSec / spawnPerSec. */
  ratio: number;
  /** Programs/s through a pool of one worker. */
  perWorkerPerSec: number;
  /**
   * Programs per CPU-second of the one worker (user + system time from /proc): what one
   * worker does when it has a core to itself. The wall-clock rates above fall when other
   * processes share the machine; this one much less.
   */
  perWorkerCpuPerSec: number;
  /** Like perWorkerPerSec, but the same 50 programs over and over (the worker's compile cache hits). */
  repeatedPerWorkerPerSec: number;
  /** Like perWorkerPerSec and perWorkerCpuPerSec, on generated programs (samplePrograms, printed). */
  generatedPerWorkerPerSec: number;
  generatedPerWorkerCpuPerSec: number;
}

const GENERATED_SEED = 20261125;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ on Linux
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** ~20-line tutorial-like programs, varied in tasks, delays, loops and formatting. */
export function benchPrograms(count = 50): string[] {
  const programs: string[] = [];
  for (let k = 0; k < count; k++) {
    const tasks = 2 + (k % 4);
    const delay = [0, 0.1, 0.25, 1][k % 4];
    const steps = 1 + (k % 3);
    const useGather = k % 2 === 0;
    programs.push(
      [
        'import asyncio',
        '',
        `async def worker(name, delay):`,
        `    total = 0`,
        `    for step in range(${steps}):`,
        `        print(f"{name} step {step} after {delay:.2f}")`,
        `        await asyncio.sleep(delay)`,
        `        total += step * ${k + 1}`,
        `    return total`,
        '',
        'async def main():',
        `    print("start ${k}")`,
        useGather
          ? `    results = await asyncio.gather(*[worker(f"w{i}", ${delay} * i) for i in range(${tasks})])`
          : `    tasks = [asyncio.create_task(worker(f"t{i}", ${delay})) for i in range(${tasks})]`,
        useGather ? '    print(results, sum(results))' : '    for t in tasks:',
        useGather ? '    await asyncio.sleep(0)' : '        print(await t, t.done(), t.get_name())',
        `    if ${k % 5} > 2:`,
        `        print("branch", len(asyncio.all_tasks()))`,
        '    else:',
        '        print("other", asyncio.current_task().get_name())',
        '',
        'asyncio.run(main())',
        '',
      ].join('\n'),
    );
  }
  return programs;
}

/**
 * Runs `total` programs through `oracle`, all pipelined; returns programs/s (wall) and
 * programs per CPU-second of the workers. Unique sources unless `repeat`.
 */
async function poolRate(
  oracle: Oracle,
  programs: string[],
  total: number,
  repeat = false,
  warmUp = programs,
): Promise<{ perSec: number; perCpuSec: number }> {
  // Warm up (imports, first compiles) outside the timed part.
  await Promise.all(warmUp.map((p, i) => oracle.run(repeat ? p : `${p}# warmup ${i}\n`)));
  const cpuBefore = await Promise.all(oracle.pids.map(cpuSeconds));
  const started = performance.now();
  const runs: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const program = programs[i % programs.length];
    runs.push(oracle.run(repeat ? program : `${program}# run ${i}\n`));
  }
  await Promise.all(runs);
  const wall = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all(oracle.pids.map(cpuSeconds));
  const cpu = cpuAfter.reduce((a, b) => a + b, 0) - cpuBefore.reduce((a, b) => a + b, 0);
  return { perSec: total / wall, perCpuSec: total / cpu };
}

async function spawnRate(executable: string, programs: string[], total: number, parallel: number): Promise<number> {
  const dir = await mkdtemp(join(os.tmpdir(), 'oracle-bench-'));
  try {
    const files = await Promise.all(
      programs.map(async (p, i) => {
        const file = join(dir, `prog${i}.py`);
        await writeFile(file, p);
        return file;
      }),
    );
    const started = performance.now();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < total) {
        const file = files[next++ % files.length];
        await execa(executable, ['-I', WORKER_SCRIPT, '--run', file]);
      }
    };
    await Promise.all(Array.from({ length: parallel }, lane));
    return total / ((performance.now() - started) / 1000);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchOracle(opts: { programs?: number; spawned?: number; generated?: number } = {}): Promise<OracleBench> {
  const programs = benchPrograms();
  const total = opts.programs ?? 4000;
  const workers = os.availableParallelism();
  const one = await Oracle.start({ workers: 1 });
  const single = await poolRate(one, programs, total);
  const repeated = await poolRate(one, programs, total, true);
  // Generated programs are unique already: each runs once (the warm-up runs 100 others).
  // Default: half as many as the tutorial-like ones (bench/main.ts's --tiny stays tiny).
  const generatedCount = opts.generated ?? Math.ceil(total / 2);
  const generated = samplePrograms({ seed: GENERATED_SEED, count: generatedCount + 100 }).map((p) => printPython(p));
  const onGenerated = await poolRate(one, generated.slice(100), generatedCount, true, generated.slice(0, 100)).finally(() => one.close());
  const all = await Oracle.start({ workers });
  const pooled = await poolRate(all, programs, total).finally(() => all.close());
  const { executable } = await findPython();
  const spawnPerSec = await spawnRate(executable, programs, opts.spawned ?? 60, workers);
  return {
    persistentPerSec: pooled.perSec,
    spawnPerSec,
    ratio: pooled.perSec / spawnPerSec,
    perWorkerPerSec: single.perSec,
    perWorkerCpuPerSec: single.perCpuSec,
    repeatedPerWorkerPerSec: repeated.perSec,
    generatedPerWorkerPerSec: onGenerated.perSec,
    generatedPerWorkerCpuPerSec: onGenerated.perCpuSec,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchOracle();
  const f = (n: number): string => n.toFixed(0).padStart(7);
  console.log(`workers               ${os.availableParallelism()}`);
  console.log(`load average          ${os.loadavg()[0].toFixed(2)}`);
  console.log(`persistent, 1 worker  ${f(r.perWorkerPerSec)} programs/s`);
  console.log(`  per worker CPU-s    ${f(r.perWorkerCpuPerSec)} programs/s`);
  console.log(`  repeated programs   ${f(r.repeatedPerWorkerPerSec)} programs/s`);
  console.log(`  generated programs  ${f(r.generatedPerWorkerPerSec)} programs/s`);
  console.log(`    per worker CPU-s  ${f(r.generatedPerWorkerCpuPerSec)} programs/s`);
  console.log(`persistent, all       ${f(r.persistentPerSec)} programs/s`);
  console.log(`spawn per program     ${f(r.spawnPerSec)} programs/s`);
  console.log(`ratio                 ${f(r.ratio)} x`);
}
