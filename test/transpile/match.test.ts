/**
 * `match` statements (issue 8 item 4): literal, capture, wildcard, value (dotted), sequence
 * (with a star), mapping (with `**rest`), OR and guard patterns, `as`, and class patterns of
 * the builtin classes. The importer reads a match as the if/elif chain CPython's compiler
 * makes of it (oracle/python/importer.py match()); the programs in ./match/ print exactly what
 * python3 prints on the port.
 */
import { describe, it } from 'vitest';
import { describePrograms, expectRefused } from './_lang-programs.ts';

describePrograms('match', new URL('./match/', import.meta.url), 3);

describe('what stays out is refused with file:line:col and a hint', () => {
  it.each([
    ['a class pattern of another class', 'def f(x):\n    match x:\n        case Point(x=0):\n            pass\n', '5:14: unsupported class pattern Point() (the subset matches only the builtin classes bool, dict, float, frozenset, int, list, set, str, tuple)'],
    ['a builtin class pattern with keywords', 'def f(x):\n    match x:\n        case int(real=0):\n            pass\n', '5:14: unsupported class pattern int() with keywords (a builtin class takes one positional sub-pattern)'],
    ['a match at module level', 'x = 1\nmatch x:\n    case 1:\n        pass\n', '4:1: unsupported match statement at module level (match inside a function)'],
  ])('%s', async (_what, body, expected) => {
    await expectRefused(body, expected);
  });
});
