/** Shared by the oracle tests: the real CPython and small program builders. */
import { execa } from 'execa';

/** The real binary (never the pyenv shim: ~65 ms a spawn). */
import { PYTHON } from '../_support/python.ts';

export { PYTHON };

export const texts = (trace: { text: string }[]): string[] => trace.map((t) => t.text);

/** The tutorial-style programs every suite shares (the oracle's, the CLI's). */
export const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

/** The same program with every sleep scaled, so real `python3` runs are short and both sides do the same float arithmetic. */
export const scaledSleeps = (source: string, scale: number): string => source.replaceAll('asyncio.sleep(', `asyncio.sleep(${scale} * `);

/** `n` tasks that each sleep `delay`, then print their index (the heap-tie program). */
export function tiedSleepers(n: number, delay = 0.02): string {
  return [
    'import asyncio',
    'async def w(i):',
    `    await asyncio.sleep(${delay})`,
    '    print(i)',
    'async def main():',
    `    await asyncio.gather(*[w(i) for i in range(${n})])`,
    'asyncio.run(main())',
    '',
  ].join('\n');
}

/** Runs a file with the real interpreter, as a user would: `python3 prog.py`. */
export async function runRealPython(path: string): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const r = await execa(PYTHON, [path], { reject: false, stripFinalNewline: false, timeout: 60_000 });
  return { stdout: String(r.stdout), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
}
