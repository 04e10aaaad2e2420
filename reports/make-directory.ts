/**
 * `mkdir -p` that always ends. Node 20's `mkdir(path, { recursive: true })` never settles
 * (100 % CPU) where a parent exists but `mkdir` answers ENOENT, as under `/proc`: it walks up,
 * finds the parent, walks down, fails again, forever. This walks up once with `stat`, then
 * creates each missing folder once; any failure is thrown as is (`code` kept).
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** Creates `dir` and its missing parents; returns the first folder it created (undefined if none). */
export async function makeDirectory(dir: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let current = resolve(dir); ; ) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      // ENOTDIR: a parent is a file; the walk up finds it and says so below.
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
      throw error;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`${current} is a file, not a folder`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  return missing[0];
}
