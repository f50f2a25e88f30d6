import type { SpanClock } from '../core/index.js';
import { StoreFailure } from './store-error.js';
import { R2_BINDING, STORE_ENV, storeTimeoutMs } from './store-env.js';
import { type StoreBackend, timedStore } from './timed-store.js';
import type { TransferStore } from './transfer-store.js';

/**
 * R2 from a Worker, through the bucket binding the stack gives the script: no credentials in the
 * Worker, and the binding reaches exactly one bucket. The binding's calls take no abort signal;
 * the timed store still settles each call at its deadline.
 *
 * workerd advances Date.now() and performance.now() only across I/O, never during computation;
 * a storage call is I/O, so its duration is measured (unlike a busy spin).
 */

/** The part of the Workers runtime's R2Bucket the store calls (full types: @cloudflare/workers-types). */
export interface R2BucketBinding {
  put(key: string, value: ArrayBuffer | ArrayBufferView, options?: { httpMetadata?: { contentType?: string } }): Promise<{ size: number } | null>;
  get(key: string): Promise<{ size: number; arrayBuffer(): Promise<ArrayBuffer> } | null>;
  delete(key: string): Promise<void>;
}

export interface R2StoreOptions {
  readonly bucket: R2BucketBinding;
  readonly timeoutMs: number;
  readonly clock?: SpanClock;
}

export function createR2Store(options: R2StoreOptions): TransferStore {
  const { bucket } = options;
  const backend: StoreBackend = {
    service: 'r2',
    async put(key, body) {
      const stored = await bucket.put(key, body, { httpMetadata: { contentType: 'application/octet-stream' } });
      // null only when a put's onlyIf condition fails, which this store never sets.
      if (stored === null) throw new StoreFailure(412, 'PreconditionFailed', 'R2 did not store the object');
      if (stored.size !== body.byteLength) throw new StoreFailure(200, 'SIZE_MISMATCH', `stored ${stored.size} bytes of the ${body.byteLength} sent`);
    },
    async get(key) {
      const object = await bucket.get(key);
      if (object === null) throw new StoreFailure(404, 'NoSuchKey', 'the bucket has no object with this key');
      const body = new Uint8Array(await object.arrayBuffer());
      if (body.byteLength !== object.size) throw new StoreFailure(200, 'SHORT_BODY', `received ${body.byteLength} bytes of the ${object.size} stored`);
      return body;
    },
    async delete(key) {
      // R2 deletes succeed whether or not the key existed.
      await bucket.delete(key);
    },
  };
  return timedStore(backend, options);
}

/** In a Worker: the bucket binding from `env`, the timeout from the plain-text binding if set. */
export function r2StoreFromEnv(env: Readonly<Record<string, unknown>>, clock?: SpanClock): TransferStore {
  const bucket = env[R2_BINDING];
  if (!isR2Bucket(bucket)) throw new Error(`faasbench function: the R2 bucket binding ${R2_BINDING} is not bound`);
  const timeout = env[STORE_ENV.timeoutMs];
  return createR2Store({
    bucket,
    timeoutMs: storeTimeoutMs({ [STORE_ENV.timeoutMs]: typeof timeout === 'string' ? timeout : undefined }),
    ...(clock === undefined ? {} : { clock }),
  });
}

function isR2Bucket(value: unknown): value is R2BucketBinding {
  const candidate = value as Partial<R2BucketBinding> | null | undefined;
  return typeof candidate?.put === 'function' && typeof candidate.get === 'function' && typeof candidate.delete === 'function';
}
