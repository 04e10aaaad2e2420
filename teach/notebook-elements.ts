/**
 * A Jupyter notebook (nbformat 4, JSON) as check-doc's elements, read by hand: it is JSON, and
 * the few fields used (`cells[].cell_type`, `source`, `outputs[].output_type/name/text`) are
 * stable across nbformat 4.x. Markdown cells go through the Markdown reader; a code cell's
 * saved stdout is the claim its author made by running it. Positions are `cell N:line:col`.
 */
import { UsageError } from '../cli/errors.ts';
import type { DocElement } from './doc-elements.ts';
import { markdownElements } from './markdown-elements.ts';

interface NotebookCell {
  cell_type?: string;
  source?: string | string[];
  outputs?: { output_type?: string; name?: string; text?: string | string[] }[];
}

const joinText = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join('') : (value ?? ''));

export function notebookElements(text: string, file: string): DocElement[] {
  let notebook: { cells?: NotebookCell[] };
  try {
    notebook = JSON.parse(text) as { cells?: NotebookCell[] };
  } catch (error) {
    throw new UsageError(`${file}: not a notebook (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!Array.isArray(notebook?.cells)) throw new UsageError(`${file}: not a notebook (no "cells" list)`);
  const elements: DocElement[] = [];
  notebook.cells.forEach((cellData, index) => {
    const cell = index + 1;
    const source = joinText(cellData.source);
    if (cellData.cell_type === 'markdown') {
      elements.push(...markdownElements(source, cell));
    } else if (cellData.cell_type === 'code') {
      const lines = source === '' ? [] : source.replace(/\n$/, '').split('\n').map((line, k) => ({ text: line, line: k + 1, col: 1, cell }));
      elements.push({ kind: 'code', lang: 'python', lines });
      // Only printed text is a claim: an `execute_result` is IPython echoing a value, which `python3` never prints.
      const streams = (cellData.outputs ?? []).filter((o) => o.output_type === 'stream' && o.name === 'stdout');
      if (streams.length > 0) elements.push({ kind: 'saved-output', text: streams.map((o) => joinText(o.text)).join(''), cell });
    }
  });
  return elements;
}
