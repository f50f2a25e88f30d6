import type { StatisticsRow } from '../stats/index.js';
import { msText } from './format-values.js';
import { summaryRows } from './summary-rows.js';

/**
 * The console's closing table after a run or `npm run report`: sub-experiment, class, n (successful
 * requests), errors, p50 and p99 in ms, right-aligned numbers, two spaces between columns.
 *
 *   sub-experiment  class    n  errors  p50 ms  p99 ms
 *   warm            all    240       0    12.4    31.0
 *     service 10 ms all    120       0    15.1    33.2
 *
 * A sub-experiment that mixes service times or burst sizes is followed by its split rows (`splitRows`).
 */
export function formatSummaryTable(rows: readonly StatisticsRow[], splitRows: readonly StatisticsRow[] = []): string {
  const header = ['sub-experiment', 'class', 'n', 'errors', 'p50 ms', 'p99 ms'];
  const cells = (label: string, row: StatisticsRow) => [label, row.class, String(row.count), String(row.errors), msText(row.p50Ms), msText(row.p99Ms)];
  const plain = summaryRows(rows);
  const body: string[][] = [];
  plain.forEach((row, i) => {
    body.push(cells(row.subExperiment, row));
    // After a sub-experiment's last plain row come its split rows, indented under it.
    if (plain[i + 1]?.subExperimentIndex === row.subExperimentIndex) return;
    for (const split of splitRows) {
      if (split.subExperimentIndex !== row.subExperimentIndex || split.class === 'unknown' || split.count + split.errors === 0) continue;
      body.push(cells(`  ${splitLabel(split)}`, split));
    }
  });
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

function splitLabel(row: StatisticsRow): string {
  if (row.factor === 'desiredServiceTimeMs') return `service ${String(row.factorValue)} ms`;
  if (row.factor === 'burstSize') return `burst ${String(row.factorValue)}`;
  return `${String(row.factor)} ${String(row.factorValue)}`;
}
