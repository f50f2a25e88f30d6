import { mkdir, rm } from 'node:fs/promises';
import { UserError } from '../../experiments/schema/user-error.js';
import { cachePaths, commitCachedPackage, packageCacheKey, readCachedPackage, temporaryPath } from './package-cache.js';
import { MAX_PACKAGE_BYTES, MIB_BYTES, type PackageRecipe } from './recipe.js';
import { planPackage, prepareCodeEntries } from './zip-layout.js';
import { writeZip } from './zip-writer.js';

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
    throw new UserError(`packageSizeMb ${packageSizeMb} is too large: packages are plain zips (no zip64), which stop below 4095 MiB.`);
  }
  return bytes;
}

/**
 * Builds (or finds in the cache) the zip of `recipe` padded to exactly `packageSizeMb` MiB: the
 * code stored as it is, and the filler streamed once from its generator into yazl.
 */
export async function buildPackage(options: BuildPackageOptions): Promise<BuiltPackage> {
  const requestedBytes = requestedPackageBytes(options.packageSizeMb);
  const code = prepareCodeEntries(await options.recipe.files());
  const key = packageCacheKey(options.recipe.id, code, requestedBytes);
  const zipPath = cachePaths(options.cacheDir, key).zip;
  const cached = await readCachedPackage(options.cacheDir, key);
  if (cached !== null) return { path: zipPath, key, cacheHit: true, requestedBytes, ...cached };

  const plan = planPackage(code, requestedBytes);
  await mkdir(options.cacheDir, { recursive: true });
  const temp = temporaryPath(options.cacheDir, key);
  try {
    const written = await writeZip(temp, plan);
    const record = { bytes: written.bytes, sha256: written.sha256, fillerBytes: plan.fillerBytes ?? 0 };
    await commitCachedPackage(options.cacheDir, key, temp, record);
    return { path: zipPath, key, cacheHit: false, requestedBytes, ...record };
  } finally {
    await rm(temp, { force: true });
  }
}
