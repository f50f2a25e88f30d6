import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { createS3Store } from '../../../measurement-functions/storage/aws-s3.js';
import { StoreError } from '../../../measurement-functions/storage/store-error.js';
import type { TransferStore } from '../../../measurement-functions/storage/transfer-store.js';
import { expectRoundTrip } from './store-contract.js';

/**
 * The S3 store through the real AWS SDK v3 against s3rver 3.7 (an S3-compatible server from npm,
 * checked to run on Node 20) on 127.0.0.1, port 0, objects in a temporary folder removed after.
 * s3rver knows one access key, S3RVER.
 */

const BUCKET = 'faasbench-transfers-test';
let directory: string;
let server: S3rver;
let endpoint: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'faasbench-s3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, resetOnClose: true, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(directory, { recursive: true, force: true });
});

function store(options: { bucket?: string; accessKeyId?: string; secret?: string; timeoutMs?: number } = {}): TransferStore {
  return createS3Store({
    bucket: options.bucket ?? BUCKET,
    timeoutMs: options.timeoutMs ?? 10_000,
    client: {
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: options.accessKeyId ?? 'S3RVER', secretAccessKey: options.secret ?? 'S3RVER' },
    },
  });
}

describe('the S3 store against s3rver', () => {
  test('puts, reads back and deletes payloads from empty to 2 MiB', async () => {
    const s3 = store();
    for (const bytes of [0, 1, 100_000, 2 * 1024 * 1024]) await expectRoundTrip(s3, bytes);
  });

  test("a missing object is S3's own 404 NoSuchKey", async () => {
    const missing = await store().get('transfers/none/hop-0-a').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StoreError);
    expect((missing as StoreError).message).toBe('s3 get of transfers/none/hop-0-a failed: HTTP 404 NoSuchKey: The specified key does not exist.');
  });

  test('an unknown access key and a missing bucket fail once, with the status and code S3 gave, and no secret in the message', async () => {
    // s3rver checks the access key id but not SigV4 signatures ("Signature version 4 calculation is
    // unimplemented", lib/middleware/authentication.js), so a wrong secret alone would pass here.
    const forged = await store({ accessKeyId: 'AKIAUNKNOWN', secret: 'not-the-secret' }).put('transfers/x/hop-0-a', new Uint8Array(4)).catch((e: unknown) => e);
    expect(forged).toMatchObject({ service: 's3', operation: 'put', status: 403, code: 'InvalidAccessKeyId' });
    expect((forged as StoreError).message).not.toContain('not-the-secret');

    const noBucket = await store({ bucket: 'no-such-bucket' }).put('transfers/x/hop-0-b', new Uint8Array(4)).catch((e: unknown) => e);
    expect(noBucket).toMatchObject({ status: 404, code: 'NoSuchBucket' });
  });

  test('a server that is gone is a transport error without an HTTP status', async () => {
    const gone = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [] });
    const { port } = await gone.run();
    await gone.close();
    const s3 = createS3Store({
      bucket: BUCKET,
      timeoutMs: 10_000,
      client: { region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
    });
    const refused = await s3.get('transfers/x/hop-0-c').catch((e: unknown) => e);
    // Under plain Node the code is ECONNREFUSED; under jest's VM realms the SDK's retry layer
    // fails `instanceof Error` on Node's socket error and rewraps it, so only its message keeps it.
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({ status: null });
    expect((refused as StoreError).message).toContain('ECONNREFUSED');
  });

  test('a throttled answer (503 SlowDown, which the SDK retries by default) is sent once and reported, never retried', async () => {
    let requests = 0;
    const throttling = createServer((request, response) => {
      requests += 1;
      request.resume();
      const body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>';
      response.writeHead(503, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
      response.end(body);
    });
    await new Promise<void>((resolve) => throttling.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = throttling.address() as AddressInfo;
      const s3 = createS3Store({
        bucket: BUCKET,
        timeoutMs: 10_000,
        client: { region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
      });
      const throttled = await s3.put('transfers/x/hop-0-d', new Uint8Array(8)).catch((e: unknown) => e);
      expect(throttled).toMatchObject({ status: 503, code: 'SlowDown' });
      expect((throttled as StoreError).message).toBe('s3 put of transfers/x/hop-0-d failed: HTTP 503 SlowDown: Please reduce your request rate.');
      expect(requests).toBe(1);
    } finally {
      throttling.closeAllConnections();
      await new Promise<void>((resolve) => throttling.close(() => resolve()));
    }
  });
});
