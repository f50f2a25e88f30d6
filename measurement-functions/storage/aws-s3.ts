import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { SpanClock } from '../core/index.js';
import { StoreFailure } from './store-error.js';
import { requiredSetting, STORE_ENV, storeTimeoutMs } from './store-env.js';
import { type StoreBackend, timedStore } from './timed-store.js';
import type { TransferStore } from './transfer-store.js';

/**
 * S3 from a Lambda function, through AWS SDK v3. Every Lambda Node runtime (nodejs18.x and later)
 * ships @aws-sdk/client-s3, so the chain function's bundle must leave it out: in
 * infra/aws/recipes.ts the chain entry is bundled with `external: ['@aws-sdk/client-s3']`
 * (bundled, it would add about 590 kB minified to every cold start). The role's credentials and
 * region come from the function's environment (AWS_REGION, AWS_ACCESS_KEY_ID, ...), read by the
 * SDK itself; nothing is passed here in production.
 *
 * With least privilege and no s3:ListBucket, S3 answers a GET of a missing key with 403
 * AccessDenied, not 404; STORAGE-NOTES.md grants ListBucket on the transfer prefix so it is 404.
 */

export interface S3StoreOptions {
  readonly bucket: string;
  readonly timeoutMs: number;
  readonly clock?: SpanClock;
  /** Only for tests against an emulator: its endpoint, path-style addressing and static keys. */
  readonly client?: Pick<S3ClientConfig, 'region' | 'endpoint' | 'forcePathStyle' | 'credentials'>;
}

export function createS3Store(options: S3StoreOptions): TransferStore {
  const client = new S3Client({
    ...options.client,
    // One attempt: a retry would hide a failure inside a longer transfer time.
    maxAttempts: 1,
    // No CRC32 of the payload on either side: the hop measures the transfer, not a checksum in JS
    // (the consumer checks the length instead). The SDK computes one by default since 3.729.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  const backend: StoreBackend = {
    service: 's3',
    async put(Key, body, call) {
      await send(() =>
        client.send(new PutObjectCommand({ Bucket, Key, Body: body, ContentLength: body.byteLength, ContentType: 'application/octet-stream' }), {
          abortSignal: call.signal,
        }),
      );
    },
    async get(Key, call) {
      const output = await send(() => client.send(new GetObjectCommand({ Bucket, Key }), { abortSignal: call.signal }));
      const body = output.Body === undefined ? new Uint8Array(0) : await output.Body.transformToByteArray();
      if (output.ContentLength !== undefined && output.ContentLength !== body.byteLength) {
        throw new StoreFailure(200, 'SHORT_BODY', `received ${body.byteLength} bytes of the ${output.ContentLength} announced`);
      }
      return body;
    },
    async delete(Key, call) {
      await send(() => client.send(new DeleteObjectCommand({ Bucket, Key }), { abortSignal: call.signal }));
    },
  };
  return timedStore(backend, options);
}

/** In a Lambda function: the bucket from the stack's setting, everything else from the runtime. */
export function s3StoreFromEnv(env: Readonly<Record<string, string | undefined>>, clock?: SpanClock): TransferStore {
  return createS3Store({ bucket: requiredSetting(env, STORE_ENV.bucket), timeoutMs: storeTimeoutMs(env), ...(clock === undefined ? {} : { clock }) });
}

/**
 * S3's answer to an error as a StoreFailure: its HTTP status and error code (NoSuchKey,
 * AccessDenied, SignatureDoesNotMatch, ...). Read by shape, so any SDK v3 the runtime ships works.
 * Errors without an HTTP answer (refused connection, abort) pass through unchanged.
 */
async function send<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
    if (typeof status !== 'number') throw error;
    const { name, message } = error as { name?: unknown; message?: unknown };
    throw new StoreFailure(status, typeof name === 'string' && name !== '' ? name : `HTTP_${status}`, typeof message === 'string' && message !== '' ? message : 'no details');
  }
}
