/**
 * The `time` module on the virtual clock (issue 8 item 8): `time.sleep(d)` blocks the loop
 * (every other task waits: the classic lesson) and advances the virtual clock by `d`;
 * `time.monotonic()` differences printed across an `await asyncio.sleep(d)` or a
 * `time.sleep(d)`.
 *
 * Why valid and deterministic: both sides read one virtual clock (runtime/time.ts, the
 * oracle's worker), so the printed differences are the same floats; a blocking sleep is
 * finite and never awaits, so it changes only when timers fire, never whether the program
 * ends. Delays come from the run's `delays`.
 */
import type { FeatureModule } from './feature.ts';
import { assign, exprStmt, name, number, print, sleep, stdlib, sub } from './build.ts';

/** picks: form, delay. */
export const blockingSleep: FeatureModule = {
  feature: 'blockingSleep',
  picks: [2, 8],
  appearsIn: (python) => python.includes('time.sleep(') || python.includes('time.monotonic()'),
  lower([form, delay], _call, ctx) {
    ctx.useModule('time');
    const d = ctx.delay(delay);
    const block = exprStmt(stdlib('time', 'sleep', number(d)));
    if (form % 3 === 0) {
      ctx.charge(1);
      return [block];
    }
    ctx.charge(3);
    const start = `start${ctx.index}`;
    return [
      assign(start, stdlib('time', 'monotonic')),
      form % 3 === 1 && ctx.features.sleep ? sleep(d) : block,
      print(ctx.label, sub(stdlib('time', 'monotonic'), name(start))),
    ];
  },
};
