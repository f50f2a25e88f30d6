import { LatencyTableBuilder, type LatencyTable } from './latency-table.js';
import { readLatencyRecords } from './read-latency-csv.js';

/**
 * latencies.csv as a LatencyTable: every row checked and read as it streams past, only its table
 * columns kept. Memory grows by the columns' few bytes a row, not by the file's size.
 */
export async function readLatencyTable(filePath: string): Promise<LatencyTable> {
  const builder = new LatencyTableBuilder();
  await readLatencyRecords(filePath, (record) => builder.add(record));
  return builder.finish();
}
