/**
 * The goals of issue 10 as the bench's closing table: each figure with its measured value, its
 * goal and whether it is met, side by side.
 */
export interface Goal {
  figure: string;
  /** As printed, e.g. `0.21 s (1.9× node -e 0)`. */
  measured: string;
  goal: string;
  /** undefined: not measured in this run (e.g. no chromium). */
  met: boolean | undefined;
}

export function goalTable(goals: Goal[]): string {
  const rows = [['figure', 'measured', 'goal', 'met?'], ...goals.map((g) => [g.figure, g.measured, g.goal, g.met === undefined ? 'n/a' : g.met ? 'yes' : 'NO'])];
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  const format = (row: string[]) => row.map((cell, col) => cell.padEnd(widths[col])).join('  ').trimEnd();
  return [format(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(format)].join('\n');
}
