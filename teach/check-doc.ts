/**
 * check-doc's pipeline: read a tutorial (Markdown, reStructuredText or a notebook), extract
 * its programs and claims, test each on the oracle, and sum it up as a DocReport that the
 * terminal, JSON, JUnit and HTML writers share.
 */
import { extname } from 'node:path';
import { UsageError } from '../cli/errors.ts';
import { checkPrograms, VERDICTS, type BlockReport, type DocCheckOptions, type Verdict } from './claims.ts';
import type { DocElement } from './doc-elements.ts';
import { extractPrograms } from './doc-extract.ts';
import { markdownElements } from './markdown-elements.ts';
import { notebookElements } from './notebook-elements.ts';
import { rstElements } from './rst-elements.ts';

export type DocFormat = 'markdown' | 'rst' | 'notebook';

export interface DocReport {
  tool: 'asyncio-conformance check-doc';
  file: string;
  format: DocFormat;
  python: { executable: string; version: string };
  /** Other oracles each program also ran on (`--versions`). */
  versions: { name: string; version: string }[];
  counts: Record<Verdict, number>;
  blocks: BlockReport[];
}

const FORMATS: Record<string, DocFormat> = { '.md': 'markdown', '.markdown': 'markdown', '.rst': 'rst', '.ipynb': 'notebook' };

export function formatOf(file: string): DocFormat {
  const format = FORMATS[extname(file).toLowerCase()];
  if (!format) throw new UsageError(`${file}: expected a tutorial ending in .md, .markdown, .rst or .ipynb`);
  return format;
}

export function documentElements(text: string, format: DocFormat, file: string): DocElement[] {
  if (format === 'markdown') return markdownElements(text);
  if (format === 'rst') return rstElements(text);
  return notebookElements(text, file);
}

export async function checkDocument(text: string, options: DocCheckOptions): Promise<DocReport> {
  const format = formatOf(options.file);
  const programs = extractPrograms(documentElements(text, format, options.file));
  const blocks = await checkPrograms(programs, options);
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, blocks.filter((b) => b.verdict === v).length])) as Record<Verdict, number>;
  return {
    tool: 'asyncio-conformance check-doc',
    file: options.file,
    format,
    python: { executable: options.oracle.info.executable, version: options.oracle.info.version },
    versions: (options.versions ?? []).map((v) => ({ name: v.name, version: v.oracle.info.version })),
    counts,
    blocks,
  };
}

/** A finding: a claim that does not hold, or a block CPython cannot compile. */
export function isFinding(block: BlockReport): boolean {
  return block.verdict === 'does-not-hold' || block.verdict === 'does-not-parse';
}
