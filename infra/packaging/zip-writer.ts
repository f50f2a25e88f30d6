import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  centralHeader,
  endOfCentralDirectory,
  localHeader,
  type ZipEntryHeader,
} from './zip-format.js';

/** An entry ready to write: its data as bytes, or as a source of chunks read exactly once. */
export interface WritableEntry extends ZipEntryHeader {
  readonly data: Uint8Array | (() => Iterable<Uint8Array> | AsyncIterable<Uint8Array>);
}

export interface WrittenZip {
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * Writes a zip whose CRCs and sizes are known up front, so every header is final when written
 * and no data descriptors are needed. Streamed entries go to disk chunk by chunk; the sha256 of
 * the whole file is computed on the way.
 */
export async function writeZip(path: string, entries: readonly WritableEntry[], comment: Buffer): Promise<WrittenZip> {
  const file = await open(path, 'w');
  const hash = createHash('sha256');
  let offset = 0;
  const write = async (chunk: Uint8Array): Promise<void> => {
    hash.update(chunk);
    await file.write(chunk);
    offset += chunk.length;
  };
  try {
    const offsets: number[] = [];
    for (const entry of entries) {
      offsets.push(offset);
      await write(localHeader(entry));
      const dataStart = offset;
      if (entry.data instanceof Uint8Array) await write(entry.data);
      else for await (const chunk of entry.data()) await write(chunk);
      if (offset - dataStart !== entry.compressedBytes) {
        throw new Error(`zip entry ${entry.name.toString()} gave ${offset - dataStart} bytes, not the ${entry.compressedBytes} announced`);
      }
    }
    const centralOffset = offset;
    for (const [index, entry] of entries.entries()) await write(centralHeader(entry, offsets[index]!));
    await write(endOfCentralDirectory(entries.length, offset - centralOffset, centralOffset, comment));
  } finally {
    await file.close();
  }
  return { bytes: offset, sha256: hash.digest('hex') };
}
