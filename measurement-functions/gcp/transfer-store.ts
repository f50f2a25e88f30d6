import { metadataTokenSource } from '../storage/gcp-metadata-token.js';
import { createGcsStore } from '../storage/gcs.js';
import { requiredSetting, STORE_ENV, storeTimeoutMs } from '../storage/store-env.js';
import type { TransferStore } from '../storage/transfer-store.js';

/**
 * The variables Google's own client libraries read to reach a Cloud Storage emulator and another
 * metadata server (@google-cloud/storage, gcp-metadata). The stack never sets them: on Cloud Run
 * functions the store talks to storage.googleapis.com with the token of the function's service
 * account. They let the package itself run against local stand-ins, as the adapter's tests do.
 */
export const EMULATOR_ENV = { storage: 'STORAGE_EMULATOR_HOST', metadata: 'GCE_METADATA_HOST' } as const;

/** A storage hop's Cloud Storage store, from the settings the stack gave the function. */
export function gcpTransferStore(env: Readonly<Record<string, string | undefined>>): TransferStore {
  const storage = env[EMULATOR_ENV.storage];
  const metadata = env[EMULATOR_ENV.metadata];
  return createGcsStore({
    bucket: requiredSetting(env, STORE_ENV.bucket),
    timeoutMs: storeTimeoutMs(env),
    ...(storage ? { baseUrl: withScheme(storage) } : {}),
    ...(metadata ? { tokens: metadataTokenSource({ baseUrl: withScheme(metadata) }) } : {}),
  });
}

/** Both variables are often given as host:port alone. */
function withScheme(host: string): string {
  return (/^https?:\/\//.test(host) ? host : `http://${host}`).replace(/\/+$/, '');
}
