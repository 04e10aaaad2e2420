/**
 * `with` / `async with` as TypeScript (issue 9), the same text in both profiles except the
 * awaits, which the dialect writes. Ports PEP 343's expansion as CPython 3.11 compiles it
 * (several items nest, the first outermost):
 * ```
 * $m = py.withManager(<context>, isAsync);   // __aenter__ then __aexit__ looked up: TypeError if missing
 * <target> = await $m.enter();                // or the value dropped
 * $ok = true;
 * try { body }
 * catch ($c) {
 *   $ok = false;
 *   $i = py.withExcInfo($c);                 // (type, value, None); a JS error passes untouched
 *   let $r; try { $r = await $m.exit(...$i); } catch ($x) { throw py.leaveHandler($x, $i[1]); }
 *   if (!py.truthy($r)) throw $c;            // a true result suppresses
 * } finally { if ($ok) await $m.exit(null, null, null); }   // also on return/break/continue
 * ```
 */
import type { LineWriter } from './line-writer.ts';
import type { Stmt, Target, WithItem, WithStmt } from '../ir/program.ts';
import { out, type Out } from './dialect.ts';
import type { CatchNames, ExceptionContext } from './emit-exceptions.ts';
import { T } from './types.ts';

/** What this file asks of the emitter, for one function body. */
export interface WithEmitter<C extends ExceptionContext> {
  expr(e: WithItem['context'], ctx: C): Out;
  /** `await <value>` in the profile's spelling. */
  awaitCode(value: Out, ctx: C): string;
  store(w: LineWriter, target: Target, code: string, ctx: C): void;
  body(w: LineWriter, body: Stmt[], ctx: C): void;
}

export function emitWith<C extends ExceptionContext>(w: LineWriter, s: WithStmt, ctx: C, em: WithEmitter<C>, names: CatchNames): void {
  emitItems(w, s, 0, ctx, em, names);
}

function emitItems<C extends ExceptionContext>(w: LineWriter, s: WithStmt, k: number, ctx: C, em: WithEmitter<C>, names: CatchNames): void {
  if (k === s.items.length) {
    em.body(w, s.body, ctx);
    return;
  }
  const item = s.items[k];
  const m = ctx.temps.fresh('ReturnType<typeof py.withManager>');
  const ok = ctx.temps.fresh('boolean');
  const call = (code: string): string => (s.isAsync ? em.awaitCode(out(code, T.any), ctx) : code);
  w.writeLine(`${m} = py.withManager(${em.expr(item.context, ctx).code}, ${s.isAsync});`);
  const entered = call(`${m}.enter()`);
  if (item.target === undefined) w.writeLine(`${entered};`);
  else em.store(w, item.target, entered, ctx);
  w.writeLine(`${ok} = true;`);
  w.write('try ').inlineBlock(() => emitItems(w, s, k + 1, ctx, em, names));
  const c = names.fresh();
  w.write(` catch (${c}) `).inlineBlock(() => {
    const info = ctx.temps.fresh('[PyValue, PyValue, PyValue]');
    const result = ctx.temps.fresh('PyValue');
    const x = names.fresh();
    w.writeLine(`${ok} = false;`);
    w.writeLine(`${info} = py.withExcInfo(${c});`);
    w.write('try ').inlineBlock(() => w.writeLine(`${result} = ${call(`${m}.exit(...${info})`)};`));
    w.write(` catch (${x}) `).block(() => w.writeLine(`throw py.leaveHandler(${x}, ${info}[1]);`));
    w.writeLine(`if (!py.truthy(${result})) throw ${c};`);
  });
  w.write(' finally ').block(() => w.writeLine(`if (${ok}) ${call(`${m}.exit(null, null, null)`)};`));
}
