/**
 * Measures the reference driving mode (one macrotask per handle): µs per handle and per
 * program. Prints the figures; asserts only generous bounds so a slow shared machine passes.
 */
import { describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import * as asyncio from '../../port/index.ts';
import { ALL_PROGRAMS, SLEEP0_INTERLEAVE } from './_programs.ts';
import { runOnPort } from './_cpython.ts';

/** Counts handles run, by wrapping Handle._run for the duration of `fn`. */
async function countHandles(fn: () => Promise<unknown>): Promise<number> {
  const original = asyncio.Handle.prototype._run;
  let n = 0;
  asyncio.Handle.prototype._run = function (this: asyncio.Handle) {
    n++;
    original.call(this);
  };
  try {
    await fn();
  } finally {
    asyncio.Handle.prototype._run = original;
  }
  return n;
}

describe('speed of the reference mode', () => {
  it('µs per handle and per program', async () => {
    const spin = asyncio.coroutine('spin', async () => {
      const w = asyncio.coroutine('w', async () => {
        for (let i = 0; i < 200; i++) await asyncio.aw(asyncio.sleep(0));
        return null;
      });
      await asyncio.aw(asyncio.gather(...Array.from({ length: 10 }, () => w())));
      return null;
    });
    const handles = await countHandles(() => runOnPort(() => spin(), 'realistic'));
    // Best of 6 runs: the first ones pay for JIT warm-up, and the machine is shared.
    let perHandle = Infinity;
    let t0 = 0;
    for (let k = 0; k < 6; k++) {
      t0 = performance.now();
      await runOnPort(() => spin(), 'realistic');
      perHandle = Math.min(perHandle, ((performance.now() - t0) * 1000) / handles);
    }

    const small = await countHandles(() => runOnPort(SLEEP0_INTERLEAVE.ts, 'realistic'));
    const runs = 300;
    for (let i = 0; i < 100; i++) await runOnPort(SLEEP0_INTERLEAVE.ts, 'realistic'); // warm-up
    t0 = performance.now();
    for (let i = 0; i < runs; i++) await runOnPort(SLEEP0_INTERLEAVE.ts, 'realistic');
    const perSmall = ((performance.now() - t0) * 1000) / runs;

    let corpusHandles = 0;
    for (const p of ALL_PROGRAMS) corpusHandles += await countHandles(() => runOnPort(p.ts, 'realistic'));
    t0 = performance.now();
    for (let i = 0; i < 20; i++) for (const p of ALL_PROGRAMS) await runOnPort(p.ts, 'realistic');
    const perCorpusProgram = ((performance.now() - t0) * 1000) / (20 * ALL_PROGRAMS.length);

    console.log(
      `port speed: ${perHandle.toFixed(2)} µs/handle (${handles} handles); ` +
        `${SLEEP0_INTERLEAVE.name} (${small} handles): ${perSmall.toFixed(1)} µs/program; ` +
        `corpus mean (${(corpusHandles / ALL_PROGRAMS.length).toFixed(0)} handles): ${perCorpusProgram.toFixed(1)} µs/program`,
    );
    expect(perHandle).toBeLessThan(200);
    expect(perSmall).toBeLessThan(20_000);
  });
});
