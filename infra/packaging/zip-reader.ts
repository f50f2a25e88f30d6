import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export interface ZipEntryInfo {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedBytes: number;
  readonly uncompressedBytes: number;
  /** Unix permission bits when the zip was made on Unix, else null. */
  readonly mode: number | null;
}

const MADE_BY_UNIX = 3;

function info(entry: yauzl.Entry): ZipEntryInfo {
  return {
    name: entry.fileName,
    method: entry.compressionMethod,
    crc32: entry.crc32,
    compressedBytes: entry.compressedSize,
    uncompressedBytes: entry.uncompressedSize,
    mode: entry.versionMadeBy >> 8 === MADE_BY_UNIX ? (entry.externalFileAttributes >>> 16) & 0o7777 : null,
  };
}

/**
 * Visits every entry of a zip in order, through yauzl (which checks names and sizes against the
 * central directory), awaiting `visit` before reading the next, and closes the file after.
 */
async function eachEntry(zipPath: string, visit: (entry: yauzl.Entry, zip: yauzl.ZipFile) => Promise<void>): Promise<ZipEntryInfo[]> {
  const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true });
  const entries: ZipEntryInfo[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(info(entry));
        visit(entry, zip).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } catch (error) {
    throw new Error(`${zipPath}: ${(error as Error).message}`);
  } finally {
    zip.close();
  }
  return entries;
}

/** The entries of a zip, from its central directory. */
export function readZipEntries(zipPath: string): Promise<ZipEntryInfo[]> {
  return eachEntry(zipPath, async () => undefined);
}

/**
 * Extracts every entry into `destDir`, streaming each (inflated when deflated) through a CRC-32
 * check, so a large filler is never in memory and a damaged one is never taken for good: yauzl
 * checks sizes but not CRCs. Names that would land outside `destDir` are refused.
 */
export function extractZip(zipPath: string, destDir: string): Promise<ZipEntryInfo[]> {
  const root = path.resolve(destDir);
  return eachEntry(zipPath, async (entry, zip) => {
    const target = path.resolve(root, entry.fileName);
    if (!target.startsWith(root + path.sep)) throw new Error(`entry ${entry.fileName} points outside the folder`);
    if (entry.fileName.endsWith('/')) {
      await mkdir(target, { recursive: true });
      return;
    }
    await mkdir(path.dirname(target), { recursive: true });
    const unixMode = info(entry).mode;
    const mode = unixMode !== null && unixMode !== 0 ? unixMode : 0o644;
    if (entry.uncompressedSize === 0) {
      await writeFile(target, new Uint8Array(0), { mode });
      return;
    }
    const data = await zip.openReadStreamPromise(entry);
    await pipeline(data, crcCheck(entry), createWriteStream(target, { mode }));
  });
}

function crcCheck(entry: yauzl.Entry): Transform {
  let crc = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = zlib.crc32(chunk, crc);
      done(null, chunk);
    },
    flush(done) {
      done(crc === entry.crc32 ? null : new Error(`entry ${entry.fileName} is corrupt (CRC-32 mismatch)`));
    },
  });
}
