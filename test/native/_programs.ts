/**
 * Tiny programs, each written twice: as Python, and as the `native` profile ports it (by
 * hand, the way native/README.md's table maps it). The TS is a module body over `rt`
 * (`runtime` of native/runtime.ts); tests run it on the virtual clock, as a real Node
 * process, and the Python under real CPython.
 */
import type { Outcome } from '../../ir/program.ts';

export interface NativeCase {
  name: string;
  /** The program in Python; absent for behaviours no IR program can produce. */
  python?: string;
  /** The same program ported to plain promises: a module body that may use `rt`. */
  ts: string;
  /** What CPython 3.11 prints (stdout lines). */
  cpython?: string[];
  /** What the native port prints, on the virtual clock and in real Node. */
  native: string[];
  /** Virtual time (s) of each native print, when the test pins them. */
  nativeTimes?: number[];
  outcome: Outcome;
  /** CPython's outcome when it is not `ok`. */
  cpythonOutcome?: Outcome;
}

const header = 'import asyncio\n\n';
const ZERO_DIVISION: Outcome = { kind: 'exception', type: 'ZeroDivisionError', message: 'integer division or modulo by zero' };

export const CASES: NativeCase[] = [
  {
    name: 'seed tutorial: the task starts at once and is not cancelled when main returns',
    python: `${header}async def other():
    print("text")
    await asyncio.sleep(1)
    print("done sleeping")


async def main():
    print("shav")
    asyncio.create_task(other())
    print("finished")


asyncio.run(main())
`,
    ts: `const { sleep, task, print } = rt;
async function other() {
  print('text');
  await sleep(1n);
  print('done sleeping');
}
async function main() {
  print('shav');
  task(other());
  print('finished');
}
await main();
`,
    cpython: ['shav', 'finished', 'text'],
    native: ['shav', 'text', 'finished', 'done sleeping'],
    nativeTimes: [0, 0, 0, 1],
    outcome: { kind: 'ok' },
  },
  {
    name: 'seed tutorial with sleep(2) in main: the same order on both sides',
    python: `${header}async def other():
    print("text")
    await asyncio.sleep(1)
    print("done sleeping")


async def main():
    print("shav")
    asyncio.create_task(other())
    await asyncio.sleep(2)
    print("finished")


asyncio.run(main())
`,
    ts: `const { sleep, task, print } = rt;
async function other() {
  print('text');
  await sleep(1n);
  print('done sleeping');
}
async function main() {
  print('shav');
  task(other());
  await sleep(2n);
  print('finished');
}
await main();
`,
    cpython: ['shav', 'text', 'done sleeping', 'finished'],
    native: ['shav', 'text', 'done sleeping', 'finished'],
    nativeTimes: [0, 0, 1, 2],
    outcome: { kind: 'ok' },
  },
  {
    name: 'a coroutine never awaited: Python runs nothing, JS runs the body',
    python: `${header}async def work():
    print("work runs")


async def main():
    c = work()
    print("made a coroutine")
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
`,
    ts: `const { sleep, print } = rt;
async function work() {
  print('work runs');
}
async function main() {
  const c = work();
  print('made a coroutine');
  await sleep(0n);
  print('main done');
}
await main();
`,
    cpython: ['made a coroutine', 'main done'],
    native: ['work runs', 'made a coroutine', 'main done'],
    nativeTimes: [0, 0, 0.001],
    outcome: { kind: 'ok' },
  },
  {
    name: 'sleep(0) is a 1 ms timer, FIFO with a sleep(0.001) set before it',
    python: `${header}async def late():
    await asyncio.sleep(0.001)
    print("slept 0.001")


async def early():
    await asyncio.sleep(0)
    print("slept 0")


async def main():
    a = asyncio.create_task(late())
    b = asyncio.create_task(early())
    await a
    await b


asyncio.run(main())
`,
    ts: `const { sleep, task, print } = rt;
async function late() {
  await sleep(0.001);
  print('slept 0.001');
}
async function early() {
  await sleep(0n);
  print('slept 0');
}
async function main() {
  const a = task(late());
  const b = task(early());
  await a;
  await b;
}
await main();
`,
    cpython: ['slept 0', 'slept 0.001'],
    native: ['slept 0.001', 'slept 0'],
    nativeTimes: [0.001, 0.001],
    outcome: { kind: 'ok' },
  },
  {
    name: 'five equal deadlines wake FIFO (CPython: heap order under an exact clock)',
    python: `${header}async def sleeper(i):
    await asyncio.sleep(0.02)
    print("woke", i)


async def main():
    tasks = [asyncio.create_task(sleeper(i)) for i in range(5)]
    for t in tasks:
        await t


asyncio.run(main())
`,
    ts: `const { sleep, task, print, py } = rt;
async function sleeper(i) {
  await sleep(0.02);
  print('woke', i);
}
async function main() {
  const tasks = [];
  for (const i of py.iter(py.range(5n))) tasks.push(task(sleeper(i)));
  for (const t of tasks) await t;
}
await main();
`,
    // Stock CPython on a real clock; the oracle's ideal clock says 0, 2, 4, 1, 3.
    cpython: ['woke 0', 'woke 1', 'woke 2', 'woke 3', 'woke 4'],
    native: ['woke 0', 'woke 1', 'woke 2', 'woke 3', 'woke 4'],
    nativeTimes: [0.02, 0.02, 0.02, 0.02, 0.02],
    outcome: { kind: 'ok' },
  },
  {
    name: 'promise jobs run between two timers with the same deadline',
    python: `${header}async def step():
    print("step")


async def a():
    await asyncio.sleep(0.01)
    print("a woke")
    await step()
    print("a again")


async def b():
    await asyncio.sleep(0.01)
    print("b woke")


async def main():
    ta = asyncio.create_task(a())
    tb = asyncio.create_task(b())
    await ta
    await tb


asyncio.run(main())
`,
    ts: `const { sleep, task, print } = rt;
async function step() {
  print('step');
}
async function a() {
  await sleep(0.01);
  print('a woke');
  await step();
  print('a again');
}
async function b() {
  await sleep(0.01);
  print('b woke');
}
async function main() {
  const ta = task(a());
  const tb = task(b());
  await ta;
  await tb;
}
await main();
`,
    cpython: ['a woke', 'step', 'a again', 'b woke'],
    // Both timers firing before any promise job (a synchronous fake clock tick) would
    // print a woke, step, b woke, a again.
    native: ['a woke', 'step', 'a again', 'b woke'],
    nativeTimes: [0.01, 0.01, 0.01, 0.01],
    outcome: { kind: 'ok' },
  },
  {
    name: 'gather is Promise.all: the awaitables have started before gather is awaited',
    python: `${header}async def f(n, d):
    print("start", n)
    await asyncio.sleep(d)
    print("end", n)
    return n * 2


async def main():
    g = asyncio.gather(f(1, 0.02), f(2, 0.01))
    print("gathering")
    r = await g
    print(r)


asyncio.run(main())
`,
    ts: `const { sleep, print, py } = rt;
async function f(n, d) {
  print('start', n);
  await sleep(d);
  print('end', n);
  return py.mul(n, 2n);
}
async function main() {
  const g = Promise.all([f(1n, 0.02), f(2n, 0.01)]);
  print('gathering');
  const r = await g;
  print(r);
}
await main();
`,
    cpython: ['gathering', 'start 1', 'start 2', 'end 2', 'end 1', '[2, 4]'],
    native: ['start 1', 'start 2', 'gathering', 'end 2', 'end 1', '[2, 4]'],
    nativeTimes: [0, 0, 0, 0.01, 0.02, 0.02],
    outcome: { kind: 'ok' },
  },
  {
    name: 'an exception escaping main ends the run; the pending timer never prints',
    python: `${header}async def later():
    await asyncio.sleep(0.02)
    print("later")


async def main():
    t = asyncio.create_task(later())
    await asyncio.sleep(0.01)
    print("main fails")
    1 // 0


asyncio.run(main())
`,
    ts: `const { sleep, task, print, py } = rt;
async function later() {
  await sleep(0.02);
  print('later');
}
async function main() {
  const t = task(later());
  await sleep(0.01);
  print('main fails');
  py.floordiv(1n, 0n);
}
await main();
`,
    cpython: ['main fails'],
    native: ['main fails'],
    outcome: ZERO_DIVISION,
    cpythonOutcome: ZERO_DIVISION,
  },
  {
    name: 'a never-awaited call that raises crashes Node (unhandled rejection); Python never ran it',
    python: `${header}async def bad():
    await asyncio.sleep(0.01)
    print("bad fails")
    1 // 0


async def main():
    bad()
    await asyncio.sleep(0.02)
    print("main done")


asyncio.run(main())
`,
    ts: `const { sleep, print, py } = rt;
async function bad() {
  await sleep(0.01);
  print('bad fails');
  py.floordiv(1n, 0n);
}
async function main() {
  bad();
  await sleep(0.02);
  print('main done');
}
await main();
`,
    cpython: ['main done'],
    native: ['bad fails'],
    outcome: ZERO_DIVISION,
  },
  {
    name: 'a created task that raises and is never awaited: task() watches it, so neither side crashes',
    python: `${header}async def bad():
    await asyncio.sleep(0.01)
    print("bad fails")
    1 // 0


async def main():
    t = asyncio.create_task(bad())
    await asyncio.sleep(0.02)
    print("main done", t.done())


asyncio.run(main())
`,
    ts: `const { sleep, task, print, py } = rt;
async function bad() {
  await sleep(0.01);
  print('bad fails');
  py.floordiv(1n, 0n);
}
async function main() {
  const t = task(bad());
  await sleep(0.02);
  print('main done', t.done());
}
await main();
`,
    cpython: ['bad fails', 'main done True'],
    native: ['bad fails', 'main done True'],
    outcome: { kind: 'ok' },
  },
  {
    name: 'delays are whole milliseconds: 0.0119 s and 0.011 s tie at 11 ms and wake FIFO',
    python: `${header}async def a():
    await asyncio.sleep(0.0119)
    print("a 0.0119")


async def b():
    await asyncio.sleep(0.011)
    print("b 0.011")


async def main():
    ta = asyncio.create_task(a())
    tb = asyncio.create_task(b())
    await ta
    await tb


asyncio.run(main())
`,
    ts: `const { sleep, task, print } = rt;
async function a() {
  await sleep(0.0119);
  print('a 0.0119');
}
async function b() {
  await sleep(0.011);
  print('b 0.011');
}
async function main() {
  const ta = task(a());
  const tb = task(b());
  await ta;
  await tb;
}
await main();
`,
    cpython: ['b 0.011', 'a 0.0119'],
    native: ['a 0.0119', 'b 0.011'],
    nativeTimes: [0.011, 0.011],
    outcome: { kind: 'ok' },
  },
  {
    name: 'cancel() cannot cancel a promise: it returns False and the body finishes',
    python: `${header}async def w():
    await asyncio.sleep(0.01)
    print("w finished")


async def main():
    t = asyncio.create_task(w())
    print("cancel", t.cancel())
    await asyncio.sleep(0.02)
    print(t.done(), t.cancelled())


asyncio.run(main())
`,
    ts: `const { sleep, task, print } = rt;
async function w() {
  await sleep(0.01);
  print('w finished');
}
async function main() {
  const t = task(w());
  print('cancel', t.cancel());
  await sleep(0.02);
  print(t.done(), t.cancelled());
}
await main();
`,
    cpython: ['cancel True', 'True True'],
    native: ['cancel False', 'w finished', 'True False'],
    outcome: { kind: 'ok' },
  },
  {
    name: 'main awaiting a promise nothing settles: deadlock (Node exits 13)',
    ts: `const { print } = rt;
async function main() {
  print('waiting forever');
  await new Promise(() => {});
}
await main();
`,
    native: ['waiting forever'],
    outcome: { kind: 'deadlock' },
  },
];
