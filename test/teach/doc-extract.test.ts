/**
 * What check-doc reads from a text, without running anything: which blocks are programs,
 * what each claims, where each sits in the document, and how snippets are joined.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { documentElements, formatOf } from '../../teach/check-doc.ts';
import { extractPrograms, type DocProgram } from '../../teach/doc-extract.ts';

const fixture = (name: string): DocProgram[] => {
  const file = new URL(`./fixtures/${name}`, import.meta.url).pathname;
  return extractPrograms(documentElements(readFileSync(file, 'utf8'), formatOf(file), file));
};
const md = (text: string): DocProgram[] => extractPrograms(documentElements(text, 'markdown', 'x.md'));
const start = (p: DocProgram) => ({ line: p.block[0].line, col: p.block[0].col });

describe('Markdown', () => {
  it('finds every Python block of the seed tutorial with its first line, and the claim each makes', () => {
    const programs = fixture('tutorial.md');
    expect(programs.map(start)).toEqual([6, 25, 47, 57, 74, 84, 101].map((line) => ({ line, col: 1 })));
    expect(programs.map((p) => p.claim?.source ?? null)).toEqual(['prose', 'prose', null, 'output-block', null, 'prose', 'prose']);
    expect(programs[1].claim).toEqual({ source: 'prose', lines: ['shav', 'finished', 'text'], at: expect.objectContaining({ line: 40, col: 20 }) });
    expect(programs[3].claim?.lines).toEqual(['world', 'hello']);
    expect(programs[5].claim?.lines).toEqual(['1', '2']);
  });

  it('joins a block that only defines a helper to the block that uses it, each line keeping its document line', () => {
    const [, , , run] = fixture('tutorial.md');
    expect(run.borrowed).toBe(4);
    expect(run.lines.slice(0, 4).map((l) => [l.line, l.text])).toEqual([
      [47, 'import asyncio'],
      [49, 'async def say_after(delay, what):'],
      [50, '    await asyncio.sleep(delay)'],
      [51, '    print(what)'],
    ]);
    expect(run.lines[4]).toEqual({ text: 'async def main():', line: 57, col: 1 });
  });

  it('borrows nothing a block defines itself (the latest definition of a name wins)', () => {
    const programs = md('```python\nimport asyncio\nasync def main():\n    print(1)\n```\n\n```python\nasync def main():\n    print(2)\nasyncio.run(main())\n```\n');
    expect(programs[1].lines.map((l) => l.text)).toEqual(['import asyncio', 'async def main():', '    print(2)', 'asyncio.run(main())']);
  });

  it('reads a `>>>` session as a doctest: the statements without prompts (columns after them) and the expected lines', () => {
    const [ok, wrong] = fixture('sessions.md');
    expect(ok.doctest).toBe(true);
    expect(ok.block.map((l) => l.text)).toEqual(['import asyncio', 'async def greet(name):', '    await asyncio.sleep(0.1)', "    print('hi', name)", '', "asyncio.run(greet('ann'))"]);
    expect(start(ok)).toEqual({ line: 6, col: 5 });
    expect(wrong.claim).toMatchObject({ source: 'doctest', lines: ['0', '1', '3'], at: { line: 24, col: 1 } });
  });

  it('drops the command line of a console block, and takes an unlabelled block after "This prints:" as output', () => {
    const programs = fixture('sessions.md');
    expect(programs[2].claim?.lines).toEqual(['ready', 'steady']);
    expect(programs[3].claim?.lines).toEqual(['Traceback (most recent call last):', '  File "main.py", line 7, in <module>', 'ZeroDivisionError: integer division or modulo by zero']);
    expect(start(programs[4])).toEqual({ line: 70, col: 5 }); // an indented code block: its text starts at column 5
  });

  it('a code span is no claim when it is code or follows no verb about output', () => {
    const programs = md('```python\nprint(1)\n```\n\nCall `asyncio.run(main())` and look at `a, b`.\n');
    expect(programs[0].claim).toBeUndefined();
  });

  it('reads claims written as several spans, as a plain comma-separated list, or in a block labelled python that holds output', () => {
    const program = '```python\nimport asyncio\nasync def main():\n    print("a")\nasyncio.run(main())\n```\n\n';
    const [spans] = md(`${program}It prints \`shav\`, \`text\` and \`finished\`.\n`);
    expect(spans.claim?.lines).toEqual(['shav', 'text', 'finished']);
    const [plain] = md(`${program}This will return: shav, finished, text\n`);
    expect(plain.claim).toEqual({ source: 'prose', lines: ['shav', 'finished', 'text'], at: { line: 8, col: 1 } });
    const programs = md(`${program}The output:\n\n\`\`\`python\nshav\ntext\n\`\`\`\n`);
    expect(programs).toHaveLength(1);
    expect(programs[0].claim).toMatchObject({ source: 'output-block', lines: ['shav', 'text'], at: { line: 11, col: 1 } });
  });

  it('a sentence with a colon but no list is no claim', () => {
    expect(md('```python\nprint(1)\n```\n\nThis prints: the number one.\n')[0].claim).toBeUndefined();
  });

  it('an output block after prose that does not introduce it is no claim', () => {
    const programs = md('```python\nprint(1)\n```\n\nNow a shell script.\n\n```text\n2\n```\n');
    expect(programs[0].claim).toBeUndefined();
  });
});

describe('reStructuredText', () => {
  it('reads code-block directives (options skipped), `::` literal blocks, ``literals`` before a block, and doctest blocks', () => {
    const programs = fixture('tutorial.rst');
    expect(programs.map(start)).toEqual([
      { line: 9, col: 4 },
      { line: 27, col: 4 },
      { line: 43, col: 4 },
      { line: 66, col: 4 },
      { line: 78, col: 5 },
    ]);
    expect(programs.map((p) => p.claim?.lines)).toEqual([['hello', 'world'], ['first', 'second'], ['first', 'second'], undefined, ['in main', '3']]);
    expect(programs[1].claim?.source).toBe('prose');
    expect(programs[4].doctest).toBe(true);
  });
});

describe('notebooks', () => {
  it('takes code cells as programs, saved stdout as claims, and joins the definitions of earlier cells', () => {
    const programs = fixture('notebook.ipynb');
    expect(programs.map((p) => p.block[0].cell)).toEqual([2, 4, 5, 6, 7]);
    expect(programs[1].claim).toEqual({ source: 'notebook-output', lines: ['b', 'c', 'a'], at: { line: 1, col: 1, cell: 4 } });
    expect(programs[1].lines.slice(0, programs[1].borrowed).map((l) => l.cell)).toEqual([2, 2, 2, 2]);
    expect(programs[0].claim).toBeUndefined();
  });

  it('refuses a file that is not a notebook, saying so', () => {
    expect(() => documentElements('{"no": 1}', 'notebook', 'x.ipynb')).toThrow('x.ipynb: not a notebook (no "cells" list)');
  });
});
