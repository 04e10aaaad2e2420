/**
 * Which line of the TypeScript corresponds to which line of the Python, so a report can show
 * them side by side with corresponding lines on one row. Anchors are what both texts share
 * verbatim: the function names of `def`s and the string literals of print labels.
 */
export interface LinePair {
  python: number;
  typescript: number;
}

const DEF = /^\s*(?:async\s+)?def\s+(\w+)/;
const STRING = /(['"])((?:\\.|(?!\1).)*)\1/g;

function anchorsOf(line: string, isPython: boolean): string[] {
  const anchors: string[] = [];
  const def = isPython ? DEF.exec(line) : /(?:const|function)\s+(\w+)\s*(?:=|\()/.exec(line);
  if (def) anchors.push(`def ${def[1]}`);
  for (const match of line.matchAll(STRING)) anchors.push(`str ${match[2]}`);
  return anchors;
}

/** Monotone pairs (both line numbers increase), 1-based. */
export function alignLines(python: string, typescript: string): LinePair[] {
  const tsLines = typescript.split('\n');
  const pairs: LinePair[] = [];
  let from = 0;
  for (const [i, line] of python.split('\n').entries()) {
    if (line.trimStart().startsWith('#')) continue;
    const anchors = anchorsOf(line, true);
    if (anchors.length === 0) continue;
    for (let j = from; j < tsLines.length; j++) {
      if (tsLines[j].trimStart().startsWith('//')) continue;
      const theirs = anchorsOf(tsLines[j], false);
      if (anchors.some((anchor) => theirs.includes(anchor))) {
        pairs.push({ python: i + 1, typescript: j + 1 });
        from = j + 1;
        break;
      }
    }
  }
  return pairs;
}
