/**
 * From a document's elements to the programs it shows and the output it claims for each.
 *
 * - A Python block (```python, ```py, a notebook code cell, an rst code-block, or an unlabelled
 *   block that reads as Python) is a program; a `>>>` session is a doctest (source lines and the
 *   expected lines after them).
 * - Its claim is the first of: an output block after it (```text / ```console / ```output, an
 *   unlabelled block that does not read as Python; prose between them must end with ':', as
 *   "Output:" or "This prints:"), a notebook cell's saved stdout, or an inline code span in
 *   the prose after it that follows a verb such as "returns", "prints", "outputs"
 *   ("This will return: `shav, text, finished`": comma-separated, compared as printed lines),
 *   or such a span in the paragraph just before it when that paragraph ends with ':'.
 * - Snippets are joined where the text builds them up: top-level `def`/`class`/`import`
 *   chunks of earlier blocks are put before a block that uses their names (the latest
 *   definition of a name wins), in document order, each line keeping its own position.
 */
import type { CodeElement, DocElement, InlineSpan, ProseElement, SourceLine } from './doc-elements.ts';

export type ClaimSource = 'output-block' | 'prose' | 'doctest' | 'notebook-output';

export interface Claim {
  source: ClaimSource;
  /** The claimed printed lines. */
  lines: string[];
  /** Where the claim is written (its first line). */
  at: { line: number; col: number; cell?: number };
}

export interface DocProgram {
  /** The block's own lines, positioned in the document. */
  block: SourceLine[];
  /** What runs: earlier definitions this block uses, then the block; each line keeps its document position. */
  lines: SourceLine[];
  /** How many lines of `lines` come from earlier blocks. */
  borrowed: number;
  doctest: boolean;
  claim?: Claim;
}

