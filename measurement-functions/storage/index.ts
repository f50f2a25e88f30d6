/**
 * Object storage for chain payloads, as a hop sees it: one TransferStore per vendor, timed on the
 * instance's clocks, failing with one StoreError type. The AWS client is not re-exported here:
 * it imports @aws-sdk/client-s3, which only the Lambda bundle may reference (as an external), so
 * the Lambda chain entry imports './aws-s3.js' by path and no other bundle ever sees the SDK.
 */
export type { DeleteResult, GetResult, PutResult, StoreOperation, StoreService, StoreTiming, TransferStore } from './transfer-store.js';
export { StoreError, type StoreErrorRecord, StoreFailure } from './store-error.js';
export { type CallContext, MAX_STORE_TIMEOUT_MS, type StoreBackend, timedStore, type TimedStoreOptions } from './timed-store.js';
export { checkKey, isValidKey, keyPath, MAX_KEY_LENGTH, newTransferKey, TRANSFER_KEY_PREFIX } from './transfer-key.js';
export { type Consumed, readThenDelete } from './consume.js';
export { DEFAULT_STORE_TIMEOUT_MS, R2_BINDING, STORE_ENV } from './store-env.js';
export { AZURE_BLOB_API_VERSION, type AzureBlobStoreOptions, azureBlobStoreFromEnv, createAzureBlobStore } from './azure-blob.js';
export { createGcsStore, GCS_BASE_URL, type GcsStoreOptions, gcsStoreFromEnv } from './gcs.js';
export { type AccessToken, METADATA_BASE_URL, metadataTokenSource, type TokenSource } from './gcp-metadata-token.js';
export { createR2Store, type R2BucketBinding, type R2StoreOptions, r2StoreFromEnv } from './r2.js';
export { createLocalStore, type LocalStoreOptions, localStoreFromEnv } from './local-store.js';
