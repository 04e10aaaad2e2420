/**
 * SIGALRM for an embedded CPython. WebAssembly has no timers that interrupt running code, so
 * the Python side's `signal.setitimer` (bootstrap.py) tells the Node side its deadline, and
 * the Node side, when the deadline passes, raises SIGALRM through Pyodide's interrupt buffer
 * (a SharedArrayBuffer Python polls as CPython polls for signals). The worker's own handler
 * then ends the run exactly as it does in a process (`budget/wallclock`, what was printed so
 * far kept). Each `setitimer` call is a new generation: an alarm raised for an old one (the
 * program finished as the deadline passed) is dropped by the guard in bootstrap.py.
 */

/** Int32 slots of the shared buffer. Slot 0 is Pyodide's: the signal number to raise. */
export const SLOT_SIGNAL = 0;
export const SLOT_ARMED = 1;
export const SLOT_FIRED = 2;
export const ALARM_SLOTS = 3;

/** SIGALRM in Emscripten's (Linux's) numbering. */
export const SIGALRM = 14;

/** What the thread posts when Python calls `signal.setitimer(ITIMER_REAL, seconds, interval)`. */
export interface AlarmMessage {
  type: 'alarm';
  generation: number;
  seconds: number;
  interval: number;
}

export function newAlarmState(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(ALARM_SLOTS * Int32Array.BYTES_PER_ELEMENT));
}

/** The Node side of one thread's itimer: at most one deadline at a time, like ITIMER_REAL. */
export class AlarmClock {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly state: Int32Array) {}

  /** Arms (seconds > 0) or clears (seconds == 0) the timer, as `setitimer` does. */
  set(message: AlarmMessage): void {
    this.clear();
    if (message.seconds > 0) this.schedule(message.generation, message.seconds, message.interval);
  }

  clear(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(generation: number, seconds: number, interval: number): void {
    this.timer = setTimeout(() => {
      if (Atomics.load(this.state, SLOT_ARMED) !== generation) return; // re-armed or cleared since
      Atomics.store(this.state, SLOT_FIRED, generation);
      Atomics.store(this.state, SLOT_SIGNAL, SIGALRM);
      if (interval > 0) this.schedule(generation, interval, interval);
      else this.timer = undefined;
    }, seconds * 1000);
    this.timer.unref();
  }
}
