import { COMPLETE_ROWS_CHUNK_BYTES, cutToCompleteRows } from '../results/complete-rows.js';
import { LATENCY_HEADERS } from '../results/latency-cells.js';
import { readLatencyRecords, type RecordVisitor } from '../results/read-latency-csv.js';

/**
 * Makes a killed run's latencies.csv ready for appending: a last row cut off by the kill is cut
 * away (the reader would drop it anyway, and a row appended after it would be glued to it), and a
 * file that never got its header gets one. Then streams the complete rows to `visit`, in file
 * order, each checked as the report reads it (a bad row is a UserError naming the file): nothing
 * is kept here, so a study of a million rows costs what the visitor keeps, not the file's size.
 * Resolves with the rows visited and how many bytes were cut.
 */
export async function repairLatencyCsv(
  filePath: string,
  visit: RecordVisitor,
  options: { readonly chunkBytes?: number } = {},
): Promise<{ rows: number; cutBytes: number }> {
  const { cutBytes, headerWritten } = await cutToCompleteRows(filePath, LATENCY_HEADERS.join(','), options.chunkBytes ?? COMPLETE_ROWS_CHUNK_BYTES);
  if (headerWritten) return { rows: 0, cutBytes };
  return { rows: await readLatencyRecords(filePath, visit), cutBytes };
}
