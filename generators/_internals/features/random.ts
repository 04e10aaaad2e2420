/**
 * Seeded `random` (issue 8 item 8): `random.seed(k)` then `randint`, `random()`, `shuffle`,
 * `choice`/`randrange`, `sample`/`uniform`, and a sleep whose delay `random.choice` picks.
 *
 * Why valid and deterministic: both sides run CPython's Mersenne Twister from the same
 * state (the run's seed, or the program's `random.seed`), and asyncio's order of steps is
 * deterministic, so the calls consume the generator in the same order on both sides. Every
 * result is printed or used as one of the run's delays, so the program terminates.
 */
import type { Expr } from '../../../ir/program.ts';
import type { FeatureModule } from './feature.ts';
import { assign, asyncio, awaitOf, builtin, exprStmt, int, list, name, number, print, range, stdlib, str } from './build.ts';

/** picks: form, a small int. */
export const seededRandom: FeatureModule = {
  feature: 'seededRandom',
  picks: [5, 3],
  appearsIn: (python) => python.includes('random.'),
  lower([form, k], _call, ctx) {
    ctx.useModule('random');
    const r = (func: string, ...args: Expr[]): Expr => stdlib('random', func, ...args);
    // The random sleep needs asyncio.sleep and a choice between different delays.
    const randomSleep = ctx.features.sleep && new Set([0, 1, 2].map((j) => ctx.delay(k + j))).size > 1;
    switch (form % 6 === 5 && !randomSleep ? 1 : form % 6) {
      case 0:
        ctx.charge(2);
        return [exprStmt(r('seed', int(k))), print(ctx.label, r('randint', int(1), int(6)))];
      case 1:
        ctx.charge(1);
        return [print(ctx.label, r('random'))];
      case 2: {
        ctx.charge(3);
        const xs = `xs${ctx.index}`;
        return [assign(xs, builtin('list', range(int(k + 3)))), exprStmt(r('shuffle', name(xs))), print(ctx.label, name(xs))];
      }
      case 3:
        ctx.charge(1);
        return [print(ctx.label, r('choice', list(str('a'), str('b'), str('c'))), r('randrange', int(10 + k)))];
      case 4:
        ctx.charge(1);
        return [print(ctx.label, r('sample', range(int(10)), int(k + 1)), r('uniform', int(0), int(k + 1)))];
      default: {
        ctx.charge(1);
        const delays = [0, 1, 2].map((j) => number(ctx.delay(k + j)));
        return [exprStmt(awaitOf(asyncio('sleep', r('choice', list(...delays)))))];
      }
    }
  },
};
