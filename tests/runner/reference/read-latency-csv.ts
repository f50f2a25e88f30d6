import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { UserError } from '../../../experiments/schema/user-error.js';
import { LATENCY_HEADERS, parseLatencyRow } from '../../../runner/results/latency-cells.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';

/**
 * Reads a latencies.csv back into records (for reports and re-analysis). Types are converted per
 * column (latency-cells.ts) rather than by papaparse's dynamicTyping, so ids and codes stay text.
 *
 * The writer ends every row with a newline, so a file that does not end in one, or ends inside an
 * open quote, was cut off by an interrupted run: its final row is incomplete and is dropped. Every
 * other problem is reported, naming the file and the data row.
 */
export async function readLatencyCsv(filePath: string): Promise<RequestRecord[]> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`Latency file ${filePath} cannot be read: ${code === 'ENOENT' ? 'there is no such file' : String(code ?? error)}.`);
  }
  return parseLatencyCsv(text, `Latency file ${filePath}`);
}

/** As readLatencyCsv, from text; `source` names it in errors. */
export function parseLatencyCsv(text: string, source: string): RequestRecord[] {
  const headerLine = LATENCY_HEADERS.join(',');
  // Interrupted before (or while) the header reached the disk: nothing was measured yet.
  if (!text.includes('\n') && headerLine.startsWith(text)) return [];

  const parsed = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ',', skipEmptyLines: true, dynamicTyping: false });
  const fields = parsed.meta.fields ?? [];
  const missing = LATENCY_HEADERS.filter((header) => !fields.includes(header));
  if (missing.length > 0) {
    throw new UserError(
      `${source} is not a faasbench latency CSV: it lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
        'Its first line must be the header faasbench writes.',
    );
  }

  // papaparse numbers quote errors by raw line and field errors by data row, so an unterminated quote
  // is recognised by its code; it can only run to the end of the file.
  const cutOff = !text.endsWith('\n') || parsed.errors.some((e) => e.code === 'MissingQuotes');
  const rows = cutOff ? parsed.data.slice(0, -1) : parsed.data;
  const badShape = parsed.errors.find((e) => e.type === 'FieldMismatch' && e.row !== undefined && e.row < rows.length);
  if (badShape !== undefined) {
    throw new UserError(`${source}, data row ${(badShape.row ?? 0) + 1}: ${badShape.message}.`);
  }

  return rows.map((row, index) => {
    const record = parseLatencyRow(row);
    if (typeof record === 'string') throw new UserError(`${source}, data row ${index + 1}: ${record}.`);
    return record;
  });
}