const PYTHON_LANGS = new Set(['python', 'py', 'python3', 'py3', 'ipython', 'ipython3', 'pycon', 'python-repl', 'pyrepl', 'doctest']);
const OUTPUT_LANGS = new Set(['', 'text', 'txt', 'console', 'output', 'none', 'plaintext', 'plain', 'stdout', 'shell-session', 'out', 'result']);
const PYTHON_LOOKING = /^\s*(import \w|from [\w.]+ import |async def |def |class |print\(|asyncio\.|await |>>> )/m;
/** The words before an inline span that make it a claim about the output. */
const CLAIM_VERB = /\b(returns?|prints?|printed|outputs?|shows?|displays?|gives?|produces?|yields?|results? in|(?:you(?:'ll| will)? )?(?:see|get))\b[^.!?]*$/i;
/** A span that is code, not output (`asyncio.run(main())`, `x = 1`). */
const CODE_LIKE = /[()=[\]{}]|^\s*(await|async|import|def|return|asyncio)\b/;
const TOP_LEVEL_DEFINITION = /^(?:async\s+def|def|class)\s+([A-Za-z_]\w*)|^(?:import|from)\s/;

const text = (lines: readonly SourceLine[]): string => lines.map((l) => l.text).join('\n');

export function isProgramBlock(element: CodeElement): boolean {
  if (PYTHON_LANGS.has(element.lang)) return true;
  return element.lang === '' && PYTHON_LOOKING.test(text(element.lines));
}

function isOutputBlock(element: CodeElement): boolean {
  return OUTPUT_LANGS.has(element.lang) && !isProgramBlock(element);
}

export function extractPrograms(elements: readonly DocElement[]): DocProgram[] {
  const programs: DocProgram[] = [];
  const library: Chunk[] = [];
  elements.forEach((element, index) => {
    if (element.kind !== 'code' || !isProgramBlock(element) || element.lines.length === 0 || isMislabelledOutput(elements, index)) return;
    const isDoctest = element.lang === 'pycon' || element.lines.find((l) => l.text.trim() !== '')?.text.trimStart().startsWith('>>>') === true;
    const session = isDoctest ? doctestSession(element.lines) : undefined;
    const block = session ? session.source : element.lines;
    const claim = session ? session.claim : (claimAfter(elements, index) ?? claimBefore(elements, index));
    const borrowed = borrow(library, block);
    programs.push({ block, lines: [...borrowed, ...block], borrowed: borrowed.length, doctest: isDoctest, ...(claim ? { claim } : {}) });
    library.push(...chunksOf(block));
  });
  return programs;
}

/** The claim written after the program at `index`, up to the next program or heading. */
function claimAfter(elements: readonly DocElement[], index: number): Claim | undefined {
  let proseBetween: string | undefined;
  let plain: Claim | undefined;
  const spans: InlineSpan[] = [];
  for (let i = index + 1; i < elements.length; i++) {
    const e = elements[i];
    if (e.kind === 'heading') break;
    if (e.kind === 'saved-output') {
      return { source: 'notebook-output', lines: outputLines(e.text), at: { line: 1, col: 1, cell: e.cell } };
    }
    if (e.kind === 'code') {
      const output = isOutputBlock(e) || isMislabelledOutput(elements, i);
      if (isProgramBlock(e) && !output) break;
      if (output && (proseBetween === undefined || proseBetween.trimEnd().endsWith(':')) && e.lines.length > 0) {
        return { source: 'output-block', lines: outputLines(text(e.lines), e.lang === 'console' || e.lang === 'shell-session'), at: e.lines[0] };
      }
      continue;
    }
    if (e.kind === 'prose') {
      proseBetween = e.text;
      spans.push(...e.spans);
      plain ??= plainProseClaim(e);
    }
  }
  return proseClaim(spans) ?? plain;
}

/** "So this prints `first, second`:" just before the program: a claim in the paragraph that introduces it. */
function claimBefore(elements: readonly DocElement[], index: number): Claim | undefined {
  const e = elements[index - 1];
  if (e?.kind !== 'prose' || !e.text.trimEnd().endsWith(':')) return undefined;
  return proseClaim(e.spans);
}

/**
 * The first code span after a verb about output; the spans right after it joined only by
 * commas or "and" belong to it ("prints `shav`, `text` and `finished`").
 */
function proseClaim(spans: readonly InlineSpan[]): Claim | undefined {
  const index = spans.findIndex((s) => CLAIM_VERB.test(s.before) && !CODE_LIKE.test(s.code) && s.code.trim() !== '');
  if (index < 0) return undefined;
  const items = [spans[index].code];
  for (let i = index + 1; i < spans.length && /^\s*(,|and|,\s*and|then|,\s*then)\s*$/i.test(spans[i].before) && !CODE_LIKE.test(spans[i].code); i++) items.push(spans[i].code);
  const lines = items.flatMap((code) => (code.includes(',') ? code.split(',') : [code])).map((item) => item.trim());
  return { source: 'prose', lines, at: spans[index] };
}

/** "This will return: shav, text, finished" without code marks: a comma-separated list of short items after a verb and a colon. */
function plainProseClaim(prose: ProseElement): Claim | undefined {
  const match = /\b(?:returns?|prints?|outputs?|output is|displays?|shows?)\s*:\s*([^:`]+?)\.?$/i.exec(prose.text);
  const items = match?.[1].split(',').map((item) => item.trim());
  if (!items || items.length < 2 || items.some((item) => item === '' || item.length > 40 || /[.!?;]\s/.test(item))) return undefined;
  return { source: 'prose', lines: items, at: { line: prose.line, col: 1, ...(prose.cell === undefined ? {} : { cell: prose.cell }) } };
}

/**
 * A block labelled Python that is really output: introduced by prose ending with ':' that
 * speaks of output, right after a program, and reading as no code (no call, assignment,
 * keyword or block).
 */
function isMislabelledOutput(elements: readonly DocElement[], index: number): boolean {
  const element = elements[index];
  const intro = elements[index - 1];
  if (element.kind !== 'code' || intro?.kind !== 'prose' || !/\b(output|prints?|printed|returns?|results?)\b[^.]*:\s*$/i.test(intro.text)) return false;
  const previous = elements[index - 2];
  if (previous?.kind !== 'code' || !isProgramBlock(previous)) return false;
  return !PYTHON_LOOKING.test(text(element.lines)) && !element.lines.some((l) => /[()=]|:\s*$|^\s*(import|async|await|def|class|for|while|if|return)\b/.test(l.text));
}

/** Claimed output as lines: trailing spaces and surrounding blank lines dropped; in a console block, `$ command` lines too. */
export function outputLines(output: string, console = false): string[] {
  let lines = output.replace(/\r\n/g, '\n').split('\n').map((l) => l.trimEnd());
  if (console) lines = lines.filter((l) => !/^[$%] /.test(l));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** A `>>>` session: the statements (after `>>> ` / `... `) and the expected lines after them. */
function doctestSession(lines: readonly SourceLine[]): { source: SourceLine[]; claim: Claim } {
  const source: SourceLine[] = [];
  const expected: string[] = [];
  let at: Claim['at'] | undefined;
  for (const l of lines) {
    const body = l.text.trimStart();
    const indent = l.text.length - body.length;
    const prompt = /^(>>>|\.\.\.)( |$)/.exec(body);
    if (prompt) {
      source.push({ ...l, text: body.slice(prompt[0].length), col: l.col + indent + prompt[0].length });
    } else if (body !== '') {
      at ??= { line: l.line, col: l.col + indent, ...(l.cell === undefined ? {} : { cell: l.cell }) };
      expected.push(body === '<BLANKLINE>' ? '' : l.text.trimEnd().slice(Math.min(indent, l.text.length)));
    }
  }
  return { source, claim: { source: 'doctest', lines: expected, at: at ?? lines[0] } };
}

/** A top-level definition or import of an earlier block: the names it binds and its lines. */
interface Chunk {
  names: string[];
  lines: SourceLine[];
}

/** The names an import line binds: `import a.b as c` -> c, `import a.b` -> a, `from m import x as y, z` -> y, z. */
function importedNames(line: string): string[] {
  const from = /^from\s+\S+\s+import\s+\(?([^)#]*)/.exec(line);
  const plain = /^import\s+([^#]*)/.exec(line);
  const list = from?.[1] ?? plain?.[1] ?? '';
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== '*')
    .map((part) => {
      const alias = /\bas\s+(\w+)$/.exec(part);
      return alias ? alias[1] : from ? part : part.split('.')[0];
    });
}

function chunksOf(block: readonly SourceLine[]): Chunk[] {
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  let decorators: SourceLine[] = [];
  for (const line of block) {
    const top = line.text !== '' && !/^\s/.test(line.text);
    if (!top) {
      if (current && line.text.trim() !== '') current.lines.push(line);
      continue;
    }
    if (line.text.startsWith('@')) {
      decorators.push(line);
      current = undefined;
      continue;
    }
    const match = TOP_LEVEL_DEFINITION.exec(line.text);
    current = match ? { names: match[1] ? [match[1]] : importedNames(line.text), lines: [...decorators, line] } : undefined;
    if (current) chunks.push(current);
    decorators = [];
  }
  return chunks;
}

/**
 * The earlier chunks a block needs: those binding a name it uses (and, in turn, names those
 * chunks use) that it does not bind itself; the latest binding of a name wins. In document order.
 */
function borrow(library: readonly Chunk[], block: readonly SourceLine[]): SourceLine[] {
  const own = new Set(chunksOf(block).flatMap((c) => c.names));
  const latest = new Map<string, Chunk>();
  for (const chunk of library) for (const name of chunk.names) latest.set(name, chunk);
  const needed = new Set<Chunk>();
  const visit = (source: string): void => {
    for (const [name, chunk] of latest) {
      if (own.has(name) || needed.has(chunk) || !new RegExp(`\\b${name}\\b`).test(source)) continue;
      needed.add(chunk);
      visit(text(chunk.lines));
    }
  };
  visit(text(block));
  return [...needed].sort((a, b) => order(a.lines[0]) - order(b.lines[0])).flatMap((c) => c.lines);
}

const order = (l: SourceLine): number => (l.cell ?? 0) * 1e7 + l.line;
