import { open, truncate, writeFile } from 'node:fs/promises';

/**
 * Where the complete rows of a CSV file end, and cutting a file back to them: what a resume does
 * to a file a killed writer left with a half-written last row (a row appended after it would be
 * glued to it). The file is scanned in chunks of bytes carrying only the quote state, never read
 * as one string, so a study of a million rows costs one chunk.
 *
 * A row ends at a newline outside quotes. A quoted cell may hold newlines; `""` inside quotes
 * toggles the state twice, so counting quotes is enough. Bytes, not characters: a quote and a
 * newline are single bytes that never occur inside a UTF-8 multi-byte character, and the offsets
 * are what truncate needs.
 */

const QUOTE = 0x22;
const LF = 0x0a;

export const COMPLETE_ROWS_CHUNK_BYTES = 1 << 20;

/** Fed the file's bytes in order, in chunks of any size; `completeBytes` is the end of the last complete row so far. */
export class CompleteRowsScanner {
  private inQuotes = false;
  private scannedBytes = 0;
  private endBytes = 0;

  /** Bytes up to and including the last newline outside quotes seen so far (0: no complete row yet). */
  get completeBytes(): number {
    return this.endBytes;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let pos = 0;
    while (pos < n) {
      const quote = chunk.indexOf(QUOTE, pos);
      if (this.inQuotes) {
        if (quote === -1) break;
        this.inQuotes = false;
        pos = quote + 1;
        continue;
      }
      // Outside quotes up to the next quote (or the chunk's end): its last newline ends a row.
      const stop = quote === -1 ? n : quote;
      const newline = chunk.subarray(pos, stop).lastIndexOf(LF);
      if (newline !== -1) this.endBytes = this.scannedBytes + pos + newline + 1;
      if (quote === -1) break;
      this.inQuotes = true;
      pos = quote + 1;
    }
    this.scannedBytes += n;
  }
}

/** The text up to the end of its last complete row; '' when not even the first line is complete. */
export function completeRowsPrefix(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new CompleteRowsScanner();
  scanner.push(bytes);
  return bytes.subarray(0, scanner.completeBytes).toString('utf8');
}

/**
 * The file's size and the end of its last complete row, read `chunkBytes` at a time (small in
 * tests, so rows and quotes fall across chunk boundaries). A missing file is empty.
 */
export async function scanCompleteRows(filePath: string, chunkBytes = COMPLETE_ROWS_CHUNK_BYTES): Promise<{ fileBytes: number; completeBytes: number }> {
  let handle;
  try {
    handle = await open(filePath, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { fileBytes: 0, completeBytes: 0 };
    throw error;
  }
  try {
    const scanner = new CompleteRowsScanner();
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let fileBytes = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, fileBytes);
      if (bytesRead === 0) break;
      scanner.push(buffer.subarray(0, bytesRead));
      fileBytes += bytesRead;
    }
    return { fileBytes, completeBytes: scanner.completeBytes };
  } finally {
    await handle.close();
  }
}

/**
 * Cuts `filePath` back to its complete rows; a file without one complete line (cut inside its
 * header, empty, or missing) becomes `headerLine` alone. Resolves with the bytes cut away and
 * whether rows after the header may be there to read.
 */
export async function cutToCompleteRows(
  filePath: string,
  headerLine: string,
  chunkBytes = COMPLETE_ROWS_CHUNK_BYTES,
): Promise<{ cutBytes: number; headerWritten: boolean }> {
  const { fileBytes, completeBytes } = await scanCompleteRows(filePath, chunkBytes);
  if (completeBytes === 0) {
    await writeFile(filePath, `${headerLine}\n`, 'utf8');
    return { cutBytes: fileBytes, headerWritten: true };
  }
  const cutBytes = fileBytes - completeBytes;
  if (cutBytes > 0) await truncate(filePath, completeBytes);
  return { cutBytes, headerWritten: false };
}
