/**
 * `try`/`except`/`else`/`finally`, `raise` and `assert` as TypeScript, and the exception
 * expressions (`ValueError('x')`, `isinstance`, `type(e).__name__`, `e.args`). The same text
 * in both profiles: JS `try/catch/finally` carries Python's control flow (a `return`,
 * `break` or exception in `finally` overrides, as in Python); runtime/exception-ops.ts does
 * the matching, the chaining and CPython's checks.
 *
 * A `try` becomes
 * ```
 * $f = undefined;                         // only with finally: the exception passing through it
 * try {
 *   $ok = false;                          // only with else
 *   try { body; $ok = true; }
 *   catch ($c) {
 *     $h = py.caught($c);                 // a harness (JS) error is rethrown untouched
 *     if (py.excMatches($h, T)) { e = $h; try { handler } catch ($x) { throw py.leaveHandler($x, $h); } finally { e = undefined!; } }
 *     else throw $h;
 *   }
 *   if ($ok) { orelse }
 * } catch ($p) { $f = $p; throw $p; }
 * finally { try { finalbody } catch ($x) { throw py.leaveHandler($x, $f); } }
 * ```
 */
import type { LineWriter } from './line-writer.ts';
import type { Expr, Program, RaiseStmt, AssertStmt, Stmt, TryStmt } from '../ir/program.ts';
import { P, out, type Out } from './dialect.ts';
import type { Temps } from './names.ts';
import { tsString } from './names.ts';
import { T } from './types.ts';
import { emitStarHandlers } from './emit-except-star.ts';

/** The part of a function body's context this file reads and sets. */
export interface ExceptionContext {
  temps: Temps;
  /** The temporary holding the exception of the innermost `except` handler the code is in. */
  handled?: string;
  /** Handler names certainly bound here (inside their own handler, no nested handler rebinding them). */
  boundNames?: Set<string>;
}

/** What this file asks of the emitter, bound to nothing (the context is passed along). */
export interface ExceptionEmitter<C extends ExceptionContext> {
  expr(e: Expr, ctx: C): Out;
  condition(e: Expr, ctx: C): string;
  body(w: LineWriter, body: Stmt[], ctx: C): void;
  /** The reference to a variable for a store (`e = ...`). */
  nameRef(id: string, ctx: C): string;
}

/** Names of `catch` bindings: block-scoped, so one counter per emitted module is enough. */
export class CatchNames {
  private next = 1;
  fresh(): string {
    return `$exc${this.next++}`;
  }
}

const HANDLED_TYPE = 'ReturnType<typeof py.caught>';

export function emitTry<C extends ExceptionContext>(w: LineWriter, s: TryStmt, ctx: C, em: ExceptionEmitter<C>, names: CatchNames): void {
  const ok = s.orelse.length > 0 ? ctx.temps.fresh('boolean') : undefined;
  const pending = s.finalbody.length > 0 || s.handlers.length === 0 ? ctx.temps.fresh('unknown') : undefined;
  const inner = (): void => {
    if (ok) w.writeLine(`${ok} = false;`);
    if (s.handlers.length === 0) em.body(w, s.body, ctx);
    else {
      w.write('try ').inlineBlock(() => {
        em.body(w, s.body, ctx);
        if (ok) w.writeLine(`${ok} = true;`);
      });
      const c = names.fresh();
      w.write(` catch (${c}) `).block(() => (s.star === true ? emitStarHandlers : emitHandlers)(w, s, c, ctx, em, names));
    }
    if (ok) w.write(`if (${ok}) `).block(() => em.body(w, s.orelse, ctx));
  };
  if (pending === undefined) {
    inner();
    return;
  }
  w.writeLine(`${pending} = undefined;`);
  w.write('try ').inlineBlock(inner);
  const p = names.fresh();
  w.write(` catch (${p}) `).inlineBlock(() => {
    w.writeLine(`${pending} = ${p};`);
    w.writeLine(`throw ${p};`);
  });
  w.write(' finally ').block(() => {
    const x = names.fresh();
    w.write('try ').inlineBlock(() => em.body(w, s.finalbody, ctx));
    w.write(` catch (${x}) `).block(() => w.writeLine(`throw py.leaveHandler(${x}, ${pending});`));
  });
}

