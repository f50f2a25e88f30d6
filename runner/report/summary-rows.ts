import type { StatisticsRow } from '../stats/index.js';

/**
 * The statistics rows a summary shows: one per sub-experiment and class, `all` always, the other
 * classes only when they hold a request (a cold-only sub-experiment gets no empty warm row). Rows
 * split by a factor (statisticsRowsBy) are left to statistics.csv.
 */
export function summaryRows(rows: readonly StatisticsRow[]): StatisticsRow[] {
  return rows.filter((row) => row.factor === null && (row.class === 'all' || row.count + row.errors > 0));
}

/** The `all` row of each sub-experiment, in order. */
export function subExperimentTotals(rows: readonly StatisticsRow[]): StatisticsRow[] {
  return rows.filter((row) => row.factor === null && row.class === 'all');
}
