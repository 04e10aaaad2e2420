import { describe, expect, it } from 'vitest';
import type { Expr, Program, RunResult, Stmt } from '../../ir/program.ts';
import { BUCKET_RULES, classify } from '../../compare/buckets.ts';

const str = (value: string): Expr => ({ kind: 'str', value });
const print = (label: string): Stmt => ({ kind: 'expr', expr: { kind: 'builtin', func: 'print', args: [str(label)], keywords: [] } });
const call = (func: string): Expr => ({ kind: 'call', func, args: [], keywords: [] });
const sleep = (d: number): Stmt => ({
  kind: 'expr',
  expr: { kind: 'await', value: { kind: 'asyncio', func: 'sleep', args: [{ kind: d === Math.trunc(d) ? 'int' : 'float', value: d }], keywords: [] } },
});
const program = (main: Stmt[], worker: Stmt[]): Program => ({
  functions: [
    { name: 'main', isAsync: true, params: [], body: main },
    { name: 'worker', isAsync: true, params: [], body: worker },
  ],
  body: [],
});
/** `try: yield 'x' finally: print(label)`: an async generator's body that prints when it closes. */
const agenClosingBody = (label: string): Stmt[] => [
  { kind: 'try', body: [{ kind: 'expr', expr: { kind: 'yield', value: str('x') } }], handlers: [], orelse: [], finalbody: [print(label)] },
];
const run = (entries: Array<[string, number]>): RunResult => ({
  trace: entries.map(([text, time]) => ({ text: `${text}\n`, time, task: null, iteration: 0 })),
  outcome: { kind: 'ok' },
  endTime: 0,
  iterations: 0,
});

const startsTask: Stmt = { kind: 'assign', target: { kind: 'name', id: 't' }, value: { kind: 'asyncio', func: 'create_task', args: [call('worker')], keywords: [] } };

