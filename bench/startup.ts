/**
 * How long a person waits for the CLI: each command line run as a fresh process, side by side
 * in one loop (every round runs each once, so a burst of load on a shared machine hits all of
 * them alike), with `node -e 0` and `python3 FILE.py` as the yardsticks. The median of the
 * rounds is the figure.
 *
 *   npx tsx bench/startup.ts [rounds=5]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/asyncio-conformance.js', import.meta.url));
/** 15 lines, two tasks, 20 ms of real sleeps: python3 waits them out, our clock does not. */
export const STARTUP_PROGRAM = fileURLToPath(new URL('./programs/sleepy.py', import.meta.url));

export interface StartupCommand {
  label: string;
  argv: string[];
}

export const STARTUP_COMMANDS: StartupCommand[] = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { label: 'python3 FILE.py', argv: ['python3', STARTUP_PROGRAM] },
  { label: 'asyncio-conformance --help', argv: [process.execPath, BIN, '--help'] },
  { label: 'run FILE.py --target cpython', argv: [process.execPath, BIN, 'run', STARTUP_PROGRAM, '--target', 'cpython'] },
  { label: 'run FILE.py --target port', argv: [process.execPath, BIN, 'run', STARTUP_PROGRAM, '--target', 'port'] },
  { label: 'run FILE.py --target native', argv: [process.execPath, BIN, 'run', STARTUP_PROGRAM, '--target', 'native'] },
];

/** Per command label: median wall seconds, and median CPU seconds (user + system, its children included) where GNU time is installed. */
export type StartupBench = Record<string, { wall: number; cpu?: number }>;

/** GNU time reports a command's CPU time, children included: on a shared machine it moves much less than wall time. */
const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%U', 'true']).status === 0;

function timed({ argv }: StartupCommand, cpuFile: string): { wall: number; cpu?: number } {
  const command = hasGnuTime ? [GNU_TIME, '-f', '%U %S', '-o', cpuFile, ...argv] : argv;
  const started = performance.now();
  const r = spawnSync(command[0], command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}`);
  if (!hasGnuTime) return { wall };
  const [user, system] = readFileSync(cpuFile, 'utf8').trim().split(/\s+/).map(Number);
  return { wall, cpu: user + system };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function benchStartup(rounds: number): StartupBench {
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-startup-'));
  try {
    const cpuFile = join(dir, 'cpu');
    // One run of each first, not measured: it builds dist/ if a source changed and fills the OS's file cache.
    for (const command of STARTUP_COMMANDS) timed(command, cpuFile);
    const runs = new Map<string, Array<{ wall: number; cpu?: number }>>(STARTUP_COMMANDS.map((c) => [c.label, []]));
    for (let round = 0; round < rounds; round++) {
      for (const command of STARTUP_COMMANDS) runs.get(command.label)!.push(timed(command, cpuFile));
    }
    return Object.fromEntries(
      [...runs].map(([label, xs]) => [label, { wall: median(xs.map((x) => x.wall)), ...(hasGnuTime ? { cpu: median(xs.map((x) => x.cpu!)) } : {}) }]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const [label, { wall, cpu }] of Object.entries(benchStartup(Number(process.argv[2] ?? 5)))) {
    console.log(`${label.padEnd(32)} ${wall.toFixed(3)} s${cpu === undefined ? '' : ` (CPU ${cpu.toFixed(2)} s)`}`);
  }
}
