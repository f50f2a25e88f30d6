import { createHash } from 'node:crypto';
import type { PackageFile } from './recipe.js';

/** The one entry the packager adds; recipes may not use the name. */
export const FILLER_NAME = 'filler.bin';
const DEFAULT_MODE = 0o644;

/**
 * The bytes yazl writes for stored entries with forceDosTimestamp (no extra fields) and no zip64:
 * a local header (30 + name) before the data, a central directory header (46 + name), a 16-byte
 * data descriptor after each streamed entry (its CRC is only known once streamed), and the end of
 * central directory record (22 + comment). writeZip checks the total against yazl's own final
 * size callback before a byte of the package is kept.
 */
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const DATA_DESCRIPTOR_BYTES = 16;
const END_OF_CENTRAL_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const MAX_ENTRIES = 0xffff;

export interface CodeEntry {
  /** Path inside the zip, forward slashes. */
  readonly name: string;
  /** The content, stored as is (see prepareCodeEntries). */
  readonly data: Buffer;
  /** Unix permission bits. */
  readonly mode: number;
  /** sha256 of the content, for the cache key. */
  readonly sha256: string;
}

/**
 * How the package is laid out so that it is exactly `targetBytes` long: the code entries, then
 * a stored filler entry sized to the byte, or, when the gap is smaller than a filler entry's
 * headers, an archive comment of the gap's length. A gap of zero or less means no padding.
 */
export interface PackagePlan {
  readonly code: readonly CodeEntry[];
  readonly fillerBytes: number | null;
  readonly commentBytes: number;
  readonly totalBytes: number;
}

/**
 * Sorted by name so the recipe's order does not change the zip. Stored, not deflated: deflate
 * output differs between zlib builds (Node versions, CPU features), which would change the
 * package hash from one machine to the next and make `pulumi up` redeploy for nothing. The code
 * is a few hundred KB at most, next to filler measured in MB.
 */
export function prepareCodeEntries(files: readonly PackageFile[]): CodeEntry[] {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  sorted.forEach((file, index) => {
    checkName(file.name);
    if (index > 0 && sorted[index - 1]!.name === file.name) throw new Error(`package file ${file.name} is listed twice`);
  });
  if (sorted.length + 1 > MAX_ENTRIES) throw new Error(`a package holds at most ${MAX_ENTRIES - 1} files`);
  return sorted.map((file) => {
    const data = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    return { name: file.name, data, mode: file.mode ?? DEFAULT_MODE, sha256: createHash('sha256').update(data).digest('hex') };
  });
}

/** Bytes one entry adds to the archive: headers, data and, when streamed, its data descriptor. */
export function entryFootprintBytes(name: string, dataBytes: number, streamed: boolean): number {
  const nameBytes = Buffer.byteLength(name);
  return LOCAL_HEADER_BYTES + CENTRAL_HEADER_BYTES + 2 * nameBytes + dataBytes + (streamed ? DATA_DESCRIPTOR_BYTES : 0);
}

export function planPackage(code: readonly CodeEntry[], targetBytes: number): PackagePlan {
  const codeBytes = code.reduce((sum, entry) => sum + entryFootprintBytes(entry.name, entry.data.length, false), 0) + END_OF_CENTRAL_BYTES;
  const gap = targetBytes - codeBytes;
  const fillerOverhead = entryFootprintBytes(FILLER_NAME, 0, true);
  if (gap <= 0) return { code, fillerBytes: null, commentBytes: 0, totalBytes: codeBytes };
  if (gap >= fillerOverhead) return { code, fillerBytes: gap - fillerOverhead, commentBytes: 0, totalBytes: targetBytes };
  // fillerOverhead is far below MAX_COMMENT_BYTES, so a comment always covers the rest.
  if (gap > MAX_COMMENT_BYTES) throw new Error('unreachable: padding gap larger than a zip comment');
  return { code, fillerBytes: null, commentBytes: gap, totalBytes: targetBytes };
}

function checkName(name: string): void {
  const parts = name.split('/');
  if (name === '' || name.startsWith('/') || name.includes('\\') || parts.some((part) => part === '' || part === '.' || part === '..')) {
    throw new Error(`package file name ${JSON.stringify(name)} must be a relative path with forward slashes`);
  }
  if (name === FILLER_NAME) throw new Error(`package file name ${FILLER_NAME} is reserved for the filler`);
}