describe('bucket rules', () => {
  it('eager start: a task that got ahead of its creator, also when it printed after an await', () => {
    const p = program([startsTask, sleep(0.3), print('main:2')], [sleep(0.3), print('worker:1')]);
    expect(classify(p, run([['main:2', 0.300003], ['worker:1', 0.300004]]), run([['worker:1', 0.3], ['main:2', 0.3]]))).toBe('eager-start');
  });

  it('eager start: the task body printed before its creator went on', () => {
    const p = program([startsTask, print('main:1')], [print('worker:0')]);
    expect(classify(p, run([['main:1', 0], ['worker:0', 0]]), run([['worker:0', 0], ['main:1', 0]]))).toBe('eager-start');
  });

  it('no shutdown cancellation: extra output after main, nothing missing', () => {
    const p = program([startsTask, print('main:1')], [sleep(1), print('worker:1')]);
    expect(classify(p, run([['main:1', 0]]), run([['main:1', 0], ['worker:1', 1]]))).toBe('no-shutdown-cancellation');
  });

  it('a coroutine never awaited ran', () => {
    const p = program([{ kind: 'assign', target: { kind: 'name', id: 'c' }, value: call('worker') }, print('main:1')], [print('worker:0')]);
    expect(classify(p, run([['main:1', 0]]), run([['worker:0', 0], ['main:1', 0]]))).toBe('coroutine-never-awaited-ran');
  });

  it('an exception from code nobody awaited: the never-awaited coroutine raised, and JS ended the program with it', () => {
    const raise: Stmt = { kind: 'raise', exc: { kind: 'excCall', name: 'ValueError', args: [str('worker:0')] } };
    const p = program([{ kind: 'assign', target: { kind: 'name', id: 'c' }, value: call('worker') }, print('main:1')], [raise]);
    const raised = { ...run([['main:1', 0]]), outcome: { kind: 'exception' as const, type: 'ValueError', message: "'worker:0'" } };
    expect(classify(p, run([['main:1', 0]]), raised)).toBe('unawaited-rejection');
    // The same exception on both sides is no difference of this kind.
    expect(classify(p, raised, { ...raised, trace: [] })).not.toBe('unawaited-rejection');
  });

  it('timer tie order: CPython printed both at one instant, in the other order', () => {
    const p = program([startsTask, sleep(0.5), print('main:2')], [sleep(0.5), print('worker:1')]);
    expect(classify(p, run([['worker:1', 0.5], ['main:2', 0.5]]), run([['main:2', 0.5], ['worker:1', 0.5]]))).toBe('timer-tie-order');
  });

  it('float deadline: CPython printed them at nearly the same time', () => {
    const p = program([startsTask, sleep(0.3), print('main:2')], [sleep(0.1), sleep(0.2), print('worker:2')]);
    expect(classify(p, run([['worker:2', 0.300003], ['main:2', 0.300005]]), run([['main:2', 0.3], ['worker:2', 0.3]]))).toBe('float-deadline');
  });

  it('wake-up latency: CPython printed it at the same time, one loop iteration later', () => {
    const p = program([startsTask, sleep(0.1), print('main:2')], [sleep(0.1), print('worker:1')]);
    const expected = run([['worker:1', 0.100004], ['main:2', 0.100004]]);
    expected.trace[1].iteration = 3;
    expected.trace[0].iteration = 2;
    const actual = run([['main:2', 0.1], ['worker:1', 0.1]]);
    expect(classify(p, expected, actual)).toBe('wakeup-latency');
  });

  it('set iteration order: the same lines but a printed set lists its items in another order', () => {
    const p = program([print('x')], []);
    expect(classify(p, run([["{10, 3, 'a'}", 0], ['done', 0]]), run([["{3, 'a', 10}", 0.001], ['done', 0.001]]))).toBe('set-iteration-order');
    // Other characters, or no braces: not this cause.
    expect(classify(p, run([['{10, 3}', 0]]), run([['{10, 4}', 0]]))).not.toBe('set-iteration-order');
    expect(classify(p, run([['[10, 3]', 0]]), run([['[3, 10]', 0]]))).not.toBe('set-iteration-order');
  });

  it('a task looks different from outside: the same line, another done()', () => {
    const done: Stmt = { kind: 'expr', expr: { kind: 'builtin', func: 'print', args: [str('main:1'), { kind: 'method', object: { kind: 'name', id: 't' }, method: 'done', args: [], keywords: [] }], keywords: [] } };
    const p = program([startsTask, done], [print('worker:0')]);
    expect(classify(p, run([['main:1 False', 0], ['worker:0', 0]]), run([['main:1 True', 0], ['worker:0', 0]]))).toBe('task-state-observed');
  });

  it("an async generator's cleanup never ran: CPython's loop closed it (shutdown_asyncgens), the JS side left it suspended", () => {
    const agenBody: Stmt[] = [
      { kind: 'try', body: [{ kind: 'expr', expr: { kind: 'yield', value: str('x') } }], handlers: [], orelse: [], finalbody: [print('ticker finally')] },
    ];
    const p: Program = {
      functions: [
        { name: 'main', isAsync: true, params: [], body: [print('main:1')] },
        { name: 'ticker', isAsync: true, params: [], body: agenBody },
      ],
      body: [],
    };
    expect(classify(p, run([['main:1', 0], ['ticker finally', 0]]), run([['main:1', 0]]))).toBe('asyncgen-not-finalized');
    // The same missing line from a coroutine that is no generator is plain missing output.
    const coroutine: Program = { ...p, functions: [p.functions[0], { ...p.functions[1], body: [print('ticker finally')] }] };
    expect(classify(coroutine, run([['main:1', 0], ['ticker finally', 0]]), run([['main:1', 0]]))).toBe('missing-output');
  });

  it("an async generator's steps let another task in: the same lines in another order (native path 504 of seed 42, seededRandom on)", () => {
    const agen: Stmt = { kind: 'def', def: { name: 'agen1', isAsync: true, params: [], body: [{ kind: 'expr', expr: { kind: 'yield', value: str('x') } }] } };
    const twoTasks = program([agen, print('worker2:1'), print('worker2:2')], []);
    const cpython = run([['worker2:1', 0], ['worker2:2', 0], ['worker2:1', 0], ['worker2:2', 0]]);
    const interleaved = run([['worker2:1', 0], ['worker2:1', 0], ['worker2:2', 0], ['worker2:2', 0]]);
    expect(classify(twoTasks, cpython, interleaved)).toBe('asyncgen-steps-interleave');
    // Without an async generator the same reordering is not this cause; with a line missing neither.
    const plain = program([print('worker2:1'), print('worker2:2')], []);
    expect(classify(plain, cpython, interleaved)).not.toBe('asyncgen-steps-interleave');
    expect(classify(twoTasks, cpython, run([['worker2:1', 0], ['worker2:1', 0], ['worker2:2', 0]]))).not.toBe('asyncgen-steps-interleave');
    // The same labels printing other values (another CPython's libm digits) are no reordering.
    expect(classify(twoTasks, run([['worker2:1 0.5', 0], ['worker2:2', 0]]), run([['worker2:1 0.50001', 0], ['worker2:2', 0]]))).not.toBe('asyncgen-steps-interleave');
  });

  it('a duration measured with the clock prints other last digits: clock-read-cost (native path 1103 of seed 7)', () => {
    const p = program([print('worker1:0'), print('main:5')], []);
    const cpython = run([['worker1:0 0.07000100000000009', 0.57], ['main:5 None', 0.57]]);
    expect(classify(p, cpython, run([['worker1:0 0.06999999999999995', 0], ['main:5 None', 0]]))).toBe('clock-read-cost');
    // Values further apart than clock reads, or other text: not this cause.
    expect(classify(p, cpython, run([['worker1:0 0.5', 0], ['main:5 None', 0]]))).not.toBe('clock-read-cost');
    expect(classify(p, cpython, run([['worker1:0 0.07000100000000009', 0], ['main:5 1', 0]]))).not.toBe('clock-read-cost');
  });

  it("a nested async generator's cleanup never ran (the generator feature's kept generator): the same cause", () => {
    const agen: Stmt = { kind: 'def', def: { name: 'agen0', isAsync: true, params: [], body: agenClosingBody('main:2') } };
    const nested = program([agen, print('main:1')], []);
    expect(classify(nested, run([['main:1', 0], ['main:2 closed', 0]]), run([['main:1', 0]]))).toBe('asyncgen-not-finalized');
    // A nested def that is no generator: plain missing output.
    const plain: Stmt = { kind: 'def', def: { name: 'report0', isAsync: true, params: [], body: [print('main:2')] } };
    expect(classify(program([plain, print('main:1')], []), run([['main:1', 0], ['main:2 closed', 0]]), run([['main:1', 0]]))).toBe('missing-output');
  });

  it('a crash of the other side is its own bucket', () => {
    const p = program([print('main:0')], []);
    const crashed: RunResult = { trace: [], outcome: { kind: 'crash', message: 'TypeError: x is undefined' }, endTime: 0, iterations: 0 };
    expect(classify(p, run([['main:0', 0]]), crashed)).toBe('side-crash');
  });

  it('unclassified when no rule explains it, never dropped', () => {
    const p = program([print('main:0')], []);
    expect(classify(p, run([['main:0', 0]]), run([['something else', 0]]))).toBe('unclassified');
  });

  describe('gather of an already-done task (3.11 against 3.12+)', () => {
    const gatherT: Stmt = { kind: 'expr', expr: { kind: 'await', value: { kind: 'asyncio', func: 'gather', args: [{ kind: 'name', id: 't' }], keywords: [] } } };
    const gathering = program([startsTask, sleep(0), gatherT, print('main:2')], [print('worker:0')]);
    /** Entries with their loop iteration: [text, time, iteration]. */
    const runAt = (entries: Array<[string, number, number]>): RunResult => {
      const r = run(entries.map(([text, time]) => [text, time]));
      entries.forEach(([, , iteration], i) => (r.trace[i].iteration = iteration));
      return r;
    };

    it('the gathering task resumes 2 iterations apart, the same lines (3.12 against 3.11, as `check --oracle system --target cpython-3.12` shrinks it)', () => {
      const old = runAt([['worker:0', 0.000001, 1], ['main:2', 0.000004, 4]]);
      const now = runAt([['worker:0', 0.000001, 1], ['main:2', 0.000002, 2]]);
      expect(classify(gathering, old, now)).toBe('gather-done-child');
      expect(classify(gathering, now, old)).toBe('gather-done-child');
    });

    it('another task prints in between on the slower side', () => {
      const now = runAt([['worker:0', 0.000002, 2], ['main:2', 0.000002, 2], ['worker:0', 0.000003, 3]]);
      const old = runAt([['worker:0', 0.000002, 2], ['worker:0', 0.000003, 3], ['worker:0', 0.000004, 4], ['main:2', 0.000004, 4]]);
      expect(classify(gathering, now, old)).toBe('gather-done-child');
    });

    it('not without a gather, nor when the gap is not 2 iterations', () => {
      const plain = program([startsTask, sleep(0), print('main:2')], [print('worker:0')]);
      const old = runAt([['main:2', 0.000004, 4]]);
      const now = runAt([['main:2', 0.000002, 2]]);
      expect(classify(plain, old, now)).not.toBe('gather-done-child');
      expect(classify(gathering, runAt([['main:2', 0.000003, 3]]), now)).not.toBe('gather-done-child');
    });
  });

  it('a ZeroDivisionError worded by another version (3.14 against 3.11)', () => {
    const p = program([print('main:0')], []);
    const raised = (message: string): RunResult => ({ ...run([['main:0', 0]]), outcome: { kind: 'exception', type: 'ZeroDivisionError', message } });
    expect(classify(p, raised('integer division or modulo by zero'), raised('division by zero'))).toBe('zero-division-message');
    const other: RunResult = { ...run([['main:0', 0]]), outcome: { kind: 'exception', type: 'ValueError', message: 'x' } };
    expect(classify(p, raised('division by zero'), other)).toBe('outcome');
  });

  it('every rule has a unique name, a title and a description', () => {
    const names = BUCKET_RULES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of BUCKET_RULES) expect(rule.title.length * rule.description.length).toBeGreaterThan(0);
  });
});

