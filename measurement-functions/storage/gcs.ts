import type { SpanClock } from '../core/index.js';
import { metadataTokenSource, type TokenSource } from './gcp-metadata-token.js';
import { bodyBytes, failureOf, oneLine, requestBody } from './http-calls.js';
import { StoreFailure } from './store-error.js';
import { requiredSetting, STORE_ENV, storeTimeoutMs } from './store-env.js';
import { type CallContext, type StoreBackend, timedStore } from './timed-store.js';
import type { TransferStore } from './transfer-store.js';

/**
 * Cloud Storage over its JSON API with fetch and the service account's token from the metadata
 * server: no @google-cloud/storage (and its gaxios, google-auth-library, retry layers) in the
 * function. Calls:
 * - put: POST /upload/storage/v1/b/<bucket>/o?uploadType=media&name=<key>&ifGenerationMatch=0
 *   (https://cloud.google.com/storage/docs/uploading-objects#uploading-an-object, "JSON API").
 *   ifGenerationMatch=0 creates only: a key collision fails instead of overwriting another
 *   hop's payload, and creating needs storage.objects.create alone (overwriting would also need
 *   storage.objects.delete).
 * - get: GET /storage/v1/b/<bucket>/o/<key>?alt=media (https://cloud.google.com/storage/docs/downloading-objects).
 * - delete: DELETE /storage/v1/b/<bucket>/o/<key> (https://cloud.google.com/storage/docs/json_api/v1/objects/delete).
 * Object names go into the path percent-encoded, slashes included
 * (https://cloud.google.com/storage/docs/request-endpoints#encoding).
 */

export const GCS_BASE_URL = 'https://storage.googleapis.com';

export interface GcsStoreOptions {
  readonly bucket: string;
  readonly timeoutMs: number;
  readonly clock?: SpanClock;
  /** Only for tests against recorded exchanges. */
  readonly baseUrl?: string;
  readonly tokens?: TokenSource;
}

export function createGcsStore(options: GcsStoreOptions): TransferStore {
  const base = options.baseUrl ?? GCS_BASE_URL;
  const tokens = options.tokens ?? metadataTokenSource(options.clock === undefined ? {} : { clock: options.clock });
  const bucket = encodeURIComponent(options.bucket);
  const objectUrl = (key: string): string => `${base}/storage/v1/b/${bucket}/o/${encodeURIComponent(key)}`;

  async function authorization(call: CallContext): Promise<{ authorization: string }> {
    const { token, fetchedInMs } = await tokens.accessToken(call.signal);
    call.addAuthMs(fetchedInMs);
    return { authorization: `Bearer ${token}` };
  }

  const backend: StoreBackend = {
    service: 'gcs',
    async put(key, body, call) {
      const query = new URLSearchParams({ uploadType: 'media', name: key, ifGenerationMatch: '0' });
      const response = await fetch(`${base}/upload/storage/v1/b/${bucket}/o?${query}`, {
        method: 'POST',
        headers: { ...(await authorization(call)), 'content-type': 'application/octet-stream' },
        body: requestBody(body),
        signal: call.signal,
      });
      if (response.status !== 200) throw await failureOf(response, gcsError);
      // The object resource: its size must be what was sent.
      const stored = (await response.json()) as { size?: unknown };
      if (stored.size !== undefined && Number(stored.size) !== body.byteLength) {
        throw new StoreFailure(200, 'SIZE_MISMATCH', `stored ${String(stored.size)} bytes of the ${body.byteLength} sent`);
      }
    },
    async get(key, call) {
      const response = await fetch(`${objectUrl(key)}?alt=media`, { headers: await authorization(call), signal: call.signal });
      if (response.status !== 200) throw await failureOf(response, gcsError);
      return bodyBytes(response);
    },
    async delete(key, call) {
      const response = await fetch(objectUrl(key), { method: 'DELETE', headers: await authorization(call), signal: call.signal });
      // 204: deleted; 404: already gone, which is what the delete wanted.
      if (response.status === 404) {
        await response.body?.cancel();
        return;
      }
      if (response.status !== 204) throw await failureOf(response, gcsError);
    },
  };
  return timedStore(backend, options);
}

/** On Cloud Run functions: the bucket from the stack's setting, the token from the metadata server. */
export function gcsStoreFromEnv(env: Readonly<Record<string, string | undefined>>, clock?: SpanClock): TransferStore {
  return createGcsStore({ bucket: requiredSetting(env, STORE_ENV.bucket), timeoutMs: storeTimeoutMs(env), ...(clock === undefined ? {} : { clock }) });
}

/**
 * The JSON API's error body (https://cloud.google.com/storage/docs/json_api/v1/status-codes):
 * `{ "error": { "code", "message", "errors": [{ "reason", ... }] } }`; the first reason is the
 * code. A plain-text body is kept as the message.
 */
function gcsError(_headers: Headers, text: string): { code?: string; message?: string } {
  try {
    const { error } = JSON.parse(text) as { error?: { message?: unknown; errors?: { reason?: unknown }[] } };
    const reason = error?.errors?.[0]?.reason;
    return {
      ...(typeof reason === 'string' ? { code: reason } : {}),
      ...(typeof error?.message === 'string' ? { message: oneLine(error.message) } : {}),
    };
  } catch {
    return {};
  }
}
