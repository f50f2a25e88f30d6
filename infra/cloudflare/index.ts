/**
 * Cloudflare Workers for faasbench: `deployCloudflare` is what the stack calls; the rest is what
 * tests and tools need to build or inspect exactly what it deploys.
 */
export { workerBindings, workerVariables, type WorkerHop, WORKER_REGION } from './bindings.js';
export { cloudflareCapabilities } from './capabilities.js';
export { deployCloudflare } from './deploy.js';
export { MeasurementFunctions, type MeasurementFunctionsArgs } from './measurement-functions.js';
export { buildWorkerUpload, fillerBytesFor, MAX_SCRIPT_BYTES, type WorkerUpload } from './worker-upload.js';
export type { ModuleFile } from './cached-file.js';
export { TRANSFER_MAX_AGE_SECONDS, transferBucketName } from './transfer-bucket.js';