describe('bucket rules of the asyncio API (issue 9)', () => {
  const waitFor: Stmt = {
    kind: 'expr',
    expr: { kind: 'await', value: { kind: 'asyncio', func: 'wait_for', args: [call('worker'), { kind: 'float', value: 0.1 }], keywords: [] } },
  };
  const raised = (type: string, message: string): RunResult => ({ ...run([['main:1', 0]]), outcome: { kind: 'exception', type, message } });

  it('a timeout that does not cancel: the loser printed, what followed the timeout did not', () => {
    const p = program([waitFor, print('main:2')], [sleep(1), print('worker:1')]);
    expect(classify(p, run([['main:2', 0.1]]), run([['worker:1', 1]]))).toBe('timeout-does-not-cancel');
  });

  it('not without a cancelling timeout in the program', () => {
    const p = program([print('main:2')], [sleep(1), print('worker:1')]);
    expect(classify(p, run([['main:2', 0.1]]), run([['worker:1', 1]]))).not.toBe('timeout-does-not-cancel');
  });

  it('a method promises do not have: AttributeError on the native stand-in only', () => {
    const p = program([print('main:1')], []);
    expect(classify(p, run([['main:1', 0]]), raised('AttributeError', "'Promise' object has no attribute 'set_name'"))).toBe('missing-asyncio-api');
    expect(classify(p, raised('AttributeError', "'Promise' object has no attribute 'x'"), raised('AttributeError', "'Promise' object has no attribute 'x'"))).not.toBe('missing-asyncio-api');
  });
});

