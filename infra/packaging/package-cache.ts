import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CodeEntry } from './zip-layout.js';

/** Bump when the zip layout or the filler changes, so old cached packages are not reused. */
export const PACKAGE_FORMAT_VERSION = 3;

/** What is remembered next to a cached zip, so a hit costs a stat and a small read, not a hash. */
export interface CachedPackage {
  readonly bytes: number;
  readonly sha256: string;
  readonly fillerBytes: number;
}

export function packageCacheKey(recipeId: string, code: readonly CodeEntry[], targetBytes: number): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ format: PACKAGE_FORMAT_VERSION, recipeId, targetBytes }));
  for (const entry of code) hash.update(JSON.stringify({ name: entry.name, sha256: entry.sha256, mode: entry.mode }));
  return hash.digest('hex');
}

export function cachePaths(cacheDir: string, key: string): { zip: string; meta: string } {
  return { zip: path.join(cacheDir, `${key}.zip`), meta: path.join(cacheDir, `${key}.json`) };
}

/** The cached package for `key`, or null when it is missing, partial or does not match its record. */
export async function readCachedPackage(cacheDir: string, key: string): Promise<CachedPackage | null> {
  const paths = cachePaths(cacheDir, key);
  try {
    const meta = JSON.parse(await readFile(paths.meta, 'utf8')) as CachedPackage;
    const { size } = await stat(paths.zip);
    return size === meta.bytes && typeof meta.sha256 === 'string' ? meta : null;
  } catch {
    return null;
  }
}

/** A temporary name in the cache folder, unique to this writer. */
export function temporaryPath(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Moves a finished zip into the cache. The record is renamed first and the zip last, so a zip
 * under its final name is always complete; concurrent builders of one key write identical files.
 */
export async function commitCachedPackage(cacheDir: string, key: string, zipTemp: string, record: CachedPackage): Promise<void> {
  const paths = cachePaths(cacheDir, key);
  const metaTemp = temporaryPath(cacheDir, key);
  try {
    await writeFile(metaTemp, JSON.stringify(record));
    await rename(metaTemp, paths.meta);
    await rename(zipTemp, paths.zip);
  } catch (error) {
    await Promise.all([rm(metaTemp, { force: true }), rm(zipTemp, { force: true })]);
    throw error;
  }
}
