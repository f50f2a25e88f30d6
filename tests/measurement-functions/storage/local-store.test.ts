import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type LocalObjectStore, startLocalObjectStore } from '../../../infra/local/object-store.js';
import type { SpanClock } from '../../../measurement-functions/core/index.js';
import { readThenDelete } from '../../../measurement-functions/storage/consume.js';
import { createLocalStore, localStoreFromEnv } from '../../../measurement-functions/storage/local-store.js';
import { StoreError } from '../../../measurement-functions/storage/store-error.js';
import { STORE_ENV } from '../../../measurement-functions/storage/store-env.js';
import { expectRoundTrip, randomPayload } from './store-contract.js';

/** The function-side client of the local object store, against the real store on 127.0.0.1. */

const TOKEN = 'local-store-client-token-0123456789';
let server: LocalObjectStore;

beforeAll(async () => {
  server = await startLocalObjectStore({ token: TOKEN, limits: { maxObjectBytes: 4 * 1024 * 1024 } });
});
afterAll(async () => {
  await server?.stop();
});

const store = (options: { token?: string; timeoutMs?: number; clock?: SpanClock; baseUrl?: string } = {}) =>
  createLocalStore({ baseUrl: options.baseUrl ?? server.baseUrl, token: options.token ?? TOKEN, timeoutMs: options.timeoutMs ?? 10_000, ...(options.clock ? { clock: options.clock } : {}) });

describe('the local store client', () => {
  test('puts, reads back and deletes payloads from empty to 3 MiB', async () => {
    for (const bytes of [0, 1, 65_537, 3 * 1024 * 1024]) await expectRoundTrip(store(), bytes);
    expect(server.counts()).toMatchObject({ objects: 0, bytesStored: 0 });
  });

  test('is made from the settings the platform gives the instance, and names a missing one', async () => {
    const fromEnv = localStoreFromEnv({ [STORE_ENV.url]: server.baseUrl, [STORE_ENV.token]: TOKEN, [STORE_ENV.timeoutMs]: '5000' });
    await expectRoundTrip(fromEnv, 10);
    expect(() => localStoreFromEnv({ [STORE_ENV.url]: server.baseUrl })).toThrow('environment variable FAASBENCH_STORE_TOKEN is not set');
    expect(() => localStoreFromEnv({ [STORE_ENV.url]: 'x', [STORE_ENV.token]: 't', [STORE_ENV.timeoutMs]: '-1' })).toThrow('FAASBENCH_STORE_TIMEOUT_MS must be a positive number');
  });

  test('times each call on the injected clocks: duration is a difference on the monotonic clock', async () => {
    let monotonic = 1000;
    const clock: SpanClock = { epochMs: () => 1_700_000_000_000.5, monotonicMs: () => (monotonic += 2.25) };
    const put = await store({ clock }).put('transfers/clocked/hop-0-a', new Uint8Array(3));
    expect(put).toEqual({
      key: 'transfers/clocked/hop-0-a',
      bytes: 3,
      startedAtEpochMs: 1_700_000_000_000.5,
      startedAtMonotonicMs: 1002.25,
      endedAtMonotonicMs: 1004.5,
      durationMs: 2.25,
      authMs: 0,
    });
  });

  test('a wrong token, an oversized object and a refused connection each become one clear StoreError', async () => {
    const denied = await store({ token: 'wrong' }).put('transfers/x/hop-0-a', new Uint8Array(1)).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(StoreError);
    expect((denied as StoreError).message).toBe('local put of transfers/x/hop-0-a failed: HTTP 401 unauthorized: missing or wrong x-faasbench-token');
    expect((denied as StoreError).toRecord()).toMatchObject({ service: 'local', operation: 'put', status: 401, code: 'unauthorized' });

    const tooLarge = await store().put('transfers/x/hop-0-b', randomPayload(4 * 1024 * 1024 + 1)).catch((e: unknown) => e);
    expect(tooLarge).toMatchObject({ status: 413, code: 'too-large' });

    const closed = await startLocalObjectStore({ token: TOKEN });
    const gone = closed.baseUrl;
    await closed.stop();
    const refused = await store({ baseUrl: gone }).get('transfers/x/hop-0-c').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreError);
    expect(refused).toMatchObject({ status: null, code: 'ECONNREFUSED' });
    expect((refused as StoreError).message).toMatch(/^local get of transfers\/x\/hop-0-c failed: ECONNREFUSED: fetch failed/);
  });

  test('a call that gets no answer fails with TIMEOUT at its deadline, and a bad key is refused before anything is sent', async () => {
    // Accepts connections and never answers.
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const slow = store({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200 });
      const timedOut = await slow.get('transfers/x/hop-0-d').catch((e: unknown) => e);
      expect(timedOut).toMatchObject({ code: 'TIMEOUT', status: null, message: 'local get of transfers/x/hop-0-d failed: TIMEOUT: no answer within 200 ms' });
      expect((timedOut as StoreError).timing.durationMs).toBeGreaterThan(0);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
    await expect(store().put('../etc/passwd', new Uint8Array(1))).rejects.toThrow('object key "../etc/passwd" is not allowed');
    expect(() => createLocalStore({ baseUrl: server.baseUrl, token: TOKEN, timeoutMs: 0 })).toThrow('store timeoutMs must be in (0, 900000]');
  });

  test('readThenDelete reports a failed read and still tries the delete', async () => {
    const { read, cleanup } = await readThenDelete(store(), 'transfers/never-written/hop-0-e');
    expect(read).toMatchObject({ status: 404, code: 'no-such-object' });
    expect(cleanup).toMatchObject({ key: 'transfers/never-written/hop-0-e' });
    expect(server.counts().deletes).toBeGreaterThan(0);
  });
});
