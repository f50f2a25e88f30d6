import { mkdir, rm } from 'node:fs/promises';
import { UserError } from '../../experiments/schema/user-error.js';
import { crc32 } from './crc32.js';
import { fillerChunks } from './filler.js';
import { cachePaths, commitCachedPackage, packageCacheKey, readCachedPackage, temporaryPath } from './package-cache.js';
import { MAX_PACKAGE_BYTES, MIB_BYTES, type PackageRecipe } from './recipe.js';
import { METHOD_STORED } from './zip-format.js';
import { FILLER_NAME, planPackage, prepareCodeEntries } from './zip-layout.js';
import { type WritableEntry, writeZip } from './zip-writer.js';

export interface BuildPackageOptions {
  readonly recipe: PackageRecipe;
  /** Target zip size in MiB; 0 means just the code. */
  readonly packageSizeMb: number;
  readonly cacheDir: string;
}

export interface BuiltPackage {
  readonly path: string;
  /** Actual zip size: requestedBytes, or more when the code alone is bigger. */
  readonly bytes: number;
  readonly sha256: string;
  readonly key: string;
  readonly cacheHit: boolean;
  readonly requestedBytes: number;
  readonly fillerBytes: number;
}

export function requestedPackageBytes(packageSizeMb: number): number {
  if (!Number.isFinite(packageSizeMb) || packageSizeMb < 0) {
    throw new UserError(`packageSizeMb must be a non-negative number of MiB, not ${packageSizeMb}.`);
  }
  const bytes = Math.round(packageSizeMb * MIB_BYTES);
  if (bytes > MAX_PACKAGE_BYTES) {
    throw new UserError(`packageSizeMb ${packageSizeMb} is too large: packages are plain zips (no zip64), which stop below 4096 MiB.`);
  }
  return bytes;
}

/**
 * Builds (or finds in the cache) the zip of `recipe` padded to exactly `packageSizeMb` MiB.
 * The filler is generated twice, once for its CRC and once to write it, which is cheaper than
 * holding it in memory or rewriting headers.
 */
export async function buildPackage(options: BuildPackageOptions): Promise<BuiltPackage> {
  const requestedBytes = requestedPackageBytes(options.packageSizeMb);
  const code = prepareCodeEntries(await options.recipe.files());
  const key = packageCacheKey(options.recipe.id, code, requestedBytes);
  const zipPath = cachePaths(options.cacheDir, key).zip;
  const cached = await readCachedPackage(options.cacheDir, key);
  if (cached !== null) return { path: zipPath, key, cacheHit: true, requestedBytes, ...cached };

  const plan = planPackage(code, requestedBytes);
  const entries: WritableEntry[] = [...plan.code];
  if (plan.fillerBytes !== null) {
    const fillerBytes = plan.fillerBytes;
    let fillerCrc = 0;
    for (const chunk of fillerChunks(fillerBytes)) fillerCrc = crc32(chunk, fillerCrc);
    entries.push({
      name: Buffer.from(FILLER_NAME),
      method: METHOD_STORED,
      crc32: fillerCrc,
      compressedBytes: fillerBytes,
      uncompressedBytes: fillerBytes,
      mode: 0o644,
      data: () => fillerChunks(fillerBytes),
    });
  }

  await mkdir(options.cacheDir, { recursive: true });
  const temp = temporaryPath(options.cacheDir, key);
  try {
    const written = await writeZip(temp, entries, Buffer.alloc(plan.commentBytes, 0x20));
    if (written.bytes !== plan.totalBytes) throw new Error(`package came out at ${written.bytes} bytes, planned ${plan.totalBytes}`);
    const record = { bytes: written.bytes, sha256: written.sha256, fillerBytes: plan.fillerBytes ?? 0 };
    await commitCachedPackage(options.cacheDir, key, temp, record);
    return { path: zipPath, key, cacheHit: false, requestedBytes, ...record };
  } finally {
    await rm(temp, { force: true });
  }
}
