/**
 * The CPython every test compares against: the one the oracle would use (`--python`,
 * $ASYNCIO_CONFORMANCE_PYTHON, else the real binary behind `python3`), resolved once, so a
 * pyenv shim is not paid for on every spawn and no test names a path of one machine.
 */
import { findPython } from '../../oracle/find-python.ts';

export const PYTHON = (await findPython({})).executable;
