/**
 * Memory at scale: `check --runs N` as a user runs it (the bin, a child process), its resident
 * memory sampled from /proc while it runs. The figure is the peak (VmHWM) of the Node process;
 * the CPython workers are processes of their own, each the same size whatever N is. A flat
 * profile means the peak at 100,000 programs is about the peak at 10,000.
 *
 *   npx tsx bench/memory.ts [runs...]        e.g. 10000 100000 1000000
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/asyncio-conformance.js', import.meta.url));
const SAMPLE_EVERY_MS = 100;

export interface MemoryFigure {
  runs: number;
  /** Peak resident set of the check process, bytes. */
  peakRss: number;
  /** Resident set at the last sample before it exited, bytes. */
  lastRss: number;
  programsPerSecond: number;
  seconds: number;
}

/** VmHWM and VmRSS of a live process, bytes; undefined once it is gone. */
async function residentBytes(pid: number): Promise<{ peak: number; now: number } | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const peak = kib('VmHWM');
    const now = kib('VmRSS');
    // An exited process not yet reaped (a zombie) still has a status, without these lines.
    return Number.isFinite(peak) && Number.isFinite(now) ? { peak, now } : undefined;
  } catch {
    return undefined;
  }
}

/** One `check --runs <runs>` in a child process, sampled until it exits. */
export async function checkMemory(runs: number, seed = 20261203): Promise<MemoryFigure> {
  const started = performance.now();
  // --no-shrink: the figure is the run's footprint, not shrinking's (the port rarely differs anyway).
  const child = spawn(process.execPath, [BIN, 'check', '--runs', String(runs), '--seed', String(seed), '--no-shrink'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : -1))));
  let peakRss = 0;
  let lastRss = 0;
  let done = false;
  void exited.then(() => (done = true));
  while (!done) {
    const r = await residentBytes(child.pid!);
    if (r && !done) {
      peakRss = Math.max(peakRss, r.peak);
      lastRss = r.now;
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS))]);
  }
  const code = await exited;
  const seconds = (performance.now() - started) / 1000;
  // 1: the port differs somewhere (a finding, not a failure of the bench).
  if (code !== 0 && code !== 1) throw new Error(`check --runs ${runs} exited ${code}: ${stderr}`);
  return { runs, peakRss, lastRss, programsPerSecond: runs / seconds, seconds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const counts = process.argv.slice(2).map(Number);
  for (const runs of counts.length > 0 ? counts : [10_000, 100_000]) {
    const m = await checkMemory(runs);
    console.log(`check --runs ${runs}: peak RSS ${(m.peakRss / 2 ** 20).toFixed(0)} MiB, last ${(m.lastRss / 2 ** 20).toFixed(0)} MiB, ${m.seconds.toFixed(1)} s`);
  }
}
