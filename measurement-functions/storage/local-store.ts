import { TOKEN_HEADER } from '../core/index.js';
import type { SpanClock } from '../core/index.js';
import { bodyBytes, failureOf, requestBody } from './http-calls.js';
import { requiredSetting, STORE_ENV, storeTimeoutMs } from './store-env.js';
import { type StoreBackend, timedStore } from './timed-store.js';
import { keyPath } from './transfer-key.js';
import type { TransferStore } from './transfer-store.js';

/** The local platform's object store (infra/local/object-store.ts), from a function instance. */

export interface LocalStoreOptions {
  /** http://127.0.0.1:<port> */
  readonly baseUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
  readonly clock?: SpanClock;
}

export function createLocalStore(options: LocalStoreOptions): TransferStore {
  const objectUrl = (key: string): string => `${options.baseUrl}/o/${keyPath(key)}`;
  const headers = { [TOKEN_HEADER]: options.token };
  const backend: StoreBackend = {
    service: 'local',
    async put(key, body, call) {
      const response = await fetch(objectUrl(key), {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        body: requestBody(body),
        signal: call.signal,
      });
      if (response.status !== 201) throw await failureOf(response, storeError);
      await response.body?.cancel();
    },
    async get(key, call) {
      const response = await fetch(objectUrl(key), { headers, signal: call.signal });
      if (response.status !== 200) throw await failureOf(response, storeError);
      return bodyBytes(response);
    },
    async delete(key, call) {
      const response = await fetch(objectUrl(key), { method: 'DELETE', headers, signal: call.signal });
      if (response.status !== 204) throw await failureOf(response, storeError);
    },
  };
  return timedStore(backend, options);
}

export function localStoreFromEnv(env: Readonly<Record<string, string | undefined>>, clock?: SpanClock): TransferStore {
  return createLocalStore({
    baseUrl: requiredSetting(env, STORE_ENV.url),
    token: requiredSetting(env, STORE_ENV.token),
    timeoutMs: storeTimeoutMs(env),
    ...(clock === undefined ? {} : { clock }),
  });
}

/** The store answers errors as `{ error, message }`. */
function storeError(_headers: Headers, text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    return {
      ...(typeof body.error === 'string' ? { code: body.error } : {}),
      ...(typeof body.message === 'string' ? { message: body.message } : {}),
    };
  } catch {
    return {};
  }
}
