import type { SpanClock } from '../core/index.js';
import { bodyBytes, failureOf, oneLine, requestBody } from './http-calls.js';
import { requiredSetting, STORE_ENV, storeTimeoutMs } from './store-env.js';
import { type StoreBackend, timedStore } from './timed-store.js';
import { keyPath } from './transfer-key.js';
import type { TransferStore } from './transfer-store.js';

/**
 * Azure Blob Storage over its REST API with a container-scoped service SAS, not
 * @azure/storage-blob: the three calls are one HTTP request each (Put Blob, Get Blob, Delete
 * Blob), and the SDK would add about 590 kB minified to every cold start for them. The SAS is
 * the least the hop needs: read, create, write and delete on the one transfer container, no list,
 * no other container, no account key in the function's settings (STORAGE-NOTES.md).
 *
 * REST reference: https://learn.microsoft.com/rest/api/storageservices/put-blob,
 * .../get-blob, .../delete-blob.
 */

/**
 * The REST version sent with every call: the newest that both Azure and Azurite 3.35 accept
 * (@azure/storage-blob 12.32 sends 2026-04-06, which Azurite 3.35 refuses). Put Blob takes up to
 * 5000 MiB in one request from 2019-12-12 on, more than any chain payload.
 */
export const AZURE_BLOB_API_VERSION = '2025-11-05';

export interface AzureBlobStoreOptions {
  /** https://<account>.blob.core.windows.net/<container> (Azurite: http://127.0.0.1:<port>/<account>/<container>). */
  readonly containerUrl: string;
  /** The service SAS query string, with or without its leading '?'. A secret: never logged. */
  readonly sas: string;
  readonly timeoutMs: number;
  readonly clock?: SpanClock;
}

export function createAzureBlobStore(options: AzureBlobStoreOptions): TransferStore {
  const container = options.containerUrl.replace(/\/+$/, '');
  const sas = options.sas.replace(/^\?/, '');
  if (!/(^|&)sig=/.test(sas)) throw new Error('the Azure transfer SAS has no signature (sig=)');
  const blobUrl = (key: string): string => `${container}/${keyPath(key)}?${sas}`;
  const version = { 'x-ms-version': AZURE_BLOB_API_VERSION };

  const backend: StoreBackend = {
    service: 'azure-blob',
    async put(key, body, call) {
      const response = await fetch(blobUrl(key), {
        method: 'PUT',
        headers: { ...version, 'x-ms-blob-type': 'BlockBlob', 'content-type': 'application/octet-stream' },
        body: requestBody(body),
        signal: call.signal,
      });
      if (response.status !== 201) throw await failureOf(response, azureError);
      await response.body?.cancel();
    },
    async get(key, call) {
      const response = await fetch(blobUrl(key), { headers: version, signal: call.signal });
      if (response.status !== 200) throw await failureOf(response, azureError);
      return bodyBytes(response);
    },
    async delete(key, call) {
      const response = await fetch(blobUrl(key), { method: 'DELETE', headers: version, signal: call.signal });
      // 202 Accepted: deleted. A blob already gone is what the delete wanted.
      if (response.status === 404 && response.headers.get('x-ms-error-code') === 'BlobNotFound') return;
      if (response.status !== 202) throw await failureOf(response, azureError);
      await response.body?.cancel();
    },
  };
  return timedStore(backend, options);
}

/** In a Function App: the container URL and SAS from its app settings. */
export function azureBlobStoreFromEnv(env: Readonly<Record<string, string | undefined>>, clock?: SpanClock): TransferStore {
  return createAzureBlobStore({
    containerUrl: requiredSetting(env, STORE_ENV.containerUrl),
    sas: requiredSetting(env, STORE_ENV.sas),
    timeoutMs: storeTimeoutMs(env),
    ...(clock === undefined ? {} : { clock }),
  });
}

/**
 * Azure names the error in x-ms-error-code and explains it in an XML body
 * `<Error><Code>…</Code><Message>…\nRequestId:…\nTime:…</Message></Error>`; the message's first
 * line is kept. (A HEAD-like answer without a body still has the header.)
 */
function azureError(headers: Headers, text: string): { code?: string; message?: string } {
  const code = headers.get('x-ms-error-code') ?? /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]?.split('\n')[0];
  return { ...(code ? { code } : {}), ...(message ? { message: oneLine(message) } : {}) };
}
