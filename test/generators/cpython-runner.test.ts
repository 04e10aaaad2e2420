/** The test harness itself must catch what it is meant to catch, or the generator tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { sharedOracle } from '../_support/oracle.ts';
import { runTwiceOnOracle } from './_support/cpython.ts';

const SOURCES = {
  clean: 'import asyncio\nasync def main():\n    await asyncio.sleep(1000)\n    print("done", 1000.0)\nasyncio.run(main())\n',
  raises: 'import asyncio\nasync def main():\n    print(int("boom"))\nasyncio.run(main())\n',
  cancelled:
    'import asyncio\nasync def w():\n    await asyncio.sleep(1)\nasync def main():\n    t = asyncio.create_task(w())\n    await asyncio.sleep(0)\n    t.cancel()\n    await t\nasyncio.run(main())\n',
  // Each task awaits the other: nothing is ready and no timer is pending.
  deadlock:
    'import asyncio\nts = []\nasync def a():\n    await ts[1]\nasync def b():\n    await ts[0]\nasync def main():\n    ts.append(asyncio.create_task(a()))\n    ts.append(asyncio.create_task(b()))\n    await ts[0]\nasyncio.run(main())\n',
};

describe('generated programs on the oracle, run twice (test support)', () => {
  it('reports exceptions, deadlocks and cancelled awaits; captures output; sleeps in virtual time', async () => {
    const oracle = await sharedOracle();
    const programs = await Promise.all(Object.values(SOURCES).map((source) => oracle.importSource(source, 'prog.py')));
    const [clean, raises, cancelled, deadlock] = await runTwiceOnOracle(programs);
    expect(clean).toMatchObject({ ok: true, error: null });
    expect(clean.result).toMatchObject({ trace: [{ text: 'done 1000.0\n' }], outcome: { kind: 'ok' } });
    // The sleep took 1000 virtual seconds (a real one would have hit the 5 s wall clock).
    expect('trace' in clean.result && clean.result.trace[0].time).toBeGreaterThanOrEqual(1000);
    expect('iterations' in clean.result && clean.result.iterations).toBeGreaterThan(0);
    expect(raises).toMatchObject({ ok: false, error: "ValueError: invalid literal for int() with base 10: 'boom'" });
    expect(cancelled).toMatchObject({ ok: false, error: 'CancelledError: ' });
    expect(deadlock.ok).toBe(false);
    expect(deadlock.error).toContain('deadlock');
  });
});
