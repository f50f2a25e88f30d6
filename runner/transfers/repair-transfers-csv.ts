import { readFile, truncate } from 'node:fs/promises';
import { completeRowsPrefix } from '../bench/repair-latency-csv.js';

/**
 * Makes a killed chain run's transfers.csv ready for appending (--resume): a last row cut off by
 * the kill is cut away, so the rows the resume appends start on a line of their own. Returns the
 * bytes cut; 0 when there is no such file (a run without chains).
 */
export async function repairTransfersCsv(filePath: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const kept = Buffer.byteLength(completeRowsPrefix(text));
  const cut = Buffer.byteLength(text) - kept;
  if (cut > 0) await truncate(filePath, kept);
  return cut;
}
