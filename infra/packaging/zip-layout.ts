import { createHash } from 'node:crypto';
import { crc32 } from './crc32.js';
import type { PackageFile } from './recipe.js';
import {
  END_OF_CENTRAL_BYTES,
  entryFootprintBytes,
  MAX_COMMENT_BYTES,
  MAX_ENTRIES,
  METHOD_STORED,
  type ZipEntryHeader,
} from './zip-format.js';

/** The one entry the packager adds; recipes may not use the name. */
export const FILLER_NAME = 'filler.bin';
const FILLER_NAME_BYTES = Buffer.byteLength(FILLER_NAME);
const DEFAULT_MODE = 0o644;

export interface CodeEntry extends ZipEntryHeader {
  /** The content as written to the zip (stored: see prepareCodeEntries). */
  readonly data: Buffer;
  /** sha256 of the uncompressed content, for the cache key. */
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
    const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : Buffer.from(file.content);
    return {
      name: Buffer.from(file.name, 'utf8'),
      method: METHOD_STORED,
      crc32: crc32(content),
      compressedBytes: content.length,
      uncompressedBytes: content.length,
      mode: file.mode ?? DEFAULT_MODE,
      sha256: createHash('sha256').update(content).digest('hex'),
      data: content,
    };
  });
}

export function planPackage(code: readonly CodeEntry[], targetBytes: number): PackagePlan {
  const codeBytes =
    code.reduce((sum, entry) => sum + entryFootprintBytes(entry.name.length, entry.compressedBytes), 0) + END_OF_CENTRAL_BYTES;
  const gap = targetBytes - codeBytes;
  const fillerOverhead = entryFootprintBytes(FILLER_NAME_BYTES, 0);
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
