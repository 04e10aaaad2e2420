/** The test harness itself must catch what it is meant to catch, or the generator tests prove nothing. */
import { describe, expect, it } from 'vitest';
import { runWithCPython } from './_support/cpython.ts';

describe('CPython batch runner (test support)', () => {
  it('reports exceptions, deadlocks and cancelled awaits; captures output; sleeps in virtual time', async () => {
    const start = performance.now();
    const [clean, raises, cancelled, deadlock] = await runWithCPython([
      'import asyncio\nasync def main():\n    await asyncio.sleep(1000)\n    print("done", asyncio.get_running_loop().time())\nasyncio.run(main())\n',
      'import asyncio\nasync def main():\n    raise ValueError("boom")\nasyncio.run(main())\n',
      'import asyncio\nasync def w():\n    await asyncio.sleep(1)\nasync def main():\n    t = asyncio.create_task(w())\n    await asyncio.sleep(0)\n    t.cancel()\n    await t\nasyncio.run(main())\n',
      'import asyncio\nasync def main():\n    await asyncio.get_running_loop().create_future()\nasyncio.run(main())\n',
    ]);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(clean).toMatchObject({ ok: true, stdout: 'done 1000.0\n', error: null });
    expect(clean.iterations).toBeGreaterThan(0);
    expect(raises).toMatchObject({ ok: false, error: 'ValueError: boom' });
    expect(cancelled).toMatchObject({ ok: false, error: 'CancelledError: ' });
    expect(deadlock.ok).toBe(false);
    expect(deadlock.error).toContain('deadlock');
  });
});
