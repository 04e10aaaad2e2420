/**
 * Which line of the TypeScript corresponds to which line of the Python, so a report can show
 * them side by side with corresponding lines on one row. The transpiler keeps the Python's
 * statement order and names, so the lines are aligned as two sequences (Needleman–Wunsch):
 * two lines may pair when they share enough words (names, numbers, string literals), and the
 * pairs chosen maximise the total likeness while keeping both sides in order.
 */
export interface LinePair {
  python: number;
  typescript: number;
}

/** Words that only say how each language spells things, not which statement it is. */
const NOISE = new Set([
  'def', 'async', 'const', 'let', 'var', 'function', 'return_', 'py', 'aw', 'coroutine', 'Promise', 'null', 'None',
  'bigint', 'number', 'string', 'boolean', 'PyValue', 'Task', 'Coroutine', 'of', 'in', 'import', 'from', 'as', 'rt',
]);
const WORD = /'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|[A-Za-z_$][\w$]*|\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;
const MIN_LIKENESS = 0.3;

function wordsOf(line: string): Set<string> {
  const code = line.replace(/^\s*(#|\/\/).*$/, '');
  const words = new Set<string>();
  for (const [word] of code.matchAll(WORD)) {
    const normal = word.replace(/^"(.*)"$/, "'$1'");
    if (!NOISE.has(normal)) words.add(normal);
  }
  return words;
}

function likeness(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Each line's words; a line whose brackets stay open (prettier's `print(` with one argument a
 * line) takes its continuation lines' words, which then have none of their own, so a long
 * call still pairs with its one Python line.
 */
function statementWords(lines: string[]): Array<Set<string>> {
  const words = lines.map(wordsOf);
  for (let j = 0; j < lines.length; j++) {
    if (!/\($/.test(lines[j].trimEnd())) continue;
    let depth = bracketDepth(lines[j]);
    let k = j + 1;
    while (depth > 0 && k < lines.length && !/\{$/.test(lines[k].trimEnd())) depth += bracketDepth(lines[k++]);
    if (depth !== 0) continue; // a callback's body, not a list of arguments: lines keep their own words
    for (let c = j + 1; c < k; c++) {
      for (const w of words[c]) words[j].add(w);
      words[c] = new Set();
    }
  }
  return words;
}

/** Opened minus closed parentheses on a line (string literals skipped). */
function bracketDepth(line: string): number {
  const code = line.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/g, '');
  let depth = 0;
  for (const c of code) depth += c === '(' ? 1 : c === ')' ? -1 : 0;
  return depth;
}

/** Monotone pairs (both line numbers increase), 1-based. */
export function alignLines(python: string, typescript: string): LinePair[] {
  const py = python.split('\n').map(wordsOf);
  const ts = statementWords(typescript.split('\n'));
  // best[i][j]: the best total likeness aligning py[i..] with ts[j..]
  const best = Array.from({ length: py.length + 1 }, () => new Float64Array(ts.length + 1));
  for (let i = py.length - 1; i >= 0; i--) {
    for (let j = ts.length - 1; j >= 0; j--) {
      const pair = likeness(py[i], ts[j]);
      const paired = pair >= MIN_LIKENESS ? pair + best[i + 1][j + 1] : -1;
      best[i][j] = Math.max(paired, best[i + 1][j], best[i][j + 1]);
    }
  }
  const pairs: LinePair[] = [];
  for (let i = 0, j = 0; i < py.length && j < ts.length; ) {
    const pair = likeness(py[i], ts[j]);
    if (pair >= MIN_LIKENESS && best[i][j] === pair + best[i + 1][j + 1]) {
      pairs.push({ python: i + 1, typescript: j + 1 });
      i++;
      j++;
    } else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return pairs;
}
