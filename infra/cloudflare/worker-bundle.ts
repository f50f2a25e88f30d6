import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { FILLER_MODULE_NAME, WORKER_ENTRIES, type WorkerVariant } from '../../measurement-functions/cloudflare/index.js';
import { bundleEntry } from '../packaging/index.js';
import { cachedFile, type ModuleFile } from './cached-file.js';

/**
 * Bundles the Worker's main module (adapter and core in one ES module) and writes it to the
 * package cache under a name that carries its hash, so unchanged code is the same file and the
 * same contentSha256 on every `pulumi up`.
 *
 * Platform "neutral": workerd is neither Node nor a browser, and the function needs nothing from
 * either. The filler stays an import: it is its own Data module in the upload, never inlined.
 */
export async function bundleWorker(variant: WorkerVariant, cacheDir: string): Promise<ModuleFile> {
  const code = await bundleEntry(fileURLToPath(WORKER_ENTRIES[variant]), {
    format: 'esm',
    platform: 'neutral',
    external: [`./${FILLER_MODULE_NAME}`],
  });
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  return cachedFile(cacheDir, `cloudflare-worker-${variant}-${hash}.js`, () => [Buffer.from(code, 'utf8')]);
}
