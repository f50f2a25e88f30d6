import { readFile, truncate, writeFile } from 'node:fs/promises';
import { LATENCY_HEADERS } from '../results/latency-cells.js';
import { parseLatencyCsv } from '../results/read-latency-csv.js';
import type { RequestRecord } from '../results/request-record.js';

/**
 * Makes a killed run's latencies.csv ready for appending: a last row cut off by the kill is cut
 * away (the reader would drop it anyway, and a row appended after it would be glued to it), and a
 * file that never got its header gets one. Returns the complete rows and how many bytes were cut.
 */
export async function repairLatencyCsv(filePath: string): Promise<{ records: RequestRecord[]; cutBytes: number }> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    text = '';
  }
  const complete = completeRowsPrefix(text);
  const header = `${LATENCY_HEADERS.join(',')}\n`;
  if (complete === '') {
    await writeFile(filePath, header, 'utf8');
    return { records: [], cutBytes: Buffer.byteLength(text) };
  }
  const keptBytes = Buffer.byteLength(complete);
  const cutBytes = Buffer.byteLength(text) - keptBytes;
  if (cutBytes > 0) await truncate(filePath, keptBytes);
  return { records: parseLatencyCsv(complete, `Latency file ${filePath}`), cutBytes };
}

/**
 * The text up to the end of its last complete row: the last newline outside quotes (a quoted cell
 * may hold newlines; `""` inside quotes toggles twice, so counting quotes is enough). '' when not
 * even the header line is complete.
 */
export function completeRowsPrefix(text: string): string {
  let inQuotes = false;
  let end = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (c === 10 && !inQuotes) end = i + 1;
  }
  return text.slice(0, end);
}
