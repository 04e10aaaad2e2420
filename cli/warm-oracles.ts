/**
 * Oracles kept running between `main(argv, io)` calls of one process, for a caller that runs
 * the CLI many times in-process (the test suite: `test/cli/_cli.ts`). From a shell every
 * command starts its oracle and stops it, and that stays so: `bin/` passes no `startOracle`.
 * But starting CPython and its worker costs about a quarter of a second (an embedded build,
 * seconds), and a test file that runs 400 commands spent most of its time there.
 *
 * `start` lends an idle oracle started earlier with the same options, else starts one with
 * the product's `startOracle`; the lent oracle's `close()` gives it back instead of ending it.
 * One command at a time per oracle, as when each starts its own: commands running side by
 * side borrow different ones. The oracle is the product's own pool, which replaces a worker
 * that crashed or hung, so what a command sees is what a fresh one shows. `close()` ends
 * them all.
 */
import { PYTHON_ENV_VAR } from '../oracle/find-python.ts';
import { startOracle, type Oracle, type StartOracleOptions } from '../oracle/oracles.ts';

export class WarmOracles {
  private readonly idle = new Map<string, Oracle[]>();
  private readonly started: Oracle[] = [];
  private closed = false;

  /** In place of oracle/oracles.ts `startOracle` (CliIo.startOracle). */
  readonly start = async (opts: StartOracleOptions): Promise<Oracle> => {
    if (this.closed) throw new Error('WarmOracles: closed');
    // What decides which interpreter starts and how: `system` reads the environment variable when no --python is given.
    const key = JSON.stringify([opts.oracle ?? 'system', opts.python ?? process.env[PYTHON_ENV_VAR] ?? '', opts.workers ?? 0, opts.killGraceMs ?? 0]);
    let oracle = this.idle.get(key)?.pop();
    if (oracle === undefined) {
      oracle = await startOracle(opts);
      this.started.push(oracle);
    }
    return lent(oracle, () => {
      if (this.closed) return oracle.close();
      this.idle.set(key, [...(this.idle.get(key) ?? []), oracle]);
      return Promise.resolve();
    });
  };

  /** How many oracles this has started and not ended (lent or idle). */
  get running(): number {
    return this.started.length;
  }

  /** Ends every oracle started here (lent ones included: call it when no command runs). */
  async close(): Promise<void> {
    this.closed = true;
    this.idle.clear();
    await Promise.all(this.started.splice(0).map((oracle) => oracle.close()));
  }
}

/** The oracle, whose `close()` gives it back (once) instead of ending it. */
function lent(oracle: Oracle, giveBack: () => Promise<void>): Oracle {
  let returned = false;
  return {
    get info() {
      return oracle.info;
    },
    get size() {
      return oracle.size;
    },
    get features() {
      return oracle.features;
    },
    run: (source, opts) => oracle.run(source, opts),
    runCountingClockReads: (source, opts) => oracle.runCountingClockReads(source, opts),
    importSource: (source, filename) => oracle.importSource(source, filename),
    close: () => {
      if (returned) return Promise.resolve();
      returned = true;
      return giveBack();
    },
  };
}
