import path from 'node:path';
import Papa from 'papaparse';
import { writeFileAtomic } from '../results/atomic-write.js';
import { formatMs } from '../results/latency-cells.js';
import type { PlotDefinition } from '../report/run-plots.js';
import { readTransferRows } from './read-transfers-csv.js';
import { transferPlotSpec } from './transfer-plot.js';
import { TRANSFER_STATISTICS_COLUMNS, TransferStatistics, type TransferStatisticsRow } from './transfer-statistics.js';
import { TRANSFERS_FILE_NAME } from './transfers-csv.js';

export const TRANSFER_STATISTICS_CSV = 'transfer-statistics.csv';
export const TRANSFER_STATISTICS_JSON = 'transfer-statistics.json';

export interface TransferReport {
  readonly rows: readonly TransferStatisticsRow[];
  readonly transfers: number;
  readonly plot: PlotDefinition;
}

/**
 * Rebuilds transfer-statistics.csv/json from transfers.csv alone (streamed), and the plot's
 * definition; null for a run without transfers.csv (no chain).
 */
export async function buildTransferReport(runDir: string): Promise<TransferReport | null> {
  const statistics = new TransferStatistics();
  const transfers = await readTransferRows(path.join(runDir, TRANSFERS_FILE_NAME), (row) => statistics.add(row));
  if (transfers === null) return null;
  const rows = statistics.rows();
  const table = rows.map((row) => Object.fromEntries(TRANSFER_STATISTICS_COLUMNS.map(([header, value]) => [header, cellOf(value(row))])));
  await writeFileAtomic(path.join(runDir, TRANSFER_STATISTICS_CSV), `${Papa.unparse(table, { columns: TRANSFER_STATISTICS_COLUMNS.map(([h]) => h), newline: '\n' })}\n`);
  await writeFileAtomic(path.join(runDir, TRANSFER_STATISTICS_JSON), `${JSON.stringify({ formatVersion: 1, rows }, null, 2)}\n`);
  return {
    rows,
    transfers,
    plot: {
      name: 'transfer-time',
      caption: 'Transfer time from hop to hop against payload size, per transfer mode (transfers.csv; transfer_ms uses one clock per side, see the README).',
      spec: transferPlotSpec(rows),
    },
  };
}

/** Numbers as latencies.csv writes them: µs precision, never an exponent; null as an empty cell. */
function cellOf(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : formatMs(value);
  return value;
}
