/**
 * Does `check` grow with cores? The same seeded `check` as a user runs it, pinned with
 * `taskset` to one core and then to every core of this machine; each picks its own worker
 * counts from the cores it is given (os.availableParallelism() follows the affinity mask).
 *
 *   npx tsx bench/scaling.ts [runs=3000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/asyncio-conformance.js', import.meta.url));
const SEED = 20261205;

export interface ScalingBench {
  cores: number;
  /** programs/s on one core and on all `cores`; undefined without taskset. */
  oneCore?: number;
  allCores?: number;
}

function hasTaskset(): boolean {
  return spawnSync('taskset', ['-c', '0', 'true']).status === 0;
}

async function checkRate(cpus: string, runs: number, dir: string): Promise<number> {
  const json = join(dir, `check-${cpus}.json`);
  const r = spawnSync('taskset', ['-c', cpus, process.execPath, BIN, 'check', '--runs', String(runs), '--seed', String(SEED), '--no-shrink', '--json', json], {
    encoding: 'utf8',
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`check on cpus ${cpus} exited ${r.status ?? r.signal}: ${r.stderr}`);
  return (JSON.parse(await readFile(json, 'utf8')) as { programsPerSecond: number }).programsPerSecond;
}

export async function benchScaling(runs: number): Promise<ScalingBench> {
  const cores = os.availableParallelism();
  if (!hasTaskset()) return { cores };
  const dir = await mkdtemp(join(os.tmpdir(), 'bench-scaling-'));
  try {
    const oneCore = await checkRate('0', runs, dir);
    const allCores = await checkRate(`0-${cores - 1}`, runs, dir);
    return { cores, oneCore, allCores };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await benchScaling(Number(process.argv[2] ?? 3000));
  console.log(`check on 1 core: ${r.oneCore?.toFixed(0) ?? '(no taskset)'} programs/s; on ${r.cores}: ${r.allCores?.toFixed(0) ?? '-'} programs/s`);
}
