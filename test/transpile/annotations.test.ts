/**
 * Annotations accepted and dropped (issue 8 item 9): parameter, return and variable
 * annotations, `import typing`, `from typing import ...` and `from __future__ import
 * annotations` (names for annotations only), and f-string `=` (`f"{x=}"`, `f"{x = :.2f}"`,
 * `f"{x=!s}"`): the programs in ./annotations/ print exactly what python3 prints on the port.
 */
import { describe, it } from 'vitest';
import { describePrograms, expectRefused } from './_lang-programs.ts';

describePrograms('annotations and f-string =', new URL('./annotations/', import.meta.url), 2);

describe('what stays out is refused with file:line:col and a hint', () => {
  it.each([
    ['typing used as a value', 'import typing\nx = typing.cast(int, 1)\n', '4:5: unsupported use of typing outside an annotation (typing is read only for annotations, which never run; write the value without it)'],
    ['a name from typing called', 'from typing import NewType\nUserId = NewType("UserId", int)\n', '4:10: unsupported use of NewType outside an annotation (typing is read only for annotations, which never run; write the value without it)'],
    ['a name from typing read', 'from typing import Any\nx = [Any]\n', '4:6: unsupported use of Any outside an annotation (typing is read only for annotations, which never run; write the value without it)'],
  ])('%s', async (_what, body, expected) => {
    await expectRefused(body, expected);
  });
});
