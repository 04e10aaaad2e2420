import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import FakeTimers from '@sinonjs/fake-timers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NodeTimerQueue, nodeDelay } from '../../native/node_timers.ts';

/** A timer that, when it fires, sets its children at the time it fired. */
interface TimerSpec {
  label: string;
  ms: number;
  children: TimerSpec[];
}
type Fired = Array<[label: string, now: number]>;

const ORACLE = fileURLToPath(new URL('./_node-timers-oracle.cjs', import.meta.url));

/** Node's own lib/internal/timers.js, driven on a virtual clock in a child process. */
function nodeOrder(scenarios: TimerSpec[][]): Fired[] {
  const dir = mkdtempSync(join(tmpdir(), 'native-timers-'));
  try {
    const file = join(dir, 'scenarios.json');
    writeFileSync(file, JSON.stringify(scenarios));
    return JSON.parse(execFileSync(process.execPath, ['--expose-internals', ORACLE, file], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function portOrder(roots: TimerSpec[]): Fired {
  const queue = new NodeTimerQueue();
  const fired: Fired = [];
  let now = 0;
  const add = (spec: TimerSpec): void =>
    queue.setTimeout(() => {
      fired.push([spec.label, now]);
      spec.children.forEach(add);
    }, spec.ms, now);
  roots.forEach(add);
  for (let expiry = queue.nextExpiry(); expiry !== null; expiry = queue.nextExpiry()) {
    now = expiry;
    for (let due = queue.takeDue(now); due !== null; due = queue.takeDue(now)) due.callback();
  }
  return fired;
}

/** The same scenario under @sinonjs/fake-timers (deadline, then creation order). */
function fakeTimersOrder(roots: TimerSpec[]): Fired {
  const clock = FakeTimers.createClock(0);
  const fired: Fired = [];
  const add = (spec: TimerSpec): void =>
    void clock.setTimeout(() => {
      fired.push([spec.label, clock.now]);
      spec.children.forEach(add);
    }, nodeDelay(spec.ms));
  roots.forEach(add);
  clock.runAll();
  return fired;
}

const leaf = (label: string, ms: number): TimerSpec => ({ label, ms, children: [] });

/** W (5 ms) sets Y (10 ms, due 15); X (10 ms) sets Z (5 ms, due 15). */
const RESCHEDULED_LIST: TimerSpec[] = [
  { label: 'W', ms: 5, children: [leaf('Y', 10)] },
  { label: 'X', ms: 10, children: [leaf('Z', 5)] },
];

/** Delays chosen so lists are shared, emptied and rescheduled often, with many equal deadlines. */
const DELAYS = [0, 0.5, 1, 1.9, 2, 3, 5, 7, 10, -1];
let counter = 0;
const timerSpec: fc.Memo<TimerSpec> = fc.memo((depth) =>
  fc.record({
    label: fc.constant('').map(() => `t${counter++}`),
    ms: fc.constantFrom(...DELAYS),
    children: depth <= 1 ? fc.constant([]) : fc.array(timerSpec(depth - 1), { maxLength: 3 }),
  }),
);
const scenario = fc.array(timerSpec(3), { minLength: 1, maxLength: 6 });

function expectSameAsNode(seed: number): void {
  const scenarios = fc.sample(scenario, { seed, numRuns: 300 });
  const node = nodeOrder(scenarios);
  const differing = scenarios.filter((s, i) => JSON.stringify(portOrder(s)) !== JSON.stringify(node[i]));
  expect(differing.slice(0, 1)).toEqual([]);
}

describe('NodeTimerQueue fires timers in the order of Node 20 itself', () => {
  it('delays: below 1 ms (0, negative, NaN, 0.5) become 1, the rest is truncated', () => {
    expect([0, -5, Number.NaN, 0.5, 1, 1.9, 29.9, 1.005 * 1000, 2 ** 31].map(nodeDelay)).toEqual([1, 1, 1, 1, 1, 1, 29, 1004, 1]);
  });

  it('a rescheduled list takes a new id: Z (set at 10) fires before Y (set at 5), both due at 15', () => {
    const expected: Fired = [['W', 5], ['X', 10], ['Z', 15], ['Y', 15]];
    expect(nodeOrder([RESCHEDULED_LIST])).toEqual([expected]);
    expect(portOrder(RESCHEDULED_LIST)).toEqual(expected);
    // Why the profile does not schedule with @sinonjs/fake-timers: it says Y, Z.
    expect(fakeTimersOrder(RESCHEDULED_LIST)).toEqual([['W', 5], ['X', 10], ['Y', 15], ['Z', 15]]);
  });

  it('random timer forests, seed 42', () => {
    expectSameAsNode(42);
  });

  it('random timer forests, random seed', () => {
    const seed = Date.now() ^ (Math.random() * 0x100000000);
    console.log(`node_timers.test.ts random seed: ${seed}`);
    expectSameAsNode(seed);
  });
});
