import { UserError } from '../../experiments/schema/index.js';
import { fillerChunks, MIB_BYTES, PACKAGE_FORMAT_VERSION, requestedPackageBytes } from '../packaging/index.js';
import { cachedFile, type ModuleFile } from './cached-file.js';
import { cloudflareCapabilities } from './capabilities.js';
import { bundleWorker } from './worker-bundle.js';

/** Cloudflare's limit on a Worker's upload: all modules together, uncompressed. */
export const MAX_SCRIPT_BYTES = cloudflareCapabilities.maxPackageMb * MIB_BYTES;

/**
 * One Worker upload. A Worker has no zip: its "package" is the set of modules sent to the
 * Workers API, and its size is their total, which Cloudflare's 64 MiB limit also counts.
 */
export interface WorkerUpload {
  readonly mainModule: ModuleFile;
  /** The Data module that pads the upload to its size; null for packageSizeMb 0 (code alone). */
  readonly filler: ModuleFile | null;
  /** Exact upload bytes: the main module plus the filler. */
  readonly totalBytes: number;
}

/**
 * Filler bytes that make an upload of `mainModuleBytes` exactly `requestedBytes` long, or a
 * UserError when that cannot be: the code alone is bigger, or the total is over Cloudflare's limit.
 */
export function fillerBytesFor(requestedBytes: number, mainModuleBytes: number, packageSizeMb: number): number {
  if (requestedBytes > MAX_SCRIPT_BYTES) {
    throw new UserError(
      `packageSizeMb ${packageSizeMb} is too large for cloudflare: a Worker upload is limited to ${cloudflareCapabilities.maxPackageMb} MiB (${MAX_SCRIPT_BYTES} bytes) uncompressed.`,
    );
  }
  if (mainModuleBytes > requestedBytes) {
    throw new UserError(
      `packageSizeMb ${packageSizeMb} (${requestedBytes} bytes) is smaller than the Cloudflare measurement Worker's code alone (${mainModuleBytes} bytes); ask for 0 (the code alone) or at least ${Math.ceil((mainModuleBytes / MIB_BYTES) * 1000) / 1000} MiB.`,
    );
  }
  return requestedBytes - mainModuleBytes;
}

/**
 * Builds (or finds in `cacheDir`) the upload for `packageSizeMb`: the bundled main module and, for
 * a size above 0, the filler that brings the total to exactly that many MiB. The filler is the
 * packager's deterministic incompressible stream, written once per size and never held in memory.
 */
export async function buildWorkerUpload(options: { packageSizeMb: number; cacheDir: string }): Promise<WorkerUpload> {
  const requestedBytes = requestedPackageBytes(options.packageSizeMb);
  if (requestedBytes === 0) {
    const mainModule = await bundleWorker('plain', options.cacheDir);
    return { mainModule, filler: null, totalBytes: mainModule.bytes };
  }
  const mainModule = await bundleWorker('padded', options.cacheDir);
  const fillerBytes = fillerBytesFor(requestedBytes, mainModule.bytes, options.packageSizeMb);
  // The filler depends on its length alone (and on the packager's filler version).
  const name = `cloudflare-filler-v${PACKAGE_FORMAT_VERSION}-${fillerBytes}.bin`;
  const filler = await cachedFile(options.cacheDir, name, () => fillerChunks(fillerBytes));
  return { mainModule, filler, totalBytes: mainModule.bytes + filler.bytes };
}
