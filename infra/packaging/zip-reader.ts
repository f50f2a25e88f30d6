import { createReadStream, createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { crc32 } from './crc32.js';
import {
  CENTRAL_HEADER_BYTES,
  CENTRAL_HEADER_SIGNATURE,
  END_OF_CENTRAL_BYTES,
  END_OF_CENTRAL_SIGNATURE,
  LOCAL_HEADER_BYTES,
  LOCAL_HEADER_SIGNATURE,
  MAX_COMMENT_BYTES,
  METHOD_DEFLATED,
  METHOD_STORED,
} from './zip-format.js';

export interface ZipEntryInfo {
  readonly name: string;
  readonly method: number;
  readonly crc32: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  /** Unix permission bits when the zip was made on Unix, else null. */
  readonly mode: number | null;
  readonly localHeaderOffset: number;
}

/** The entries of a zip (stored or deflated, no zip64), read from its central directory. */
export async function readZipEntries(zipPath: string): Promise<ZipEntryInfo[]> {
  const file = await open(zipPath, 'r');
  try {
    return await centralDirectory(file, zipPath);
  } finally {
    await file.close();
  }
}

/**
 * Extracts every entry into `destDir`, streaming each through a CRC check so a large filler is
 * never in memory. Names that would land outside `destDir` are refused.
 */
export async function extractZip(zipPath: string, destDir: string): Promise<ZipEntryInfo[]> {
  const file = await open(zipPath, 'r');
  try {
    const entries = await centralDirectory(file, zipPath);
    const root = path.resolve(destDir);
    for (const entry of entries) {
      const target = path.resolve(root, entry.name);
      if (!target.startsWith(root + path.sep)) throw new Error(`${zipPath}: entry ${entry.name} points outside the folder`);
      if (entry.name.endsWith('/')) {
        await mkdir(target, { recursive: true });
        continue;
      }
      await mkdir(path.dirname(target), { recursive: true });
      const mode = entry.mode !== null && entry.mode !== 0 ? entry.mode : 0o644;
      if (entry.compressedBytes === 0 && entry.uncompressedBytes === 0) {
        await writeFile(target, new Uint8Array(0), { mode });
        continue;
      }
      const start = await dataOffset(file, entry, zipPath);
      const raw = createReadStream(zipPath, { start, end: start + entry.compressedBytes - 1, highWaterMark: 1024 * 1024 });
      const stages = entry.method === METHOD_DEFLATED ? [raw, createInflateRaw()] : [raw];
      await pipeline([...stages, crcCheck(entry, zipPath), createWriteStream(target, { mode })]);
    }
    return entries;
  } finally {
    await file.close();
  }
}

async function centralDirectory(file: FileHandle, zipPath: string): Promise<ZipEntryInfo[]> {
  const { size } = await file.stat();
  const tailBytes = Math.min(size, END_OF_CENTRAL_BYTES + MAX_COMMENT_BYTES);
  const tail = await readAt(file, size - tailBytes, tailBytes);
  let end = -1;
  for (let i = tail.length - END_OF_CENTRAL_BYTES; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_SIGNATURE) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${zipPath} is not a zip (no end of central directory)`);
  const count = tail.readUInt16LE(end + 10);
  const centralBytes = tail.readUInt32LE(end + 12);
  const centralOffset = tail.readUInt32LE(end + 16);
  const central = await readAt(file, centralOffset, centralBytes);
  const entries: ZipEntryInfo[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (central.readUInt32LE(at) !== CENTRAL_HEADER_SIGNATURE) throw new Error(`${zipPath}: broken central directory at entry ${n}`);
    const method = central.readUInt16LE(at + 10);
    if (method !== METHOD_STORED && method !== METHOD_DEFLATED) throw new Error(`${zipPath}: entry ${n} uses compression method ${method}`);
    const nameBytes = central.readUInt16LE(at + 28);
    const madeBy = central.readUInt16LE(at + 4) >> 8;
    entries.push({
      name: central.toString('utf8', at + CENTRAL_HEADER_BYTES, at + CENTRAL_HEADER_BYTES + nameBytes),
      method,
      crc32: central.readUInt32LE(at + 16),
      compressedBytes: central.readUInt32LE(at + 20),
      uncompressedBytes: central.readUInt32LE(at + 24),
      mode: madeBy === 3 ? (central.readUInt32LE(at + 38) >>> 16) & 0o7777 : null,
      localHeaderOffset: central.readUInt32LE(at + 42),
    });
    at += CENTRAL_HEADER_BYTES + nameBytes + central.readUInt16LE(at + 30) + central.readUInt16LE(at + 32);
  }
  return entries;
}

/** Where an entry's data starts: the local header's own name and extra lengths decide. */
async function dataOffset(file: FileHandle, entry: ZipEntryInfo, zipPath: string): Promise<number> {
  const header = await readAt(file, entry.localHeaderOffset, LOCAL_HEADER_BYTES);
  if (header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw new Error(`${zipPath}: no local header for ${entry.name}`);
  return entry.localHeaderOffset + LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new Error(`short read: ${bytesRead} of ${length} bytes at ${position}`);
  return buffer;
}

function crcCheck(entry: ZipEntryInfo, zipPath: string): Transform {
  let crc = 0;
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc);
      bytes += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      const ok = crc === entry.crc32 && bytes === entry.uncompressedBytes;
      done(ok ? null : new Error(`${zipPath}: entry ${entry.name} is corrupt (CRC or size mismatch)`));
    },
  });
}
