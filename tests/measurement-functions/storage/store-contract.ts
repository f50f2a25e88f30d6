import { expect } from '@jest/globals';
import { readThenDelete } from '../../../measurement-functions/storage/consume.js';
import { StoreError } from '../../../measurement-functions/storage/store-error.js';
import { newTransferKey } from '../../../measurement-functions/storage/transfer-key.js';
import type { TransferStore } from '../../../measurement-functions/storage/transfer-store.js';

/**
 * What every vendor's store must do, run against each one's real emulator (or recorded API): the
 * chain's producer put, the consumer's read-then-delete, and a clear StoreError for a missing
 * object. Payloads are random, so a client that returned the wrong bytes could not pass.
 */

export function randomPayload(bytes: number): Uint8Array {
  const payload = new Uint8Array(bytes);
  // getRandomValues fills at most 65536 bytes per call.
  for (let offset = 0; offset < bytes; offset += 65_536) crypto.getRandomValues(payload.subarray(offset, Math.min(bytes, offset + 65_536)));
  return payload;
}

export async function expectRoundTrip(store: TransferStore, payloadBytes: number): Promise<void> {
  const key = newTransferKey(`req-${payloadBytes}`, 0);
  const payload = randomPayload(payloadBytes);

  const put = await store.put(key, payload);
  expect(put).toMatchObject({ key, bytes: payloadBytes });
  expectTiming(put);

  const { read, cleanup } = await readThenDelete(store, key);
  if (read instanceof StoreError) throw read;
  if (cleanup instanceof StoreError) throw cleanup;
  expect(read.bytes).toBe(payloadBytes);
  expect(Buffer.compare(Buffer.from(read.body), Buffer.from(payload))).toBe(0);
  expectTiming(read);
  expectTiming(cleanup);
  // The consumer's read comes after the producer's put, on the same clock here.
  expect(read.startedAtMonotonicMs).toBeGreaterThanOrEqual(put.endedAtMonotonicMs);

  // Deleted: a second read is a 404 StoreError, and deleting again still succeeds.
  const again = await store.get(key).catch((error: unknown) => error);
  expect(again).toBeInstanceOf(StoreError);
  expect(again).toMatchObject({ service: store.service, operation: 'get', key, status: 404 });
  await expect(store.delete(key)).resolves.toMatchObject({ key });
}

export function expectTiming(timing: { startedAtEpochMs: number; startedAtMonotonicMs: number; endedAtMonotonicMs: number; durationMs: number; authMs: number }): void {
  expect(timing.startedAtEpochMs).toBeGreaterThan(Date.parse('2020-01-01'));
  expect(timing.durationMs).toBeGreaterThanOrEqual(0);
  expect(timing.durationMs).toBeCloseTo(timing.endedAtMonotonicMs - timing.startedAtMonotonicMs, 9);
  expect(timing.authMs).toBeGreaterThanOrEqual(0);
  expect(timing.authMs).toBeLessThanOrEqual(timing.durationMs);
}
