/**
 * Byte layout of the zip records faasbench writes and reads (APPNOTE 6.3, no zip64, no data
 * descriptors): local file header, central directory header, end of central directory.
 */

export const LOCAL_HEADER_SIGNATURE = 0x04034b50;
export const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
export const END_OF_CENTRAL_SIGNATURE = 0x06054b50;

export const LOCAL_HEADER_BYTES = 30;
export const CENTRAL_HEADER_BYTES = 46;
export const END_OF_CENTRAL_BYTES = 22;
export const MAX_COMMENT_BYTES = 0xffff;
export const MAX_ENTRIES = 0xffff;

export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

/** 1980-01-01 00:00:00, the earliest DOS date: a fixed timestamp keeps builds byte-identical. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
/** Bit 11: names are UTF-8. */
const FLAGS = 0x0800;
/** Deflate needs 2.0; made by Unix (3) so the high half of the external attributes is the mode. */
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED;
const REGULAR_FILE = 0o100000;

export interface ZipEntryHeader {
  readonly name: Buffer;
  readonly method: typeof METHOD_STORED | typeof METHOD_DEFLATED;
  readonly crc32: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  readonly mode: number;
}

export function localHeader(entry: ZipEntryHeader): Buffer {
  const header = Buffer.alloc(LOCAL_HEADER_BYTES);
  header.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(VERSION_NEEDED, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(DOS_TIME, 10);
  header.writeUInt16LE(DOS_DATE, 12);
  header.writeUInt32LE(entry.crc32, 14);
  header.writeUInt32LE(entry.compressedBytes, 18);
  header.writeUInt32LE(entry.uncompressedBytes, 22);
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, entry.name]);
}

export function centralHeader(entry: ZipEntryHeader, localHeaderOffset: number): Buffer {
  const header = Buffer.alloc(CENTRAL_HEADER_BYTES);
  header.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, 0);
  header.writeUInt16LE(VERSION_MADE_BY, 4);
  header.writeUInt16LE(VERSION_NEEDED, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(DOS_TIME, 12);
  header.writeUInt16LE(DOS_DATE, 14);
  header.writeUInt32LE(entry.crc32, 16);
  header.writeUInt32LE(entry.compressedBytes, 20);
  header.writeUInt32LE(entry.uncompressedBytes, 24);
  header.writeUInt16LE(entry.name.length, 28);
  // extra field length, comment length, disk number start, internal attributes: all 0
  header.writeUInt32LE((((REGULAR_FILE | (entry.mode & 0o7777)) << 16) >>> 0), 38);
  header.writeUInt32LE(localHeaderOffset, 42);
  return Buffer.concat([header, entry.name]);
}

export function endOfCentralDirectory(entries: number, centralBytes: number, centralOffset: number, comment: Buffer): Buffer {
  const record = Buffer.alloc(END_OF_CENTRAL_BYTES);
  record.writeUInt32LE(END_OF_CENTRAL_SIGNATURE, 0);
  record.writeUInt16LE(entries, 8);
  record.writeUInt16LE(entries, 10);
  record.writeUInt32LE(centralBytes, 12);
  record.writeUInt32LE(centralOffset, 16);
  record.writeUInt16LE(comment.length, 20);
  return Buffer.concat([record, comment]);
}

/** Bytes an entry adds to the archive: local header, data, central header. */
export function entryFootprintBytes(nameBytes: number, compressedBytes: number): number {
  return LOCAL_HEADER_BYTES + nameBytes + compressedBytes + CENTRAL_HEADER_BYTES + nameBytes;
}
