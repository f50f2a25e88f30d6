import type { StatisticsRow } from '../stats/index.js';
import { msText } from './format-values.js';
import { summaryRows } from './summary-rows.js';

/**
 * The console's closing table after a run or `npm run report`: sub-experiment, class, n (successful
 * requests), errors, p50 and p99 in ms, right-aligned numbers, two spaces between columns.
 *
 *   sub-experiment  class    n  errors  p50 ms  p99 ms
 *   warm            all    240       0    12.4    31.0
 */
export function formatSummaryTable(rows: readonly StatisticsRow[]): string {
  const header = ['sub-experiment', 'class', 'n', 'errors', 'p50 ms', 'p99 ms'];
  const body = summaryRows(rows).map((row) => [row.subExperiment, row.class, String(row.count), String(row.errors), msText(row.p50Ms), msText(row.p99Ms)]);
  if (body.length === 0) return 'no requests were recorded';
  const table = [header, ...body];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  const leftAligned = new Set([0, 1]);
  return table
    .map((cells) =>
      cells
        .map((cell, column) => (leftAligned.has(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
