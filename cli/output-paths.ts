/**
 * Output paths are checked before a long run starts: a report that cannot be written is a
 * mistake in the command line (exit 2 at once), not a stack trace after an hour of checking.
 * The check does what the write will do (create the folders, open the file for writing) and
 * then undoes it, so a refused or failed run leaves nothing behind.
 */
import { open, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { makeDirectory } from '../reports/make-directory.ts';
import { UsageError } from './errors.ts';
import { terminalSafe } from './terminal-text.ts';

export interface OutputPath {
  /** The flag that named it, for the message: `--json`, `--report`, `-o`. */
  flag: string;
  /** As the process opens it (already resolved against the io's cwd); undefined: flag not given. */
  path: string | undefined;
  /** A file the command writes, or a folder it writes files into. */
  kind: 'file' | 'folder';
  /** For a folder: the file the command writes into it (`index.html`), so two flags cannot name the same file. */
  writes?: string;
}

/** Throws a UsageError naming the flag, the path and the reason for the first path that cannot be written. */
export async function checkOutputPaths(outputs: OutputPath[]): Promise<void> {
  const given = outputs.filter((output): output is OutputPath & { path: string } => output.path !== undefined);
  const seen = new Map<string, string>();
  for (const output of given) {
    if (output.path === '') throw new UsageError(`${output.flag}: the path is empty`);
    const file = resolve(output.kind === 'file' ? output.path : join(output.path, output.writes ?? '.'));
    const other = seen.get(file);
    if (other !== undefined) throw new UsageError(`${other} and ${output.flag} both write ${terminalSafe(file)}: give each its own path`);
    seen.set(file, output.flag);
  }
  for (const output of given) {
    try {
      if (output.kind === 'folder') await probeFolder(output.path);
      else await probeFile(output.path);
    } catch (error) {
      throw new UsageError(`${output.flag} ${terminalSafe(output.path)}: cannot write there (${reason(error)})`);
    }
  }
}

/** What went wrong, in words: `permission denied (EACCES)`, `/a/b is a file, not a folder`. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOENT: 'no such file or folder, and it cannot be created',
    ENOSPC: 'no space left on the device',
    EISDIR: 'it is a folder, not a file',
    EEXIST: 'it exists and is not a folder',
    ENAMETOOLONG: 'the name is too long',
    EINVAL: 'not a valid path',
  };
  if (code === 'ENOTDIR') return terminalSafe((error as Error).message.replace(/^ENOTDIR: /, ''));
  if (code && words[code]) return `${words[code]}, ${code}`;
  return terminalSafe(error instanceof Error ? error.message : String(error));
}

async function probeFolder(dir: string): Promise<void> {
  const created = await makeDirectory(dir);
  try {
    const probe = join(dir, `.asyncio-conformance-write-test-${process.pid}`);
    await (await open(probe, 'wx')).close();
    await unlink(probe);
  } finally {
    if (created) await rm(created, { recursive: true, force: true });
  }
}

async function probeFile(file: string): Promise<void> {
  const existed = await stat(file).then(
    (info) => {
      if (info.isDirectory()) throw Object.assign(new Error('it is a folder, not a file'), { code: 'EISDIR' });
      return info.isFile() ? 'file' : 'special';
    },
    () => 'missing' as const,
  );
  // A device or a pipe (`/dev/stdout`): opening one may block or consume it; the write will tell.
  if (existed === 'special') return;
  const created = existed === 'missing' ? await makeDirectory(dirname(file)) : undefined;
  try {
    // 'a' creates the file if missing and never truncates one that exists.
    await (await open(file, 'a')).close();
    if (existed === 'missing') await unlink(file);
  } finally {
    if (created) await rm(created, { recursive: true, force: true });
  }
}
