/**
 * The handlers of `try: ... except* T as eg: ...` (PEP 654, issue 9) as TypeScript; the `try`
 * around them, `else` and `finally` are emit-exceptions.ts's. Each handler runs with the part
 * of what is left that its types match; what it raises is kept and the next handlers still
 * run; at the end runtime/except-star.ts raises what is left and what they raised:
 * ```
 * $s = py.starBegin($c);                            // a harness (JS) error is rethrown untouched
 * if (($m = py.starMatch($s, T)) !== null) {
 *   $h = $m; eg = $h;
 *   try { handler } catch ($x) { py.starRaised($s, py.leaveHandler($x, $h)); } finally { eg = undefined!; }
 * }
 * py.starEnd($s);
 * ```
 */
import type { LineWriter } from './line-writer.ts';
import type { TryStmt } from '../ir/program.ts';
import type { CatchNames, ExceptionContext, ExceptionEmitter } from './emit-exceptions.ts';

export function emitStarHandlers<C extends ExceptionContext>(w: LineWriter, s: TryStmt, c: string, ctx: C, em: ExceptionEmitter<C>, names: CatchNames): void {
  const state = ctx.temps.fresh('ReturnType<typeof py.starBegin>');
  const match = ctx.temps.fresh('ReturnType<typeof py.starMatch>');
  w.writeLine(`${state} = py.starBegin(${c});`);
  for (const handler of s.handlers) {
    if (handler.type === undefined) throw new Error('an except* handler without a type (the importer refuses it)');
    const h = ctx.temps.fresh('ReturnType<typeof py.caught>');
    w.write(`if ((${match} = py.starMatch(${state}, ${em.expr(handler.type, ctx).code})) !== null) `).block(() => {
      w.writeLine(`${h} = ${match};`);
      if (handler.name !== undefined) w.writeLine(`${em.nameRef(handler.name, ctx)} = ${h};`);
      const saved = ctx.handled;
      const savedBound = ctx.boundNames;
      ctx.handled = h;
      if (handler.name !== undefined) ctx.boundNames = new Set([...(savedBound ?? []), handler.name]);
      try {
        const x = names.fresh();
        w.write('try ').inlineBlock(() => em.body(w, handler.body, ctx));
        w.write(` catch (${x}) `).inlineBlock(() => w.writeLine(`py.starRaised(${state}, py.leaveHandler(${x}, ${h}));`));
        if (handler.name !== undefined) w.write(' finally ').inlineBlock(() => w.writeLine(`${em.nameRef(handler.name!, ctx)} = undefined!;`));
        w.newLine();
      } finally {
        ctx.handled = saved;
        ctx.boundNames = savedBound;
      }
    });
  }
  w.writeLine(`py.starEnd(${state});`);
}
