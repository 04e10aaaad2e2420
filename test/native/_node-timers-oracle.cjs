// Replays timer scenarios through Node's own lib/internal/timers.js (needs --expose-internals)
// on a virtual clock, for test/native/node_timers.test.ts.
//
// A scenario is a forest of timers: `{ label, ms, children }`. The roots are inserted at time
// 0; when a timer fires it inserts its children at the time it fired. Node's `insert` takes
// the start time as an argument and `processTimers` takes `now`, so no real time is involved.
// Everything runs synchronously, then the process exits before libuv could fire anything.
'use strict';
const { Timeout, insert, getTimerCallbacks } = require('internal/timers');

const { processTimers } = getTimerCallbacks(() => {});
const scenarios = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));

function run(roots) {
  const fired = [];
  let now = 0;
  const add = (spec) => {
    const t = new Timeout(() => {
      fired.push([spec.label, now]);
      for (const child of spec.children) add(child);
    }, spec.ms, undefined, false, false);
    insert(t, t._idleTimeout, now);
  };
  for (const root of roots) add(root);
  for (let guard = 0; guard < 100000; guard++) {
    const next = processTimers(now);
    if (next === 0) return fired;
    now = Math.abs(next);
  }
  throw new Error('runaway scenario');
}

process.stdout.write(JSON.stringify(scenarios.map(run)));
process.exit(0);
