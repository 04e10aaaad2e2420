/**
 * Prints the program IR as Python 3.9+ source: what the oracle runs and what reports show.
 *
 * Output is idiomatic (PEP 8 layout, 4-space indents, `elif` chains, repr-style literals)
 * and parenthesised minimally: an operand gets parentheses only when Python's grammar
 * would otherwise parse a different tree. So `ast.parse(printPython(p))` gives back the
 * structure of `p` (up to redundant parentheses, which the IR does not record).
 */
import type {
  ClassDef,
  Comprehension,
  Expr,
  FStringPart,
  FunctionDef,
  Keyword,
  Program,
  Stmt,
  Target,
} from './program.ts';
import { headerLines } from './header.ts';
import { validateProgram } from './validate.ts';
import { escapeStringBody as escapeString, pythonStringRepr, type Quote } from './python-strings.ts';

export { pythonStringRepr };

// ---------------------------------------------------------------------------- precedence

/**
 * Binding strength, weakest first, following the Python 3.9 grammar
 * (https://docs.python.org/3/reference/expressions.html#operator-precedence).
 * The IR has no walrus, bitwise or shift operators, so those levels are absent (a lambda
 * prints at the level of `a if c else b`, as the grammar has it).
 */
const Prec = {
  Test: 1, // `a if c else b`
  Or: 2,
  And: 3,
  Not: 4,
  Compare: 5,
  /** `bitwise_or` in the grammar: what `*x` in a list display accepts. */
  Arith: 6,
  Term: 7, // * / // %
  Unary: 8, // -x +x
  Power: 9, // x ** y
  Await: 10,
  Postfix: 11, // calls, subscripts, attribute access
  Atom: 12,
} as const;
type Prec = number;

const BINOP_PREC: Record<string, Prec> = {
  '+': Prec.Arith,
  '-': Prec.Arith,
  '*': Prec.Term,
  '/': Prec.Term,
  '//': Prec.Term,
  '%': Prec.Term,
  '**': Prec.Power,
  // Between Compare and Arith, weakest first (a right operand prints at `prec + 1`: extra parentheses, same tree).
  '|': 5.25,
  '^': 5.5,
  '&': 5.75,
};

/** How strongly `e` binds when printed (a negative literal prints with a unary minus). */
function precedenceOf(e: Expr): Prec {
  switch (e.kind) {
    case 'int':
      return e.value < 0 ? Prec.Unary : Prec.Atom;
    case 'float':
      if (isNegativeNumber(e.value)) return Prec.Unary;
      return Number.isFinite(e.value) ? Prec.Atom : Prec.Postfix; // float('nan') is a call
    case 'binOp':
      return BINOP_PREC[e.op];
    case 'unaryOp':
      return e.op === 'not' ? Prec.Not : Prec.Unary;
    case 'boolOp':
      return e.op === 'or' ? Prec.Or : Prec.And;
    case 'compare':
      return Prec.Compare;
    case 'ifExp':
      return Prec.Test;
    case 'await':
      return Prec.Await;
    case 'subscript':
    case 'call':
    case 'builtin':
    case 'asyncio':
    case 'method':
    case 'excClass':
    case 'excCall':
    case 'isinstance':
    case 'typeName':
    case 'excAttr':
    case 'stdlib':
    case 'stdlibConst':
      return Prec.Postfix;
    case 'starred':
      // Only valid in argument / display positions, which print it without checking.
      return Prec.Test;
    case 'lambda':
      // `expression: disjunction 'if' disjunction 'else' expression | lambdef`: one level.
      return Prec.Test;
    case 'callValue':
    case 'partial':
    case 'attr':
      return Prec.Postfix;
    default:
      return Prec.Atom;
  }
}

function isNegativeNumber(value: number): boolean {
  return value < 0 || Object.is(value, -0);
}

// ---------------------------------------------------------------------------- literals

