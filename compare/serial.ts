/**
 * Runs async jobs one at a time, in call order. The port keeps loop-global state (the
 * running loop, the current task, the print sink), so two programs must never run on it
 * at once, while the oracle's workers run many in parallel.
 */
export function serial(): <T>(job: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job, job);
    tail = result.catch(() => undefined);
    return result;
  };
}
