import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { SpanClock } from '../../../measurement-functions/core/index.js';
import { metadataTokenSource, TOKEN_RENEW_BEFORE_MS } from '../../../measurement-functions/storage/gcp-metadata-token.js';
import { createGcsStore } from '../../../measurement-functions/storage/gcs.js';
import { StoreError } from '../../../measurement-functions/storage/store-error.js';
import type { TransferStore } from '../../../measurement-functions/storage/transfer-store.js';
import {
  FIRST_TOKEN,
  GCS_EXCHANGES,
  MISSING_KEY,
  READ_ONLY_BUCKET,
  RECORDED_BUCKET,
  RECORDED_KEY,
  RECORDED_PAYLOAD,
  TOKEN_LIFETIME_S,
} from './gcs-recordings.js';
import { type ReplayServer, startReplayServer } from './replay-server.js';
import { expectTiming } from './store-contract.js';

/**
 * The Cloud Storage store against RECORDED API exchanges, not an emulator: no Cloud Storage
 * emulator installs from npm. gcs-recordings.ts holds the exchanges, written from Google's
 * documentation (URLs next to each); the replay server answers them in order and lists every
 * request that differs from the recording. The tests run in order, as one instance would.
 */

let replay: ReplayServer;
let epochMs = Date.parse('2025-12-01T08:00:00Z');
const clock: SpanClock = { epochMs: () => epochMs, monotonicMs: () => performance.now() };
let tokens: ReturnType<typeof metadataTokenSource>;

const store = (bucket = RECORDED_BUCKET): TransferStore =>
  createGcsStore({ bucket, timeoutMs: 10_000, clock, baseUrl: replay.baseUrl, tokens });

beforeAll(async () => {
  replay = await startReplayServer(GCS_EXCHANGES);
  // One token source for the whole file, as one instance has one.
  tokens = metadataTokenSource({ baseUrl: replay.baseUrl, clock });
});

afterAll(async () => {
  await replay?.stop();
});

describe('the Cloud Storage store against recorded JSON API exchanges', () => {
  test('uploads with the media upload and a create-only precondition, fetching the token first and counting it as auth time', async () => {
    const put = await store().put(RECORDED_KEY, RECORDED_PAYLOAD);
    expect(replay.mismatches).toEqual([]);
    expect(put).toMatchObject({ key: RECORDED_KEY, bytes: 40 });
    expectTiming(put);
    expect(put.authMs).toBeGreaterThan(0);
  });

  test('downloads with alt=media and deletes, reusing the cached token', async () => {
    const get = await store().get(RECORDED_KEY);
    expect(Buffer.from(get.body).toString('utf8')).toBe('faasbench chain payload, hop 0 to hop 1\n');
    expect(get.authMs).toBe(0);
    await store().delete(RECORDED_KEY);
    expect(replay.mismatches).toEqual([]);
  });

  test('a missing object is a 404 notFound on get, and a delete that finds nothing succeeds', async () => {
    const missing = await store().get(MISSING_KEY).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StoreError);
    expect((missing as StoreError).message).toBe(`gcs get of ${MISSING_KEY} failed: HTTP 404 notFound: No such object: ${RECORDED_BUCKET}/${MISSING_KEY}`);
    await expect(store().delete(MISSING_KEY)).resolves.toMatchObject({ key: MISSING_KEY });
    expect(replay.mismatches).toEqual([]);
  });

  test('an upload to a taken key is refused (never overwritten), and a missing permission is reported with its reason', async () => {
    const taken = await store().put(RECORDED_KEY, RECORDED_PAYLOAD).catch((e: unknown) => e);
    expect(taken).toMatchObject({ service: 'gcs', operation: 'put', status: 412, code: 'conditionNotMet' });
    const denied = await store(READ_ONLY_BUCKET).put(RECORDED_KEY, RECORDED_PAYLOAD).catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 403, code: 'forbidden' });
    expect((denied as StoreError).message).toContain("Permission 'storage.objects.create' denied");
    expect((denied as StoreError).message).not.toContain(FIRST_TOKEN);
    expect(replay.mismatches).toEqual([]);
  });

  test('renews the token once it is within a minute of expiring, and uses the new one', async () => {
    epochMs += TOKEN_LIFETIME_S * 1000 - TOKEN_RENEW_BEFORE_MS + 1;
    const deleted = await store().delete(RECORDED_KEY);
    expect(deleted.authMs).toBeGreaterThan(0);
    expect(replay.mismatches).toEqual([]);
    expect(replay.remaining()).toBe(0);
  });

  test('a request the recording does not expect is answered with the mismatch, so the store cannot pass by accident', async () => {
    const stray = await store().get('transfers/not/recorded').catch((e: unknown) => e);
    expect(stray).toMatchObject({ status: 599 });
    expect(replay.mismatches).toEqual([expect.stringContaining('no recording left')]);
  });
});