/**
 * A float as Python's `repr` writes it: shortest round-trip digits (JavaScript and
 * Python agree on those), exponent form when the decimal exponent is < -4 or >= 16,
 * and always a `.0` or an exponent so that it reads back as a float, never an int.
 */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "float('nan')";
  if (value === Infinity) return "float('inf')";
  if (value === -Infinity) return "-float('inf')";
  if (Object.is(value, -0)) return '-0.0';
  const sign = value < 0 ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  if (exponent < -4 || exponent >= 16) {
    const expSign = exponent < 0 ? '-' : '+';
    return `${sign}${mantissa}e${expSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const pointAt = exponent + 1; // digits before the decimal point
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}

function pythonIntRepr(value: number): string {
  if (!Number.isInteger(value)) throw new Error(`printPython: int literal is not an integer: ${value}`);
  // BigInt keeps large values in positional notation (String(1e21) is '1e+21').
  return BigInt(value).toString();
}

// ---------------------------------------------------------------------------- expressions

interface ExprContext {
  /** Inside an f-string replacement field: string literals must use this quote. */
  stringQuote?: Quote;
}

const TOP: ExprContext = {};

/** Prints `e`, parenthesised if it binds more loosely than `minPrec`. */
function expr(e: Expr, minPrec: Prec, ctx: ExprContext): string {
  const text = exprText(e, ctx);
  return precedenceOf(e) < minPrec ? `(${text})` : text;
}

function exprText(e: Expr, ctx: ExprContext): string {
  switch (e.kind) {
    case 'int':
      return pythonIntRepr(e.value);
    case 'float':
      return pythonFloatRepr(e.value);
    case 'str':
      return pythonStringRepr(e.value, ctx.stringQuote);
    case 'bool':
      return e.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'name':
      return e.id;
    case 'list':
      return `[${e.elts.map((x) => displayElement(x, ctx)).join(', ')}]`;
    case 'tuple':
      if (e.elts.length === 1) return `(${displayElement(e.elts[0], ctx)},)`;
      return `(${e.elts.map((x) => displayElement(x, ctx)).join(', ')})`;
    case 'binOp': {
      const prec = BINOP_PREC[e.op];
      if (e.op === '**') {
        // power: await_primary '**' u_expr — right-associative, and the right side may be unary.
        return `${expr(e.left, Prec.Await, ctx)} ** ${expr(e.right, Prec.Unary, ctx)}`;
      }
      return `${expr(e.left, prec, ctx)} ${e.op} ${expr(e.right, prec + 1, ctx)}`;
    }
    case 'unaryOp':
      if (e.op === 'not') return `not ${expr(e.operand, Prec.Not, ctx)}`;
      return `${e.op}${expr(e.operand, Prec.Unary, ctx)}`;
    case 'boolOp':
      // A nested boolOp of the same kind keeps its parentheses so the tree reads back unchanged.
      return e.values.map((v) => expr(v, (e.op === 'or' ? Prec.Or : Prec.And) + 1, ctx)).join(` ${e.op} `);
    case 'compare': {
      if (e.ops.length !== e.comparators.length) throw new Error('printPython: compare needs one operator per comparator');
      let text = expr(e.left, Prec.Compare + 1, ctx);
      e.ops.forEach((op, i) => {
        text += ` ${op} ${expr(e.comparators[i], Prec.Compare + 1, ctx)}`;
      });
      return text;
    }
    case 'ifExp':
      return `${expr(e.body, Prec.Or, ctx)} if ${expr(e.test, Prec.Or, ctx)} else ${expr(e.orelse, Prec.Test, ctx)}`;
    case 'subscript':
      return `${expr(e.value, Prec.Postfix, ctx)}[${index(e.index, ctx)}]`;
    case 'dict':
    case 'set':
    case 'dictComp':
    case 'setComp':
    case 'slice':
    case 'namedExpr':
      return containerText(e, ctx);
    case 'listComp':
      return `[${expr(e.elt, Prec.Test, ctx)}${e.generators.map((g) => comprehension(g, ctx)).join('')}]`;
    case 'fstring':
      return fstring(e.parts, ctx);
    case 'await':
      return `await ${expr(e.value, Prec.Postfix, ctx)}`;
    case 'starred':
      return `*${expr(e.value, Prec.Arith, ctx)}`;
    case 'call':
      return `${e.func}(${callArgs(e.args, e.keywords, ctx)})`;
    case 'builtin':
      return `${e.func}(${callArgs(e.args, e.keywords, ctx)})`;
    case 'asyncio':
      return `asyncio.${e.func}(${callArgs(e.args, e.keywords, ctx)})`;
    case 'method': {
      // `1.append()` would lex as the float `1.`; any other atom takes the dot directly.
      const object = e.object.kind === 'int' && e.object.value >= 0
        ? `(${exprText(e.object, ctx)})`
        : expr(e.object, Prec.Postfix, ctx);
      return `${object}.${e.method}(${callArgs(e.args, e.keywords, ctx)})`;
    }
    case 'lambda': {
      const params = paramsText(e.def);
      const body = e.def.body[0];
      const value = body.kind === 'return' && body.value !== undefined ? expr(body.value, Prec.Test, ctx) : 'None';
      return `lambda${params === '' ? '' : ` ${params}`}: ${value}`;
    }
    case 'callValue':
      return `${expr(e.func, Prec.Postfix, ctx)}(${callArgs(e.args, e.keywords, ctx)})`;
    case 'partial':
      return `functools.partial(${callArgs([e.func, ...e.args], e.keywords, ctx)})`;
    case 'excClass':
      return e.name;
    case 'excCall':
      return `${e.name}(${callArgs(e.args, [], ctx)})`;
    case 'isinstance':
      return `isinstance(${expr(e.value, Prec.Test, ctx)}, ${expr(e.types, Prec.Test, ctx)})`;
    case 'typeName':
      return `type(${expr(e.value, Prec.Test, ctx)}).__name__`;
    case 'excAttr': {
      const object = e.object.kind === 'int' && e.object.value >= 0 ? `(${exprText(e.object, ctx)})` : expr(e.object, Prec.Postfix, ctx);
      return `${object}.${e.attr}`;
    }
    case 'builtinValue':
      return e.name;
    case 'stdlib':
      return `${e.module}.${e.func}(${callArgs(e.args, e.keywords, ctx)})`;
    case 'stdlibConst':
      return `${e.module}.${e.name}`;
    case 'attr':
      return attrText(e.object, e.name, ctx);
    case 'super':
      return 'super()';
    case 'genExp':
      return `(${expr(e.elt, Prec.Test, ctx)}${e.generators.map((g) => comprehension(g, ctx)).join('')})`;
    case 'yield':
      return e.value === undefined ? '(yield)' : `(yield ${expr(e.value, Prec.Test, ctx)})`;
    case 'yieldFrom':
      return `(yield from ${expr(e.value, Prec.Test, ctx)})`;
  }
}

/** `obj.name` (`(1).name` for a non-negative int literal, whose `.` would start a float). */
function attrText(object: Expr, name: string, ctx: ExprContext): string {
  const text = object.kind === 'int' && object.value >= 0 ? `(${exprText(object, ctx)})` : expr(object, Prec.Postfix, ctx);
  return `${text}.${name}`;
}

/** A def's or a lambda's parameters: `a, b=1, *args, c, d=2` (a bare `*` before keyword-only ones). */
function paramsText(f: FunctionDef): string {
  const param = (p: { name: string; default?: Expr }) => (p.default === undefined ? p.name : `${p.name}=${expr(p.default, Prec.Test, TOP)}`);
  const parts = f.params.map(param);
  if (f.vararg !== undefined) parts.push(`*${f.vararg}`);
  else if (f.kwonly && f.kwonly.length > 0) parts.push('*');
  for (const p of f.kwonly ?? []) parts.push(param(p));
  if (f.kwarg !== undefined) parts.push(`**${f.kwarg}`);
  return parts.join(', ');
}

/** A subscript's index: `a:b:c` for a slice. */
function index(e: Expr, ctx: ExprContext): string {
  if (e.kind !== 'slice') return expr(e, Prec.Test, ctx);
  const part = (x: Expr | undefined): string => (x === undefined ? '' : expr(x, Prec.Test, ctx));
  return `${part(e.lower)}:${part(e.upper)}${e.step === undefined ? '' : `:${part(e.step)}`}`;
}

/** dict/set displays and comprehensions; a walrus always in parentheses (valid wherever an expression is). */
function containerText(e: Expr, ctx: ExprContext): string {
  switch (e.kind) {
    case 'dict':
      return `{${e.keys.map((k, i) => `${expr(k, Prec.Test, ctx)}: ${expr(e.values[i], Prec.Test, ctx)}`).join(', ')}}`;
    case 'set':
      return `{${e.elts.map((x) => displayElement(x, ctx)).join(', ')}}`;
    case 'dictComp':
      return `{${expr(e.key, Prec.Test, ctx)}: ${expr(e.value, Prec.Test, ctx)}${e.generators.map((g) => comprehension(g, ctx)).join('')}}`;
    case 'setComp':
      return `{${expr(e.elt, Prec.Test, ctx)}${e.generators.map((g) => comprehension(g, ctx)).join('')}}`;
    case 'slice':
      return index(e, ctx);
    case 'namedExpr':
      return `(${e.target} := ${expr(e.value, Prec.Test, ctx)})`;
    default:
      throw new Error(`printPython: ${e.kind} is not a container expression`);
  }
}

/** An element of a list/tuple display: `*x` takes a `bitwise_or` operand there. */
function displayElement(e: Expr, ctx: ExprContext): string {
  if (e.kind === 'starred') return `*${expr(e.value, Prec.Arith, ctx)}`;
  return expr(e, Prec.Test, ctx);
}

function callArgs(args: Expr[], keywords: Keyword[], ctx: ExprContext): string {
  const parts = args.map((a) => (a.kind === 'starred' ? `*${expr(a.value, Prec.Test, ctx)}` : expr(a, Prec.Test, ctx)));
  for (const k of keywords) parts.push(k.name === '**' ? `**${expr(k.value, Prec.Test, ctx)}` : `${k.name}=${expr(k.value, Prec.Test, ctx)}`);
  return parts.join(', ');
}

function comprehension(g: Comprehension, ctx: ExprContext): string {
  const ifs = g.ifs.map((c) => ` if ${expr(c, Prec.Or, ctx)}`).join('');
  return ` ${g.isAsync ? 'async ' : ''}for ${targetList(g.target, ctx)} in ${expr(g.iter, Prec.Or, ctx)}${ifs}`;
}

// ---------------------------------------------------------------------------- f-strings

/**
 * Python < 3.12 forbids backslashes and the enclosing quote inside a replacement field.
 * So try each delimiter, printing nested string literals with the other quote, and keep
 * the first that needs neither; if none works (or a spec has braces or quotes), fall back
 * to the same value spelled with `format()`: `f'{x!r:>5}'` is `format(repr(x), '>5')`.
 */
function fstring(parts: FStringPart[], ctx: ExprContext): string {
  const delimiters: Array<{ open: string; inner: Quote }> = ctx.stringQuote
    ? // Nested in a field: the delimiter must be the field's quote, and its own fields may hold no strings.
      [{ open: ctx.stringQuote, inner: ctx.stringQuote }]
    : preferDoubleQuotes(parts)
      ? [
          { open: '"', inner: "'" },
          { open: "'", inner: '"' },
          { open: '"""', inner: "'" },
          { open: "'''", inner: '"' },
        ]
      : [
          { open: "'", inner: '"' },
          { open: '"', inner: "'" },
          { open: "'''", inner: '"' },
          { open: '"""', inner: "'" },
        ];
  for (const { open, inner } of delimiters) {
    const printed = tryFString(parts, open, inner, ctx);
    if (printed !== undefined) return printed;
  }
  return fstringAsFormat(parts, ctx);
}

/** As `repr` does for plain strings: double quotes when the literal text has `'` but no `"`. */
function preferDoubleQuotes(parts: FStringPart[]): boolean {
  const literal = parts.filter((p): p is string => typeof p === 'string').join('');
  return literal.includes("'") && !literal.includes('"');
}

function tryFString(parts: FStringPart[], open: string, inner: Quote, ctx: ExprContext): string | undefined {
  const quoteChar = open[0] as Quote;
  const fieldCtx: ExprContext = { stringQuote: inner };
  let body = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      // Literal text: ordinary escapes, braces doubled. A triple-quoted string needs only
      // its quote character escaped, which escapeString does everywhere: harmless.
      body += escapeString(part, quoteChar).replace(/[{}]/g, (b) => b + b);
      continue;
    }
    // Inside an enclosing field, the nested f-string's own fields must not reuse either quote.
    if (ctx.stringQuote && containsString(part.value)) return undefined;
    // A lambda's `:` would start the format spec: it keeps its parentheses.
    const field = part.value.kind === 'lambda' ? `(${exprText(part.value, fieldCtx)})` : exprText(part.value, fieldCtx);
    if (field.includes('\\') || field.includes(quoteChar) || field.includes('\n')) return undefined;
    if (part.spec !== undefined && /[{}\\'"\n]/.test(part.spec)) return undefined;
    // A field starting with `{` would read as an escaped brace; a dict/set cannot occur, but be safe.
    const spaced = field.startsWith('{') ? ` ${field}` : field;
    body += `{${spaced}${part.conversion ? `!${part.conversion}` : ''}${part.spec !== undefined && part.spec !== '' ? `:${part.spec}` : ''}}`;
  }
  // A body ending in the quote character would close a triple-quoted string early.
  if (open.length === 3 && body.endsWith(quoteChar)) return undefined;
  return `f${open}${body}${open}`;
}

/** Whether a string literal (plain or f-) occurs anywhere in `e`; JSON escapes quotes inside values, so no false hits. */
function containsString(e: Expr): boolean {
  const json = JSON.stringify(e);
  return json.includes('"kind":"str"') || json.includes('"kind":"fstring"');
}

function fstringAsFormat(parts: FStringPart[], ctx: ExprContext): string {
  const pieces = parts.map((part) => {
    if (typeof part === 'string') return pythonStringRepr(part, ctx.stringQuote);
    const value = exprText(part.value, ctx);
    const converted = part.conversion === 'r' ? `repr(${value})` : part.conversion === 's' ? `str(${value})` : value;
    return `format(${converted}, ${pythonStringRepr(part.spec ?? '', ctx.stringQuote)})`;
  });
  if (pieces.length === 0) return pythonStringRepr('', ctx.stringQuote);
  return `(${pieces.join(' + ')})`;
}

// ---------------------------------------------------------------------------- targets

/** A target in a bare position (`a, b = ...`, `for i, x in ...`): the outer tuple needs no parentheses. */
function targetList(t: Target, ctx: ExprContext): string {
  if (t.kind === 'tuple' && t.elts.length > 1) return t.elts.map((x) => target(x, ctx)).join(', ');
  return target(t, ctx);
}

function target(t: Target, ctx: ExprContext): string {
  switch (t.kind) {
    case 'name':
      return t.id;
    case 'subscript':
      return `${expr(t.value, Prec.Postfix, ctx)}[${index(t.index, ctx)}]`;
    case 'tuple':
      if (t.elts.length === 1) return `(${target(t.elts[0], ctx)},)`;
      return `(${t.elts.map((x) => target(x, ctx)).join(', ')})`;
    case 'starred':
      return `*${target(t.target, ctx)}`;
    case 'attr':
      return attrText(t.object, t.name, ctx);
  }
}

// ---------------------------------------------------------------------------- statements

const INDENT = '    ';

/** Collects output lines and remembers where each statement and def starts. */
class LineWriter {
  readonly lines: string[] = [];
  readonly starts = new Map<Stmt | FunctionDef, number>();

  /** When set, a node that carries a source `line` is printed on that line (blank lines pad). */
  constructor(readonly keepSourceLines = false) {}

  /**
   * Pads with blank lines so that `node` starts on its source line. A line already taken
   * (two statements shared a source line, `a = 1; b = 2`) prints on the next free one.
   */
  moveTo(node: { line?: number }): void {
    if (!this.keepSourceLines || node.line === undefined) return;
    while (this.lines.length + 1 < node.line) this.lines.push('');
  }

  emit(depth: number, text: string): void {
    this.lines.push(INDENT.repeat(depth) + text);
  }

  /** Records that `node` starts on the next line (1-based). */
  mark(node: Stmt | FunctionDef): void {
    this.starts.set(node, this.lines.length + 1);
  }
}

function block(out: LineWriter, body: Stmt[], depth: number): void {
  if (body.length === 0) out.emit(depth, 'pass');
  for (const s of body) statement(out, s, depth);
}

function statement(out: LineWriter, s: Stmt, depth: number): void {
  if (s.kind === 'class' && s.def.dataclass !== undefined) {
    // The decorator on the line above the `class` line (ast's lineno of a decorated class).
    if (s.line !== undefined) out.moveTo({ line: s.line - 1 });
    const options = Object.entries(s.def.dataclassOptions ?? {}).map(([k, v]) => `${k}=${v ? 'True' : 'False'}`);
    out.emit(depth, `@${s.def.dataclass}${options.length > 0 ? `(${options.join(', ')})` : ''}`);
  }
  out.moveTo(s);
  out.mark(s);
  switch (s.kind) {
    case 'expr':
      out.emit(depth, expr(s.expr, Prec.Test, TOP));
      return;
    case 'assign':
      out.emit(depth, `${targetList(s.target, TOP)} = ${expr(s.value, Prec.Test, TOP)}`);
      return;
    case 'augAssign':
      out.emit(depth, `${target(s.target, TOP)} ${s.op}= ${expr(s.value, Prec.Test, TOP)}`);
      return;
    case 'return':
      out.emit(depth, s.value === undefined ? 'return' : `return ${expr(s.value, Prec.Test, TOP)}`);
      return;
    case 'if':
      ifChain(out, s, depth, 'if');
      return;
    case 'for':
      out.emit(depth, `${s.isAsync ? 'async ' : ''}for ${targetList(s.target, TOP)} in ${expr(s.iter, Prec.Test, TOP)}:`);
      block(out, s.body, depth + 1);
      return;
    case 'while':
      out.emit(depth, `while ${expr(s.test, Prec.Test, TOP)}:`);
      block(out, s.body, depth + 1);
      return;
    case 'break':
    case 'continue':
    case 'pass':
      out.emit(depth, s.kind);
      return;
    case 'def':
      functionDef(out, s.def, depth);
      return;
    case 'global':
    case 'nonlocal':
      out.emit(depth, `${s.kind} ${s.names.join(', ')}`);
      return;
    case 'delete':
      out.emit(depth, `del ${s.targets.map((t) => target(t, TOP)).join(', ')}`);
      return;
    case 'try':
      tryStatement(out, s, depth);
      return;
    case 'with': {
      const items = s.items.map((it) => expr(it.context, Prec.Test, TOP) + (it.target === undefined ? '' : ` as ${target(it.target, TOP)}`));
      out.emit(depth, `${s.isAsync ? 'async ' : ''}with ${items.join(', ')}:`);
      block(out, s.body, depth + 1);
      return;
    }
    case 'raise': {
      const cause = s.cause === undefined ? '' : ` from ${expr(s.cause, Prec.Test, TOP)}`;
      out.emit(depth, s.exc === undefined ? 'raise' : `raise ${expr(s.exc, Prec.Test, TOP)}${cause}`);
      return;
    }
    case 'assert':
      out.emit(depth, `assert ${expr(s.test, Prec.Test, TOP)}${s.msg === undefined ? '' : `, ${expr(s.msg, Prec.Test, TOP)}`}`);
      return;
    case 'class':
      classDef(out, s.def, depth);
      return;
  }
}

/** `class Name(Base):` and its members, a decorated method's decorator on the line above its `def`. */
function classDef(out: LineWriter, c: ClassDef, depth: number): void {
  const base = c.namedTuple ?? (c.base === undefined ? undefined : expr(c.base, Prec.Test, TOP));
  out.emit(depth, `class ${c.name}${base === undefined ? '' : `(${base})`}:`);
  if (c.body.length === 0) out.emit(depth + 1, 'pass');
  for (const m of c.body) {
    if (m.kind === 'method') {
      if (m.decorator !== undefined) {
        if (m.def.line !== undefined) out.moveTo({ line: m.def.line - 1 });
        out.emit(depth + 1, `@${m.decorator === 'setter' ? `${m.def.name}.setter` : m.decorator}`);
      }
      functionDef(out, m.def, depth + 1);
      continue;
    }
    out.moveTo(m);
    if (m.kind === 'pass') out.emit(depth + 1, 'pass');
    else if (m.annotated) out.emit(depth + 1, `${m.name}: object${m.value === undefined ? '' : ` = ${expr(m.value, Prec.Test, TOP)}`}`);
    else out.emit(depth + 1, `${m.name} = ${expr(m.value!, Prec.Test, TOP)}`);
  }
}

/** `try:` / `except T as e:` / `else:` / `finally:`; each handler on its source line when known. */
function tryStatement(out: LineWriter, s: Extract<Stmt, { kind: 'try' }>, depth: number): void {
  out.emit(depth, 'try:');
  block(out, s.body, depth + 1);
  for (const h of s.handlers) {
    out.moveTo(h);
    const type = h.type === undefined ? '' : ` ${expr(h.type, Prec.Test, TOP)}`;
    out.emit(depth, `except${s.star === true ? '*' : ''}${type}${h.name === undefined ? '' : ` as ${h.name}`}:`);
    block(out, h.body, depth + 1);
  }
  if (s.orelse.length > 0) {
    out.emit(depth, 'else:');
    block(out, s.orelse, depth + 1);
  }
  if (s.finalbody.length > 0 || s.handlers.length === 0) {
    out.emit(depth, 'finally:');
    block(out, s.finalbody, depth + 1);
  }
}

function ifChain(out: LineWriter, s: Extract<Stmt, { kind: 'if' }>, depth: number, keyword: 'if' | 'elif'): void {
  out.emit(depth, `${keyword} ${expr(s.test, Prec.Test, TOP)}:`);
  block(out, s.body, depth + 1);
  if (s.orelse.length === 0) return;
  const only = s.orelse[0];
  if (s.orelse.length === 1 && only.kind === 'if') {
    out.moveTo(only);
    out.mark(only);
    ifChain(out, only, depth, 'elif');
    return;
  }
  out.emit(depth, 'else:');
  block(out, s.orelse, depth + 1);
}

function functionDef(out: LineWriter, f: FunctionDef, depth = 0): void {
  if (f.decorator !== undefined) {
    out.moveTo({ line: f.line === undefined ? undefined : f.line - 1 });
    out.emit(depth, `@contextlib.${f.decorator}`);
  }
  out.moveTo(f);
  out.mark(f);
  out.emit(depth, `${f.isAsync ? 'async ' : ''}def ${f.name}(${paramsText(f)}):`);
  block(out, f.body, depth + 1);
}

// ---------------------------------------------------------------------------- programs

/** The printed source and the 1-based line on which each statement and def starts. */
export interface PrintedPython {
  readonly source: string;
  readonly lines: ReadonlyMap<Stmt | FunctionDef, number>;
}

/**
 * Prints `program` as Python and maps every statement and function (by object identity)
 * to the line it starts on, so reports can align the Python with the TypeScript.
 * An `elif` maps to the line of its `elif`.
 *
 * A program whose defs and module statements all carry their source `line` (an imported
 * file) keeps every statement on that line, top-level items in source-line order, so that
 * the oracle's tracebacks, `co_firstlineno` and task reprs (`coro=<main() running at
 * prog.py:12>`) read as `python3 FILE.py` prints them. The header comment comes first only
 * where it fits before the first statement. Other programs print in the compact layout:
 * header, `import asyncio`, the defs, the body, two blank lines apart.
 */
export function printPythonWithLines(program: Program): PrintedPython {
  // A program is printed for the oracle and again for the port's line map (transpile/emit.ts): once is enough, as
  // IR is never changed in place (a shrunk or headed program is a new object).
  let printed = printedPrograms.get(program);
  if (!printed) {
    printed = printWithLines(program);
    printedPrograms.set(program, printed);
  }
  return printed;
}

const printedPrograms = new WeakMap<Program, PrintedPython>();

function printWithLines(program: Program): PrintedPython {
  validateProgram(program, 'printPython');
  const keepSourceLines = carriesSourceLines(program);
  const out = new LineWriter(keepSourceLines);
  if (keepSourceLines) {
    const items: Array<{ line: number; print: () => void }> = [
      ...program.functions.map((f) => ({ line: f.line as number, print: () => functionDef(out, f) })),
      ...program.body.map((s) => ({ line: s.line as number, print: () => statement(out, s, 0) })),
    ];
    items.sort((a, b) => a.line - b.line); // stable: defs before statements on a shared line
    const firstLine = items[0]?.line ?? Infinity;
    const header = program.header ? headerLines(program.header, '#') : [];
    // The whole header, else its title line, else none: the imports must precede the first item.
    const imports = importLines(program);
    const importRoom = header.length + imports.length < firstLine ? imports : [imports.join('; ')];
    const fitting = header.length + importRoom.length < firstLine ? header : header.length > 0 && 1 + importRoom.length < firstLine ? header.slice(0, 1) : [];
    for (const line of fitting) out.emit(0, line);
    for (const line of importRoom) out.emit(0, line);
    for (const item of items) item.print();
  } else {
    if (program.header) for (const line of headerLines(program.header, '#')) out.emit(0, line);
    for (const line of importLines(program)) out.emit(0, line);
    for (const f of program.functions) {
      out.emit(0, '');
      out.emit(0, '');
      functionDef(out, f);
    }
    if (program.body.length > 0) {
      out.emit(0, '');
      out.emit(0, '');
      for (const s of program.body) statement(out, s, 0);
    }
  }
  return { source: out.lines.join('\n') + '\n', lines: out.starts };
}

/** `import asyncio` (with functools on the same line when the program calls functools.partial), then one line per module of `program.imports`. */
function importLines(program: Program): string[] {
  const usesPartial = JSON.stringify([program.functions, program.body]).includes('"kind":"partial"');
  return [usesPartial ? 'import asyncio, functools' : 'import asyncio', ...(program.imports ?? []).map((m) => `import ${m}`), ...dataclassImports(program), ...namedTupleImports(program)];
}

/** `from typing import NamedTuple` / `import typing`, as the program's NamedTuple classes spell their base. */
function namedTupleImports(program: Program): string[] {
  const spellings = new Set(program.body.flatMap((s) => (s.kind === 'class' && s.def.namedTuple !== undefined ? [s.def.namedTuple] : [])));
  return [...(spellings.has('typing.NamedTuple') ? ['import typing'] : []), ...(spellings.has('NamedTuple') ? ['from typing import NamedTuple'] : [])];
}

/** `from dataclasses import dataclass` / `import dataclasses`, as the program's dataclasses spell the decorator. */
function dataclassImports(program: Program): string[] {
  const spellings = new Set(program.body.flatMap((s) => (s.kind === 'class' && s.def.dataclass !== undefined ? [s.def.dataclass] : [])));
  const imported = (program.imports ?? []).includes('dataclasses'); // `dataclasses.field(...)` imports it already
  return [...(spellings.has('dataclasses.dataclass') && !imported ? ['import dataclasses'] : []), ...(spellings.has('dataclass') ? ['from dataclasses import dataclass'] : [])];
}

/** Whether every def and module-level statement has its source line (an imported program). */
function carriesSourceLines(program: Program): boolean {
  const items: Array<Stmt | FunctionDef> = [...program.functions, ...program.body];
  return items.length > 0 && items.every((node) => node.line !== undefined && Number.isInteger(node.line) && node.line > 0);
}

/**
 * A copy of `program` in which every def and statement carries the line it has in
 * `printPython(program)` (a generated program carries none), so the port can name the Python
 * line of each statement (`coro=<main() running at prog.py:7>`). Printing the copy gives the
 * same text as printing `program`.
 */
export function withPrintedLines(program: Program): Program {
  const { lines } = printPythonWithLines(program);
  const lineOf = (node: Stmt | FunctionDef): number => {
    const line = lines.get(node);
    if (line === undefined) throw new Error('withPrintedLines: a statement the printer did not print');
    return line;
  };
  const stmt = (s: Stmt): Stmt => {
    switch (s.kind) {
      case 'if':
        return { ...s, body: s.body.map(stmt), orelse: s.orelse.map(stmt), line: lineOf(s) };
      case 'for':
      case 'while':
      case 'with':
        return { ...s, body: s.body.map(stmt), line: lineOf(s) };
      case 'def':
        return { ...s, def: { ...s.def, body: s.def.body.map(stmt), line: lineOf(s.def) }, line: lineOf(s) };
      case 'try':
        return {
          ...s,
          body: s.body.map(stmt),
          handlers: s.handlers.map((h) => ({ ...h, body: h.body.map(stmt) })),
          orelse: s.orelse.map(stmt),
          finalbody: s.finalbody.map(stmt),
          line: lineOf(s),
        };
      default:
        return { ...s, line: lineOf(s) };
    }
  };
  return {
    ...program,
    functions: program.functions.map((f) => ({ ...f, body: f.body.map(stmt), line: lineOf(f) })),
    body: program.body.map(stmt),
  };
}

/** Prints `program` as Python 3.9+ source (header comments, `import asyncio`, defs, body). */
export function printPython(program: Program): string {
  return printPythonWithLines(program).source;
}

/** Prints one expression as Python (tests, reports). */
export function printPythonExpr(e: Expr): string {
  return expr(e, Prec.Test, TOP);
}
