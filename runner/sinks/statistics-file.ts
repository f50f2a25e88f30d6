import path from 'node:path';
import Papa from 'papaparse';
import { writeFileAtomic } from '../results/atomic-write.js';
import { escapeFormulaText, formatMs } from '../results/latency-cells.js';
import type { StatisticsRow } from '../stats/group.js';
import { EXACT_RANKS_MAX_N } from '../stats/median-ci.js';

/**
 * statistics.csv (for people and spreadsheets: ms with 3 decimals) and statistics.json (the same
 * rows at full precision, for programs). Column order of the CSV, fixed:
 *
 *   sub_experiment_index, sub_experiment, factor, factor_value, class, count, errors,
 *   min_ms, mean_ms, stddev_ms, p25_ms, p50_ms, p75_ms, p90_ms, p95_ms, p99_ms, p999_ms, max_ms,
 *   tail_to_median, median_ci_lower_ms, median_ci_upper_ms, median_ci_lower_rank, median_ci_upper_rank,
 *   median_ci_coverage, median_ci_note, desired_service_times_ms, achieved_service_time_median_ms, error_counts
 *
 * Percentiles are type 7 (numpy's default); `count` is successful requests, `errors` failed ones;
 * desired_service_times_ms is `;`-separated; error_counts reads `HTTP_500=1;TIMEOUT=2`.
 */

export const STATISTICS_CSV_FILE_NAME = 'statistics.csv';
export const STATISTICS_JSON_FILE_NAME = 'statistics.json';
export const STATISTICS_FORMAT_VERSION = 1;

type Cell = (row: StatisticsRow) => string;

const decimals = (value: number | null): string => (value === null ? '' : formatMs(value));
const integer = (value: number | null): string => (value === null ? '' : String(value));
const text = (value: string | null): string => (value === null ? '' : escapeFormulaText(value));

export const STATISTICS_COLUMNS: readonly (readonly [string, Cell])[] = [
  ['sub_experiment_index', (r) => integer(r.subExperimentIndex)],
  ['sub_experiment', (r) => text(r.subExperiment)],
  ['factor', (r) => text(r.factor)],
  ['factor_value', (r) => text(r.factorValue === null ? null : String(r.factorValue))],
  ['class', (r) => r.class],
  ['count', (r) => integer(r.count)],
  ['errors', (r) => integer(r.errors)],
  ['min_ms', (r) => decimals(r.minMs)],
  ['mean_ms', (r) => decimals(r.meanMs)],
  ['stddev_ms', (r) => decimals(r.stddevMs)],
  ['p25_ms', (r) => decimals(r.p25Ms)],
  ['p50_ms', (r) => decimals(r.p50Ms)],
  ['p75_ms', (r) => decimals(r.p75Ms)],
  ['p90_ms', (r) => decimals(r.p90Ms)],
  ['p95_ms', (r) => decimals(r.p95Ms)],
  ['p99_ms', (r) => decimals(r.p99Ms)],
  ['p999_ms', (r) => decimals(r.p999Ms)],
  ['max_ms', (r) => decimals(r.maxMs)],
  ['tail_to_median', (r) => decimals(r.tailToMedian)],
  ['median_ci_lower_ms', (r) => decimals(r.medianCi?.lower ?? null)],
  ['median_ci_upper_ms', (r) => decimals(r.medianCi?.upper ?? null)],
  ['median_ci_lower_rank', (r) => integer(r.medianCi?.lowerRank ?? null)],
  ['median_ci_upper_rank', (r) => integer(r.medianCi?.upperRank ?? null)],
  ['median_ci_coverage', (r) => decimals(r.medianCi?.coverage ?? null)],
  ['median_ci_note', (r) => text(r.medianCiNote)],
  ['desired_service_times_ms', (r) => r.desiredServiceTimesMs.map(formatMs).join(';')],
  ['achieved_service_time_median_ms', (r) => decimals(r.achievedServiceTimeMedianMs)],
  ['error_counts', (r) => text(Object.entries(r.errorCounts).map(([code, n]) => `${code}=${n}`).join(';'))],
];

export function statisticsCsv(rows: readonly StatisticsRow[]): string {
  const fields = STATISTICS_COLUMNS.map(([header]) => header);
  const data = rows.map((row) => STATISTICS_COLUMNS.map(([, cell]) => cell(row)));
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}

export function statisticsJson(rows: readonly StatisticsRow[]): string {
  const document = {
    formatVersion: STATISTICS_FORMAT_VERSION,
    percentiles: 'Hyndman-Fan type 7, as numpy.percentile',
    medianCi: `distribution-free, order statistics x_(j) and x_(k) with 1-based ranks; exact coverage up to n = ${EXACT_RANKS_MAX_N}, normal approximation above (see medianCiNote)`,
    rows,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Writes both files into `dir` (each atomically); returns their paths. */
export async function writeStatistics(dir: string, rows: readonly StatisticsRow[]): Promise<{ csvPath: string; jsonPath: string }> {
  const csvPath = path.join(dir, STATISTICS_CSV_FILE_NAME);
  const jsonPath = path.join(dir, STATISTICS_JSON_FILE_NAME);
  await writeFileAtomic(csvPath, statisticsCsv(rows));
  await writeFileAtomic(jsonPath, statisticsJson(rows));
  return { csvPath, jsonPath };
}
