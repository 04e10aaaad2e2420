/**
 * The pool: pipelining, spreading, recovery from dead or stuck workers, clean shutdown, and a
 * kill timer that measures the run (not the worker's start, not the transfer of the answer).
 * Programs outside the subset (os.kill, signal masks) run on workers started with the
 * `uncheckedSource` test hook.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Oracle } from '../../oracle/pool.ts';
import { texts, tiedSleepers } from './helpers.ts';
import { PYTHON } from '../_support/python.ts';

const numbered = (i: number): string =>
  `import asyncio\nasync def main():\n    await asyncio.sleep(0.01 * ${i % 7})\n    print(${i})\nasyncio.run(main())\n`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Oracle pool', () => {
  it('answers every pipelined request with its own result, across workers', async () => {
    const oracle = await Oracle.start({ workers: 2 });
    try {
      expect(oracle.size).toBe(2);
      expect(oracle.info).toMatchObject({ version: '3.11.7', implementation: 'CPython' });
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => oracle.run(numbered(i))));
      results.forEach((r, i) => expect(texts(r.trace)).toEqual([`${i}\n`]));
    } finally {
      await oracle.close();
    }
  });

  it('a worker killed with SIGKILL mid-batch: every result still arrives, and is right', async () => {
    const oracle = await Oracle.start({ workers: 2 });
    try {
      const pending = Array.from({ length: 400 }, (_, i) => oracle.run(numbered(i)));
      const victim = oracle.pids[0];
      await pending[20]; // the batch is under way
      expect(oracle.inflight[0]).toBeGreaterThan(10); // so the kill hits requests in flight
      process.kill(victim, 'SIGKILL');
      const results = await Promise.all(pending);
      results.forEach((r, i) => expect(texts(r.trace)).toEqual([`${i}\n`]));
      expect(oracle.pids[0]).not.toBe(victim);
      expect(isAlive(victim)).toBe(false);
    } finally {
      await oracle.close();
    }
  });

  it('a program that kills its worker twice gets a crash outcome; its neighbours are unharmed', async () => {
    const oracle = await Oracle.start({ workers: 1, uncheckedSource: true });
    try {
      const before = oracle.run(numbered(1));
      const killer = oracle.run('import os, signal\nprint("bye")\nos.kill(os.getpid(), signal.SIGKILL)\n');
      const after = oracle.run(numbered(2));
      expect((await killer).outcome.kind).toBe('crash');
      expect((await killer).trace).toEqual([]);
      expect(texts((await before).trace)).toEqual(['1\n']);
      expect(texts((await after).trace)).toEqual(['2\n']);
    } finally {
      await oracle.close();
    }
  });

  it('a worker stuck where SIGALRM cannot reach is killed by the TypeScript timer', async () => {
    const oracle = await Oracle.start({ workers: 1, killGraceMs: 300, uncheckedSource: true });
    try {
      const stuck = oracle.run(
        'import signal\nsignal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\nwhile True:\n    pass\n',
        { wallclockMs: 100 },
      );
      const next = oracle.run(tiedSleepers(3));
      expect((await stuck).outcome).toEqual({ kind: 'budget', limit: 'wallclock' });
      expect(texts((await next).trace)).toEqual(['0\n', '1\n', '2\n']);
    } finally {
      await oracle.close();
    }
  });

  it('a 16 MB print comes back whole and the same twice: the transfer of an answer is not run time', async () => {
    // No grace beyond the run's own wallclock: before the fix, the timer also counted the
    // transfer (and a quadratic re-scan of the partial answer) and killed the worker.
    const oracle = await Oracle.start({ workers: 1, killGraceMs: 0 });
    try {
      const big = 'import asyncio\n\nasync def main():\n    print("x" * 16000000)\n\nasyncio.run(main())\n';
      for (let i = 0; i < 2; i++) {
        const result = await oracle.run(big, { wallclockMs: 1000 });
        expect(result.outcome).toEqual({ kind: 'ok' });
        expect(result.trace).toHaveLength(1);
        expect(result.trace[0].text.length).toBe(16_000_001);
        expect(result.trace[0].text.startsWith('xxx')).toBe(true);
      }
    } finally {
      await oracle.close();
    }
  });

  it('a worker that replaces a dead one boots before any resent run is timed', async () => {
    // Every worker takes 1.5 s to start (a wrapper sleeps, then runs the real interpreter),
    // while each run may take 200 ms (killed at 2 x 200 ms + no grace). Were a resent run timed
    // from the moment it was sent to the replacement, its start-up would kill it; the
    // replacement answers an `info` first and the resent runs are timed from then on.
    const dir = await mkdtemp(join(tmpdir(), 'slow-python-'));
    try {
      const slow = join(dir, 'python3');
      await writeFile(slow, `#!/bin/sh\nif [ "$1" != "-c" ]; then sleep 1.5; fi\nexec ${PYTHON} "$@"\n`);
      await chmod(slow, 0o755);
      const oracle = await Oracle.start({ python: slow, workers: 1, killGraceMs: 0 });
      try {
        const pending = Array.from({ length: 30 }, (_, i) => oracle.run(numbered(i), { wallclockMs: 200 }));
        await pending[0];
        process.kill(oracle.pids[0], 'SIGKILL');
        const results = await Promise.all(pending);
        results.forEach((r, i) => expect(texts(r.trace)).toEqual([`${i}\n`]));
      } finally {
        await oracle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('close() lets queued work finish and leaves no process behind', async () => {
    const oracle = await Oracle.start({ workers: 2 });
    const pids = oracle.pids;
    const pending = Array.from({ length: 50 }, (_, i) => oracle.run(numbered(i)));
    await oracle.close();
    const results = await Promise.all(pending);
    expect(results).toHaveLength(50);
    expect(texts(results[49].trace)).toEqual(['49\n']);
    expect(pids.filter(isAlive)).toEqual([]);
    await expect(oracle.run(numbered(0))).rejects.toThrow(/closed/);
  });

  it('an interpreter whose workers cannot start makes start() fail instead of hanging', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broken-python-'));
    try {
      const fake = join(dir, 'python3');
      // Passes findPython's probe, then dies as a worker.
      await writeFile(fake, '#!/bin/sh\nif [ "$1" = "-c" ]; then echo "$0"; echo 3.11.0; echo CPython; exit 0; fi\necho "worker boom" >&2\nexit 1\n');
      await chmod(fake, 0o755);
      await expect(Oracle.start({ python: fake, workers: 2 })).rejects.toThrow(/no oracle worker could start[\s\S]*worker boom/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