describe('issue 9 buckets: what the native stand-ins of asyncio sync, timeout and TaskGroup cannot do', () => {
  const uses = (func: string): Stmt => ({ kind: 'assign', target: { kind: 'name', id: 'x' }, value: { kind: 'asyncio', func: func as never, args: [], keywords: [] } });

  it('a timeout block that ran on: output after the deadline', () => {
    const p = program([uses('timeout'), sleep(1), print('main:1')], []);
    expect(classify(p, run([]), run([['main:1', 1]]))).toBe('timeout-block-not-cancelled');
  });

  it("a timeout's state looks different: the same line, another expired()", () => {
    const p = program([uses('timeout'), print('main:1')], []);
    expect(classify(p, run([['main:1 in time True', 0]]), run([['main:1 in time False', 0]]))).toBe('timeout-state-observed');
    // The same traces without a timeout are someone else's.
    expect(classify(program([print('main:1')], []), run([['main:1 in time True', 0]]), run([['main:1 in time False', 0]]))).not.toBe('timeout-state-observed');
    // Nor is a line whose measured time differs (time.monotonic() under the realistic clock).
    expect(classify(p, run([['main:1 0.060004', 0]]), run([['main:1 0.06', 0]]))).not.toBe('timeout-state-observed');
  });

  it('a TimeoutError without its cause: CancelledError() in CPython, None on the other side', () => {
    const p = program([uses('wait_for'), print('main:1')], []);
    expect(classify(p, run([['main:1 TimeoutError() CancelledError()', 0]]), run([['main:1 TimeoutError() None', 0]]))).toBe('timeout-error-without-cause');
    expect(classify(program([print('main:1')], []), run([['main:1 TimeoutError() CancelledError()', 0]]), run([['main:1 TimeoutError() None', 0]]))).not.toBe('timeout-error-without-cause');
  });

  it("a TaskGroup whose failing child did not cancel its sibling", () => {
    const p = program([uses('TaskGroup'), print('main:1')], [sleep(1), print('worker:1')]);
    const failed = { ...run([]), outcome: { kind: 'exception' as const, type: 'ExceptionGroup', message: 'unhandled errors in a TaskGroup (1 sub-exception)' } };
    expect(classify(p, failed, { ...run([['worker:1', 1]]), outcome: failed.outcome })).toBe('taskgroup-siblings-not-cancelled');
  });

  it('waiters of a Lock woke in another order, when no other rule explains it', () => {
    const p = program([uses('Lock'), print('main:1'), print('main:2')], []);
    expect(classify(p, run([['main:1', 0], ['main:2', 0]]), run([['main:2', 0], ['main:1', 0]]))).toBe('sync-waiter-order');
    // Without a primitive the same traces are someone else's (or unclassified).
    expect(classify(program([print('main:1'), print('main:2')], []), run([['main:1', 0], ['main:2', 0]]), run([['main:2', 0], ['main:1', 0]]))).not.toBe('sync-waiter-order');
  });
});
