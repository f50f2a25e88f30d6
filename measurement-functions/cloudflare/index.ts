/**
 * What the infra needs to package the Cloudflare measurement function. The Worker's own code
 * (handler.ts and the two entries) reaches workerd only as the bundle built from WORKER_ENTRIES.
 */
export { FILLER_BYTES_HEADER, FILLER_MODULE_NAME, MAIN_MODULE_NAME } from './modules.js';

/**
 * Source files esbuild bundles into the main module: the Worker without filler (packageSizeMb 0)
 * and the Worker that imports the filler module. Kept out of modules.ts, which the Worker imports:
 * workerd modules have no file URL to resolve these against.
 */
export const WORKER_ENTRIES = {
  plain: new URL('./worker.ts', import.meta.url),
  padded: new URL('./padded-worker.ts', import.meta.url),
} as const;
export type WorkerVariant = keyof typeof WORKER_ENTRIES;
