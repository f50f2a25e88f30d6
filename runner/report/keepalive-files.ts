import path from 'node:path';
import Papa from 'papaparse';
import { BINOMIAL_CI_LEVEL, KEEP_ALIVE_THRESHOLD, type KeepAliveIdleRow } from '../keepalive/index.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { escapeFormulaText, formatMs } from '../results/latency-cells.js';
import type { KeepAliveReport } from './keepalive-report.js';

/**
 * keep-alive.csv (one row per planned idle time, for spreadsheets) and keep-alive.json (the same
 * rows at full precision, the requests that are no samples, and the estimate), next to
 * statistics.csv. Columns of the CSV, fixed:
 *
 *   idle_ms, sub_experiment_index, sub_experiment, replicas, planned_samples, bin_from_ms, bin_to_ms,
 *   measured_idle_median_ms, measured_idle_min_ms, measured_idle_max_ms, samples, cold, warm,
 *   p_cold, ci_lower, ci_upper, failed, unknown
 *
 * `samples` = cold + warm; `failed` (no answer) and `unknown` (an answer without a class) are
 * counted apart and are in no P. bin_to_ms is empty for the longest idle time's open-ended bin.
 * A row without samples has empty p_cold and the interval [0, 1].
 */

export const KEEP_ALIVE_CSV_FILE_NAME = 'keep-alive.csv';
export const KEEP_ALIVE_JSON_FILE_NAME = 'keep-alive.json';
export const KEEP_ALIVE_FORMAT_VERSION = 1;

type Cell = (row: KeepAliveIdleRow) => string;
const decimals = (value: number | null | undefined): string => (value == null || !Number.isFinite(value) ? '' : formatMs(value));
const integer = (value: number): string => String(value);
const probability = (value: number | null | undefined): string => (value == null ? '' : value.toFixed(6));

export const KEEP_ALIVE_COLUMNS: readonly (readonly [string, Cell])[] = [
  ['idle_ms', (r) => decimals(r.idle.idleMs)],
  ['sub_experiment_index', (r) => integer(r.idle.subExperimentIndex)],
  ['sub_experiment', (r) => escapeFormulaText(r.idle.subExperimentTitle)],
  ['replicas', (r) => integer(r.idle.replicas)],
  ['planned_samples', (r) => integer(r.idle.samples)],
  ['bin_from_ms', (r) => decimals(r.binMs[0])],
  ['bin_to_ms', (r) => decimals(r.binMs[1])],
  ['measured_idle_median_ms', (r) => decimals(r.point?.idleMs)],
  ['measured_idle_min_ms', (r) => decimals(r.point?.idleRangeMs[0])],
  ['measured_idle_max_ms', (r) => decimals(r.point?.idleRangeMs[1])],
  ['samples', (r) => integer(r.point?.samples ?? 0)],
  ['cold', (r) => integer(r.point?.cold ?? 0)],
  ['warm', (r) => integer(r.point?.warm ?? 0)],
  ['p_cold', (r) => probability(r.point?.pCold)],
  ['ci_lower', (r) => probability(r.point?.ci.lower ?? 0)],
  ['ci_upper', (r) => probability(r.point?.ci.upper ?? 1)],
  ['failed', (r) => integer(r.point?.failed ?? 0)],
  ['unknown', (r) => integer(r.point?.unclassified ?? 0)],
];

export function keepAliveCsv(report: KeepAliveReport): string {
  const fields = KEEP_ALIVE_COLUMNS.map(([header]) => header);
  const data = report.curve.rows.map((row) => KEEP_ALIVE_COLUMNS.map(([, cell]) => cell(row)));
  return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
}

export function keepAliveJson(report: KeepAliveReport): string {
  const { curve, study } = report;
  const document = {
    formatVersion: KEEP_ALIVE_FORMAT_VERSION,
    sample: "a request whose replica's previous request ended successfully before it left; idle = its dispatch − that end (client clock)",
    cold: 'class cold or cold-preinit: the instance that served the previous request was not reused',
    bins: 'each sample counts for the planned idle time nearest its measured idle: bins split halfway between planned idle times, the last open-ended (binToMs null)',
    interval: `Clopper-Pearson (exact binomial), ${BINOMIAL_CI_LEVEL * 100}%`,
    threshold: KEEP_ALIVE_THRESHOLD,
    samplesPerIdle: study.samplesPerIdle,
    wallBudgetMs: study.wallBudgetMs,
    configuredKeepAliveMs: report.configuredMs,
    estimate: curve.estimate,
    notSamples: curve.notSamples,
    idleTimes: curve.rows.map((row) => ({
      idleMs: row.idle.idleMs,
      subExperimentIndex: row.idle.subExperimentIndex,
      subExperimentTitle: row.idle.subExperimentTitle,
      replicas: row.idle.replicas,
      plannedSamples: row.idle.samples,
      plannedRequests: row.idle.requests,
      scheduleMs: row.idle.scheduleMs,
      binFromMs: row.binMs[0],
      binToMs: Number.isFinite(row.binMs[1]) ? row.binMs[1] : null,
      measuredIdleMedianMs: row.point?.idleMs ?? null,
      measuredIdleRangeMs: row.point?.idleRangeMs ?? null,
      samples: row.point?.samples ?? 0,
      cold: row.point?.cold ?? 0,
      warm: row.point?.warm ?? 0,
      pCold: row.point?.pCold ?? null,
      ci: row.point?.ci ?? { lower: 0, upper: 1, level: BINOMIAL_CI_LEVEL },
      failed: row.point?.failed ?? 0,
      unknown: row.point?.unclassified ?? 0,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Writes both files into `dir` (each atomically); returns their paths. */
export async function writeKeepAliveFiles(dir: string, report: KeepAliveReport): Promise<{ csvPath: string; jsonPath: string }> {
  const csvPath = path.join(dir, KEEP_ALIVE_CSV_FILE_NAME);
  const jsonPath = path.join(dir, KEEP_ALIVE_JSON_FILE_NAME);
  await writeFileAtomic(csvPath, keepAliveCsv(report));
  await writeFileAtomic(jsonPath, keepAliveJson(report));
  return { csvPath, jsonPath };
}
