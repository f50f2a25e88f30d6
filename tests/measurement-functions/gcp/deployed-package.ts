import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, type BuiltPackage, extractZip, type PackageRecipe } from '../../../infra/packaging/index.js';

export const TOKEN = 'stack-token-0123456789abcdef';

/** The FAASBENCH_* environment infra/gcp gives a function, with a small payload cap to test. */
export const FUNCTION_ENV = {
  FAASBENCH_TOKEN: TOKEN,
  FAASBENCH_VENDOR: 'gcp',
  FAASBENCH_REGION: 'europe-west1',
  FAASBENCH_MEMORY_MB: '256',
  FAASBENCH_MAX_SPIN_MS: '2000',
  FAASBENCH_MAX_PAYLOAD_BYTES: '4096',
} as const;

/**
 * The package exactly as deployed: built by the gcp recipe, zipped with its filler, and
 * unzipped into a fresh folder, as Cloud Build sees it.
 */
export async function deployedPackage(
  recipe: PackageRecipe,
  packageSizeMb: number,
): Promise<{ dir: string; built: BuiltPackage; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-gcp-fn-'));
  const built = await buildPackage({ recipe, packageSizeMb, cacheDir: path.join(root, 'cache') });
  const dir = path.join(root, 'function');
  await extractZip(built.path, dir);
  return { dir, built, remove: () => rm(root, { recursive: true, force: true }) };
}