function emitHandlers<C extends ExceptionContext>(w: LineWriter, s: TryStmt, c: string, ctx: C, em: ExceptionEmitter<C>, names: CatchNames): void {
  const h = ctx.temps.fresh(HANDLED_TYPE);
  w.writeLine(`${h} = py.caught(${c});`);
  let open = false; // an if-chain is being written
  let bare = false;
  for (const handler of s.handlers) {
    const run = (): void => {
      if (handler.name !== undefined) w.writeLine(`${em.nameRef(handler.name, ctx)} = ${h};`);
      const saved = ctx.handled;
      const savedBound = ctx.boundNames;
      ctx.handled = h;
      // In its own handler the name is bound, unless a nested handler binds (and then unbinds) it.
      if (handler.name !== undefined && !handlerNames({ functions: [], body: handler.body }).has(handler.name)) {
        ctx.boundNames = new Set([...(savedBound ?? []), handler.name]);
      }
      try {
        const x = names.fresh();
        w.write('try ').inlineBlock(() => em.body(w, handler.body, ctx));
        w.write(` catch (${x}) `).inlineBlock(() => w.writeLine(`throw py.leaveHandler(${x}, ${h});`));
        // Python deletes the name when the handler ends (`e` is unbound after it).
        if (handler.name !== undefined) w.write(' finally ').inlineBlock(() => w.writeLine(`${em.nameRef(handler.name!, ctx)} = undefined!;`));
        w.newLine();
      } finally {
        ctx.handled = saved;
        ctx.boundNames = savedBound;
      }
    };
    if (handler.type === undefined) {
      bare = true;
      if (open) w.write(' else ').block(run);
      else run();
      break;
    }
    const test = `py.excMatches(${h}, ${em.expr(handler.type, ctx).code})`;
    w.write(`${open ? ' else if' : 'if'} (${test}) `).inlineBlock(run);
    open = true;
  }
  if (!bare) w.write(' else ').block(() => w.writeLine(`throw ${h};`));
}

export function emitRaise<C extends ExceptionContext>(w: LineWriter, s: RaiseStmt, ctx: C, em: ExceptionEmitter<C>): void {
  if (s.exc === undefined) {
    if (ctx.handled === undefined) throw new Error('a bare raise outside an except handler (the importer refuses it)');
    w.writeLine(`throw py.reraise(${ctx.handled});`);
    return;
  }
  const exc = em.expr(s.exc, ctx).code;
  const cause = s.cause === undefined ? undefined : em.expr(s.cause, ctx).code;
  const args = [exc];
  if (cause !== undefined || ctx.handled !== undefined) args.push(cause ?? 'py.NO_CAUSE');
  if (ctx.handled !== undefined) args.push(ctx.handled);
  w.writeLine(`throw py.raiseExc(${args.join(', ')});`);
}

export function emitAssert<C extends ExceptionContext>(w: LineWriter, s: AssertStmt, ctx: C, em: ExceptionEmitter<C>): void {
  const msg = s.msg === undefined ? '' : em.expr(s.msg, ctx).code;
  w.write(`if (!(${em.condition(s.test, ctx)})) `).block(() => w.writeLine(`throw py.assertFail(${msg});`));
}

type ExceptionExpr = Extract<Expr, { kind: 'excClass' | 'excCall' | 'isinstance' | 'typeName' | 'excAttr' }>;

/** The exception expressions; `elements` writes call arguments (`*xs` spread). */
export function exceptionExpr<C extends ExceptionContext>(e: ExceptionExpr, ctx: C, em: ExceptionEmitter<C>, elements: (args: Expr[], ctx: C) => string): Out {
  switch (e.kind) {
    case 'excClass':
      return out(`py.excClass(${tsString(e.name)})`, T.any, P.call);
    case 'excCall': {
      const args = elements(e.args, ctx);
      return out(`py.newExc(${tsString(e.name)}${args ? `, ${args}` : ''})`, T.any, P.call);
    }
    case 'isinstance':
      return out(`py.isinstance(${em.expr(e.value, ctx).code}, ${em.expr(e.types, ctx).code})`, T.bool, P.call);
    case 'typeName':
      return out(`py.typeNameOf(${em.expr(e.value, ctx).code})`, T.str, P.call);
    case 'excAttr':
      return out(`py.excAttr(${em.expr(e.object, ctx).code}, ${tsString(e.attr)})`, T.any, P.call);
  }
}

/** Every name an `except ... as name` binds anywhere in the program. */
export function handlerNames(program: Program): Set<string> {
  const names = new Set<string>();
  const visit = (body: Stmt[]): void => {
    for (const s of body) {
      if (s.kind === 'try') {
        for (const h of s.handlers) {
          if (h.name !== undefined) names.add(h.name);
          visit(h.body);
        }
        visit(s.body);
        visit(s.orelse);
        visit(s.finalbody);
      } else if (s.kind === 'if') {
        visit(s.body);
        visit(s.orelse);
      } else if (s.kind === 'for' || s.kind === 'while' || s.kind === 'with') visit(s.body);
    }
  };
  for (const f of program.functions) visit(f.body);
  visit(program.body);
  return names;
}
