/**
 * python3's stderr as the port writes it: the port writes a logged or uncaught exception's last
 * line only (README, Known limits), not the frames above it, which name CPython's own files.
 */

/**
 * `stderr` without its traceback bodies: from each "Traceback (most recent call last):" line
 * up to, not including, the exception's line (the first line after it that is not indented:
 * the frames are).
 */
export function withoutTracebackBody(stderr: string): string {
  const kept: string[] = [];
  let inBody = false;
  for (const line of stderr.split('\n')) {
    if (line === 'Traceback (most recent call last):') inBody = true;
    else if (inBody && !line.startsWith(' ')) inBody = false;
    if (!inBody) kept.push(line);
  }
  return kept.join('\n');
}
