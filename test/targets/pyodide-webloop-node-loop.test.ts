/**
 * The virtual Node loop under the WebLoop (targets/pyodide-webloop/node-loop.ts): Pyodide's
 * scheduleCallback split (at most 2 ms: an immediate), one batch of immediates per check
 * phase, timers before immediates in a loop turn, time that moves only when the loop would
 * block, and the budgets.
 */
import { describe, expect, it } from 'vitest';
import { VirtualNodeLoop } from '../../targets/pyodide-webloop/node-loop.ts';

const LIMITS = { budget: { maxIterations: 1000, maxTime: 100 }, wallclockMs: 0 };
const fire = (callback: () => void) => {
  callback();
  return null;
};
const never = () => null;

describe('VirtualNodeLoop', () => {
  it('sends delays of at most 2 ms to the immediate queue, longer ones to timers in whole ms', async () => {
    const loop = new VirtualNodeLoop('ideal', 0.001);
    const seen: string[] = [];
    const at = (name: string) => () => seen.push(`${name}@${loop.hrMs}`);
    loop.scheduleCallback(at('t3'), 3);
    loop.scheduleCallback(at('t10.5'), 10.5);
    loop.scheduleCallback(at('t10'), 10);
    loop.scheduleCallback(at('i2'), 2);
    loop.scheduleCallback(at('i0'), 0);
    expect(await loop.run(LIMITS, fire, never)).toBeNull();
    // 10.5 ms is truncated to the 10 ms list, which it joined first: FIFO.
    expect(seen).toEqual(['i2@0', 'i0@0', 't3@3', 't10.5@10', 't10@10']);
    expect(loop.fired).toBe(5);
  });

  it('runs immediates queued during a check phase in the next turn, after the timers due then', async () => {
    const loop = new VirtualNodeLoop('ideal', 0.001);
    const seen: string[] = [];
    loop.scheduleCallback(() => {
      seen.push('a');
      loop.scheduleCallback(() => seen.push('c'), 0);
    }, 0);
    loop.scheduleCallback(() => seen.push('b'), 0);
    expect(await loop.run(LIMITS, fire, never)).toBeNull();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('costs a quantum per clock read under the realistic model only', () => {
    const realistic = new VirtualNodeLoop('realistic', 0.001);
    realistic.readClock();
    expect(realistic.readClock()).toBeCloseTo(0.002, 9);
    const ideal = new VirtualNodeLoop('ideal', 0.001);
    ideal.readClock();
    expect(ideal.readClock()).toBe(0);
  });

  it('stops at the iteration and time budgets', async () => {
    const spinning = new VirtualNodeLoop('ideal', 0.001);
    const spin = (): void => spinning.scheduleCallback(spin, 0);
    spin();
    expect(await spinning.run({ ...LIMITS, budget: { maxIterations: 50, maxTime: 100 } }, fire, never)).toEqual({ kind: 'budget', limit: 'iterations' });
    expect(spinning.fired).toBe(50);
    const sleeping = new VirtualNodeLoop('ideal', 0.001);
    sleeping.scheduleCallback(() => {}, 5000);
    expect(await sleeping.run({ ...LIMITS, budget: { maxIterations: 50, maxTime: 1 } }, fire, never)).toEqual({ kind: 'budget', limit: 'time' });
  });
});
