/**
 * Queues (issue 9 item 2): an `asyncio.Queue`, `PriorityQueue` or `LifoQueue` with `maxsize`
 * 1 or 2, so `put` blocks; consumer tasks each `await q.get()` a fixed number of items,
 * printing what they got and `qsize()`, then `task_done()`; the statement puts the items
 * (`await q.put(...)`, printing `qsize()` and `full()`), `await q.join()`s, prints `empty()`
 * and gathers the consumers. Variants: the queue filled first with `put_nowait` until a
 * `put_nowait` raises QueueFull (caught); the consumers left to reach `get()` first (a yield),
 * then a `get_nowait` on the drained queue raising QueueEmpty (caught); a yield between puts.
 * PriorityQueue items are `(priority, str)` tuples, the others ints. Without `createTask` the
 * statement's own task puts and gets alone, with no waiting.
 *
 * Where the queue lives: created in the statement itself, its consumers a nested `async def`
 * (closing over it) run as tasks the statement makes and gathers.
 *
 * Why valid, terminating and deterministic:
 * - The statement puts exactly as many items as the consumers get (consumers x items each),
 *   and the queue holds at least one: whenever the producer waits for a slot the queue is full,
 *   so some consumer still has gets to do and is not waiting; whenever every waiting consumer
 *   waits for an item the queue is empty, so the producer still has puts to do and is not
 *   waiting. So every `put`, `get` and `join()` returns, every consumer ends, and `gather`
 *   returns: nothing is left waiting when the statement ends. QueueFull is only provoked on a
 *   full queue (the prefill reaches `maxsize`), QueueEmpty only on the drained one.
 * - Consumers never call other functions and never catch anything: none can die before its
 *   `task_done()` (which would leave `join()` waiting forever), and if the enclosing task is
 *   cancelled (or `asyncio.run`'s shutdown cancels a statement left running), they get
 *   CancelledError at `get()` and print nothing, so no output depends on the shutdown's set order.
 * - Names carry the statement's index; items are ints or tuples of an int and a str (ordered
 *   by `<` on both sides, ties impossible: the str differs). `asyncio.sleep` only with `sleep`.
 */
import type { Expr, Stmt } from '../../../ir/program.ts';
import type { FeatureModule } from './feature.ts';
import { add, assign, asyncio, awaitOf, builtin, def, excClass, exprStmt, gatherAll, int, method, mul, name, print, range, sleep, str, target, tasksOf, tryExcept } from './build.ts';

const forIn = (variable: string, iter: Expr, body: Stmt[]): Stmt => ({ kind: 'for', target: target(variable), iter, body });

const KINDS = ['Queue', 'PriorityQueue', 'LifoQueue'] as const;

/**
 * The `j`th item put (`j` a number, or the name of a loop variable holding it): an int, or for
 * a PriorityQueue a `(priority, str)` tuple (priorities repeat, the strs do not).
 */
function item(kind: (typeof KINDS)[number], j: number | string): Expr {
  const priority = typeof j === 'number' ? int((j * 7 + 3) % 5) : mod(add(mul(name(j), int(7)), int(3)), int(5));
  if (kind !== 'PriorityQueue') return priority;
  return { kind: 'tuple', elts: [priority, typeof j === 'number' ? str(String(j)) : builtin('str', name(j))] };
}
const mod = (left: Expr, right: Expr): Expr => ({ kind: 'binOp', op: '%', left, right });

