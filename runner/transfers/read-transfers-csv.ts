import { createReadStream } from 'node:fs';
import { UserError } from '../../experiments/schema/user-error.js';
import { CsvQuoteError, CsvRowSplitter } from '../results/csv-rows.js';
import { parseTransferRow } from './transfer-cells.js';
import { TRANSFER_HEADERS, type TransferRow } from './transfer-row.js';

/**
 * Streams transfers.csv back, row by row, as latencies.csv is read: nothing of the file is kept
 * here. A last row cut off by an interrupted run (no final line end) is dropped; any other bad row
 * is a UserError naming the file and the row. Resolves with the rows visited, or null when the run
 * has no transfers.csv (no chain).
 */
export async function readTransferRows(filePath: string, visit: (row: TransferRow) => void): Promise<number | null> {
  const source = `Transfers file ${filePath}`;
  let headers: string[] | null = null;
  let count = 0;
  let line = 0;
  const splitter = new CsvRowSplitter((fields) => {
    line += 1;
    if (headers === null) {
      headers = fields;
      const missing = TRANSFER_HEADERS.filter((h) => !fields.includes(h));
      if (missing.length > 0) throw new UserError(`${source}: the header lacks ${missing.join(', ')}.`);
      return;
    }
    if (fields.length !== headers.length) throw new UserError(`${source}: row ${line - 1} has ${fields.length} fields, the header ${headers.length}.`);
    const cells: Record<string, string> = {};
    headers.forEach((header, i) => (cells[header] = fields[i] as string));
    const row = parseTransferRow(cells);
    if (typeof row === 'string') throw new UserError(`${source}: row ${line - 1}: ${row}.`);
    count += 1;
    visit(row);
  });
  const stream = createReadStream(filePath, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) splitter.push(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    if (error instanceof CsvQuoteError) throw new UserError(`${source}: row ${line}: ${error.message}.`);
    throw error;
  } finally {
    stream.destroy();
  }
  // What end() finds unfinished is the cut-off last row of an interrupted writer: dropped.
  return count;
}
