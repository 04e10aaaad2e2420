/**
 * Test helpers: run small asyncio programs on real CPython 3.11 with the oracle's virtual
 * clocks (one python process per batch), and the same programs, hand-transpiled, on the port;
 * both produce RunResult-shaped traces to compare field by field (times to the bit).
 */
import { execa } from 'execa';
import type { ClockModel, RunResult, TraceEntry } from '../../ir/program.ts';
import * as asyncio from '../../port/index.ts';

import { PYTHON } from '../_support/python.ts';

export { PYTHON };

/**
 * The virtual loop as the oracle defines it: BaseEventLoop with a fake selector. CPython
 * 3.11's C Task keeps its own `Task-N` counter (not resettable from Python), so names are
 * renumbered per program from a probe task made just before the program runs.
 */
const RUNNER = String.raw`
import asyncio, asyncio.base_events as be, json, sys, re
class Deadlock(BaseException): pass
class Sel:
    def __init__(s, loop): s.loop = loop
    def select(s, timeout):
        if timeout is None: raise Deadlock()
        s.loop._virtual_now += timeout
        return []
class VLoop(be.BaseEventLoop):
    def __init__(self, clock):
        super().__init__()
        self._virtual_now = 0.0; self._clock = clock; self._selector = Sel(self)
        self._clock_resolution = 1e-9; self.iterations = 0
    def time(self):
        if self._clock == 'realistic': self._virtual_now += 1e-6
        return self._virtual_now
    def _process_events(self, ev): pass
    def _run_once(self):
        self.iterations += 1
        if self.iterations > 100000: raise Deadlock()
        super()._run_once()
class Policy(asyncio.DefaultEventLoopPolicy):
    def __init__(self, clock): super().__init__(); self.clock = clock; self.last = None
    def new_event_loop(self):
        self.last = VLoop(self.clock); return self.last
async def _probe(): pass
def probe_base():
    l = VLoop('ideal'); t = l.create_task(_probe()); l.run_until_complete(t); l.close()
    return int(t.get_name()[5:])
out = []
for req in json.loads(sys.stdin.read()):
    base = probe_base()
    trace = []
    def rename(name): return None if name is None else re.sub(r'Task-(\d+)', lambda m: 'Task-%d' % (int(m.group(1)) - base), name)
    def pr(*args, sep=' ', end='\n'):
        loop = asyncio.events._get_running_loop()
        task = asyncio.current_task() if loop else None
        trace.append({'text': sep.join(str(a) for a in args) + end, 'time': loop._virtual_now if loop else 0.0,
                      'task': rename(task.get_name()) if task else None, 'iteration': loop.iterations if loop else 0})
    policy = Policy(req['clock']); asyncio.set_event_loop_policy(policy)
    g = {'__name__': '__main__', 'print': pr, 'rename': rename}
    outcome = {'kind': 'ok'}
    try:
        exec(compile(req['source'], 'prog.py', 'exec'), g)
    except Deadlock:
        outcome = {'kind': 'deadlock'}
    except BaseException as e:
        outcome = {'kind': 'exception', 'type': type(e).__name__, 'message': str(e)}
    loop = policy.last
    out.append({'trace': trace, 'outcome': outcome, 'endTime': loop._virtual_now if loop else 0.0,
                'iterations': loop.iterations if loop else 0})
    asyncio.set_event_loop_policy(None)
print(json.dumps(out))
`;

export interface PyRequest {
  source: string;
  clock: ClockModel;
}

/** Runs each Python source on CPython with a virtual clock; one process for the batch. */
export async function runOnCPython(requests: PyRequest[]): Promise<RunResult[]> {
  const { stdout } = await execa(PYTHON, ['-c', RUNNER], { input: JSON.stringify(requests) });
  return JSON.parse(stdout) as RunResult[];
}

/** Python's `str()` for the few value kinds the hand-transpiled test programs print. */
export function pyStr(v: unknown): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint' || typeof v === 'string') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}.0` : String(v);
  if (Array.isArray(v)) return `[${v.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')}]`;
  if (v instanceof Error) return v.message;
  return String(v);
}

/** The port's side: a `print` that records trace entries exactly as the oracle does. */
export function makeRecorder(): { trace: TraceEntry[]; print: (...args: unknown[]) => void } {
  const trace: TraceEntry[] = [];
  const print = (...args: unknown[]): void => {
    const loop = asyncio._get_running_loop();
    const task = loop ? asyncio.current_task() : null;
    trace.push({
      text: args.map(pyStr).join(' ') + '\n',
      time: loop ? loop.virtualNow() : 0,
      task: task ? task.get_name() : null,
      iteration: loop ? loop.iterations : 0,
    });
  };
  return { trace, print };
}

/** A hand-transpiled program: given `print`, returns the coroutine `asyncio.run` gets. */
export type PortProgram = (print: (...args: unknown[]) => void) => asyncio.Coroutine<unknown>;

/** Runs a hand-transpiled program on the port with a virtual clock, as executeOnPort will. */
export async function runOnPort(program: PortProgram, clock: ClockModel): Promise<RunResult> {
  asyncio._reset_task_name_counter();
  const policy = new asyncio.VirtualClockPolicy({ clock });
  asyncio.set_event_loop_policy(policy);
  const { trace, print } = makeRecorder();
  let outcome: RunResult['outcome'] = { kind: 'ok' };
  try {
    await asyncio.run(program(print));
  } catch (e) {
    if (e instanceof asyncio.Deadlock) outcome = { kind: 'deadlock' };
    else if (e instanceof asyncio.BudgetExceeded) outcome = { kind: 'budget', limit: e.limit };
    else outcome = { kind: 'exception', type: (e as Error).constructor.name, message: (e as Error).message };
  } finally {
    asyncio.set_event_loop_policy(null);
  }
  const loop = policy.lastLoop;
  return { trace, outcome, endTime: loop ? loop.virtualNow() : 0, iterations: loop ? loop.iterations : 0 };
}

/** A program written twice: Python source for CPython, hand-transpiled TS for the port. */
export interface DualProgram {
  name: string;
  py: string;
  ts: PortProgram;
}

/** Runs every program on both sides under `clock`; returns pairs [cpython, port]. */
export async function runBoth(programs: DualProgram[], clock: ClockModel): Promise<Array<[RunResult, RunResult]>> {
  const expected = await runOnCPython(programs.map((p) => ({ source: p.py, clock })));
  const pairs: Array<[RunResult, RunResult]> = [];
  for (let i = 0; i < programs.length; i++) pairs.push([expected[i], await runOnPort(programs[i].ts, clock)]);
  return pairs;
}

/** The texts of a trace, one string per print (for readable assertions). */
export const texts = (r: RunResult): string[] => r.trace.map((e) => e.text.trimEnd());