/** picks: kind, consumers (1 + pick), items per consumer (1 + pick), maxsize (1 + pick), variant. */
export const queues: FeatureModule = {
  feature: 'queues',
  picks: [2, 2, 1, 1, 3],
  appearsIn: (python) => /= asyncio\.(Queue|PriorityQueue|LifoQueue)\(/.test(python),
  lower([kindPick, consumerPick, perPick, sizePick, variant], _call, ctx) {
    const kind = KINDS[kindPick % KINDS.length];
    const maxsize = 1 + sizePick;
    const i = ctx.index;
    const q = `q${i}`;
    const qs = (m: 'qsize' | 'full' | 'empty'): Expr => method(name(q), m);
    const made = assign(q, asyncio(kind, int(maxsize)));
    const e = `e${i}`;
    const emptyCheck = (): Stmt => tryExcept([exprStmt(method(name(q), 'get_nowait'))], [{ type: excClass('asyncio.QueueEmpty'), name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)), qs('empty'))] }]);
    const fullCheck = (): Stmt => tryExcept([exprStmt(method(name(q), 'put_nowait', item(kind, 9)))], [{ type: excClass('asyncio.QueueFull'), name: e, body: [print(ctx.nextLabel(), builtin('repr', name(e)), qs('full'))] }]);
    if (!ctx.features.createTask) {
      // Alone: fill to maxsize, overfill (QueueFull), drain, overdrain (QueueEmpty), join at once.
      ctx.charge(6 + 4 * maxsize);
      const v = `v${i}`;
      const out: Stmt[] = [made];
      for (let j = 0; j < maxsize; j++) out.push(j % 2 === 0 ? exprStmt(method(name(q), 'put_nowait', item(kind, j))) : exprStmt(awaitOf(method(name(q), 'put', item(kind, j)))));
      out.push(print(ctx.label, qs('qsize'), qs('full')), fullCheck());
      for (let j = 0; j < maxsize; j++) {
        out.push(assign(v, j % 2 === 0 ? awaitOf(method(name(q), 'get')) : method(name(q), 'get_nowait')), print(ctx.nextLabel(), name(v)), exprStmt(method(name(q), 'task_done')));
      }
      out.push(emptyCheck(), exprStmt(awaitOf(method(name(q), 'join'))), print(ctx.nextLabel(), qs('empty')));
      return out;
    }
    const consumers = 1 + consumerPick;
    const per = 1 + perPick;
    const total = consumers * per;
    const [consumer, cs, rs, got] = [`consumer${i}`, `cs${i}`, `rs${i}`, `item${i}`];
    const body: Stmt[] = [];
    for (let r = 0; r < per; r++) {
      body.push(
        assign(got, awaitOf(method(name(q), 'get'))),
        print(r === 0 ? ctx.label : ctx.nextLabel(), name('tag'), name(got), qs('qsize')),
        exprStmt(method(name(q), 'task_done')),
      );
    }
    body.push({ kind: 'return', value: name('tag') });
    const out: Stmt[] = [made, def({ name: consumer, isAsync: true, params: [{ name: 'tag' }], body })];
    let j = 0;
    if (variant % 4 === 1) { // fill with put_nowait first; overfill only when the prefill reaches maxsize
      for (; j < Math.min(maxsize, total); j++) out.push(exprStmt(method(name(q), 'put_nowait', item(kind, j))));
      if (j === maxsize) out.push(fullCheck());
    }
    out.push(assign(cs, tasksOf(consumer, `x${i}`, consumers)));
    const yields = ctx.features.sleep && variant % 4 >= 2;
    if (yields) out.push(sleep(0)); // the consumers reach get() first (those with nothing to get wait)
    const putting = (j: number | string): Stmt[] => [
      exprStmt(awaitOf(method(name(q), 'put', item(kind, j)))),
      print(ctx.nextLabel(), typeof j === 'number' ? int(j) : name(j), qs('qsize'), qs('full')),
      ...(yields && variant % 4 === 3 ? [sleep(0)] : []),
    ];
    const puts = total - j;
    if (ctx.loopsAllowed && puts > 1) out.push(forIn(`x${i}`, range(int(j), int(total)), putting(`x${i}`)));
    else for (; j < total; j++) out.push(...putting(j));
    out.push(exprStmt(awaitOf(method(name(q), 'join'))), print(ctx.nextLabel(), qs('empty'), qs('qsize')));
    out.push(assign(rs, gatherAll(cs)), print(ctx.nextLabel(), name(rs)));
    if (variant % 4 === 2) out.push(emptyCheck());
    ctx.charge(out.length + 3 * puts + consumers * (1 + 3 * per));
    return out;
  },
};
