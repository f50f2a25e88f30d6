import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { Miniflare, supportedCompatibilityDate } from 'miniflare';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { bundleEntry } from '../../../infra/packaging/index.js';
import { R2_BINDING } from '../../../measurement-functions/storage/store-env.js';
import { newTransferKey } from '../../../measurement-functions/storage/transfer-key.js';
import { randomPayload } from './store-contract.js';

/**
 * The R2 store in workerd through Miniflare, with a real R2 bucket binding (in memory): the store
 * bundled into a Worker as the chain Worker will be (esm, platform neutral), and driven over fetch.
 * The bucket is also read from Node (mf.getR2Bucket) to check what the Worker left behind.
 */

let mf: Miniflare;

beforeAll(async () => {
  const script = await bundleEntry(fileURLToPath(new URL('./r2-test-worker.ts', import.meta.url)), { format: 'esm', platform: 'neutral' });
  mf = new Miniflare({
    compatibilityDate: supportedCompatibilityDate,
    cf: false,
    modules: true,
    script,
    r2Buckets: [R2_BINDING],
    r2Persist: false,
  });
  await mf.ready;
}, 30_000);

afterAll(async () => {
  await mf?.dispose();
});

async function call(path: string, key: string, body?: Uint8Array): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await mf.dispatchFetch(`http://worker/${path}?key=${encodeURIComponent(key)}`, {
    method: body === undefined ? 'GET' : 'POST',
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('the R2 store in workerd', () => {
  test('puts, reads back and deletes payloads from empty to 2 MiB through the binding', async () => {
    // Typed by Miniflare with workers types this project does not install; head is all the test needs.
    const bucket = (await mf.getR2Bucket(R2_BINDING)) as unknown as { head(key: string): Promise<{ size: number } | null> };
    for (const bytes of [0, 1, 100_000, 2 * 1024 * 1024]) {
      const key = newTransferKey(`r2-${bytes}`, 0);
      const payload = randomPayload(bytes);
      const put = await call('put', key, payload);
      expect(put).toMatchObject({ status: 200, body: { key, bytes } });
      expect((await bucket.head(key))?.size).toBe(bytes);

      const read = await call('get', key);
      expect(read.body).toMatchObject({ key, bytes, sha256: sha256(payload), authMs: 0 });
      const timing = read.body as { startedAtEpochMs: number; durationMs: number; startedAtMonotonicMs: number; endedAtMonotonicMs: number };
      expect(timing.startedAtEpochMs).toBeGreaterThan(Date.parse('2020-01-01'));
      expect(timing.durationMs).toBeCloseTo(timing.endedAtMonotonicMs - timing.startedAtMonotonicMs, 9);

      expect((await call('consume', key)).body).toEqual({ read: { bytes, sha256: sha256(payload) }, cleanup: { key } });
      expect(await bucket.head(key)).toBeNull();
    }
  });

  test('a missing object is a 404 NoSuchKey StoreError from inside the Worker, and deleting it again succeeds', async () => {
    const missing = await call('get', 'transfers/none/hop-0-a');
    expect(missing).toEqual({
      status: 500,
      body: {
        error: {
          service: 'r2',
          operation: 'get',
          key: 'transfers/none/hop-0-a',
          status: 404,
          code: 'NoSuchKey',
          message: 'r2 get of transfers/none/hop-0-a failed: HTTP 404 NoSuchKey: the bucket has no object with this key',
          durationMs: expect.any(Number),
        },
      },
    });
    expect(await call('delete', 'transfers/none/hop-0-a')).toMatchObject({ status: 200, body: { key: 'transfers/none/hop-0-a' } });
  });

  test('a bad key is refused inside the Worker before the bucket is touched', async () => {
    expect(await call('put', '../x', new Uint8Array(1))).toMatchObject({ status: 500, body: { error: { message: expect.stringContaining('object key "../x" is not allowed') } } });
  });
});
