/** Writes the report files a command was asked for: --json, --junit, --report (HTML), --open. */
import type { CheckReport } from '../reports/model.ts';
import type { CliIo } from './io.ts';
import { userPath } from './io.ts';
import { checkOutputPaths, reason } from './output-paths.ts';
import { terminalSafe } from './terminal-text.ts';

export interface OutputFlags {
  json?: string;
  junit?: string;
  report?: string;
  open?: boolean;
}

/** Before the run: every report path can be written (exit 2 at once if not). */
export async function checkReportPaths(flags: OutputFlags, io: CliIo, extra: Parameters<typeof checkOutputPaths>[0] = []): Promise<void> {
  const at = (path: string | undefined) => (path === undefined || path === '' ? path : userPath(io, path));
  await checkOutputPaths([
    { flag: '--json', path: at(flags.json), kind: 'file' },
    { flag: '--junit', path: at(flags.junit), kind: 'file' },
    { flag: '--report', path: at(flags.report), kind: 'folder', writes: 'index.html' },
    ...extra,
  ]);
}

/**
 * After the run: each report is written on its own, so one that fails (the disk filled up, the
 * folder went away) neither stops the others nor changes the run's exit code; what could not
 * be written is said on stderr. Returns how many could not be written.
 */
export async function writeOutputs(report: CheckReport, flags: OutputFlags, io: CliIo): Promise<number> {
  // Loaded when a report is asked for: the writers (junit-report-builder above all) and `open` cost every start otherwise.
  const { writeHtmlReport, writeJsonReport, writeJunitReport } = await import('../reports/index.ts');
  let failures = 0;
  const attempt = async (what: string, path: string, write: () => Promise<string>) => {
    try {
      const written = await write();
      io.stderr.write(`${what} written to ${terminalSafe(written)}\n`);
      return written;
    } catch (error) {
      failures++;
      io.stderr.write(`asyncio-conformance: could not write the ${what} to ${terminalSafe(path)}: ${reason(error)}\n`);
      return undefined;
    }
  };
  if (flags.json) {
    const file = userPath(io, flags.json);
    await attempt('JSON', flags.json, async () => (await writeJsonReport(report, file), flags.json as string));
  }
  if (flags.junit) {
    const file = userPath(io, flags.junit);
    await attempt('JUnit XML', flags.junit, async () => (await writeJunitReport(report, file), flags.junit as string));
  }
  if (flags.report) {
    const page = await attempt('HTML report', flags.report, () => writeHtmlReport(report, userPath(io, flags.report as string)));
    if (page && flags.open) await (await import('open')).default(page).catch((error: unknown) => io.stderr.write(`asyncio-conformance: could not open ${terminalSafe(page)}: ${reason(error)}\n`));
  }
  return failures;
}
