import { describe, expect, test } from '@jest/globals';
import { hopRows } from '../../../runner/transfers/index.js';

/**
 * transfers.csv rows from a chain answer, against hand-computed figures. Each hop's stamps are on
 * its own clocks: a monotonic clock whose origin is its own (instances started at different
 * times), and an epoch clock that may be off from the others (skew).
 */

const stamp = (epochMs: number, monotonicMs: number) => ({ epochMs, monotonicMs });
const timing = (durationMs: number) => ({ startedAtEpochMs: 0, startedAtMonotonicMs: 0, endedAtMonotonicMs: durationMs, durationMs, authMs: 0 });

interface HopClock {
  /** Added to every epoch stamp of the hop: its clock's offset from true time. */
  readonly skewMs: number;
  /** The hop's monotonic origin: monotonic = true time − origin. */
  readonly originMs: number;
}

/**
 * A 3-hop storage chain, in true time (ms):
 * hop 0 received 1000, payload made 1002, put done 1012 (10 ms), handed on 1012, answer 1062, responded 1063;
 * hop 1 received 1020, get done 1030 (payload ready), delete 1032, put 1040, handed on 1040, answer 1055, responded 1056;
 * hop 2 received 1045, get done 1050, delete 1051, responded 1052.
 */
function answer(clocks: readonly [HopClock, HopClock, HopClock], overrides: { hop2?: Record<string, unknown> | null } = {}) {
  const at = (hop: 0 | 1 | 2, trueMs: number) => stamp(trueMs + clocks[hop].skewMs, trueMs - clocks[hop].originMs);
  const hop = (position: 0 | 1 | 2, times: { r: number; p: number | null; h: number | null; a: number | null; d: number }, storage: Record<string, unknown>, next: unknown) => ({
    instanceId: `instance-${position}`,
    coldStart: position === 2,
    initEndedAt: 900,
    handlerStartedAt: times.r,
    chain: {
      chainId: 'c-1',
      position,
      length: 3,
      transfer: 'storage',
      payloadBytes: 1_000_000,
      stamps: {
        receivedAt: at(position, times.r),
        payloadReadyAt: times.p === null ? null : at(position, times.p),
        handedOnAt: times.h === null ? null : at(position, times.h),
        answerReceivedAt: times.a === null ? null : at(position, times.a),
        respondedAt: at(position, times.d),
      },
      storage: { service: 'local', put: null, get: null, delete: null, ...storage },
      errors: [],
      next,
    },
  });
  const h2 = overrides.hop2 === undefined ? hop(2, { r: 1045, p: 1050, h: null, a: null, d: 1052 }, { get: timing(5), delete: timing(1) }, null) : overrides.hop2;
  const h1 = hop(1, { r: 1020, p: 1030, h: 1040, a: 1055, d: 1056 }, { get: timing(10), delete: timing(2), put: timing(8) }, { status: h2 === null ? null : 200, body: h2 });
  return hop(0, { r: 1000, p: 1002, h: 1012, a: 1062, d: 1063 }, { put: timing(10) }, { status: 200, body: h1 });
}

const request = {
  record: { subExperiment: 's', subExperimentIndex: 2, endpointIndex: 1, burstId: 7, indexInBurst: 3, errorCode: null, errorMessage: null },
  chain: { length: 3, transfer: 'storage', payloadBytes: 1_000_000 },
  preinitThresholdMs: 10_000,
} as const;

const sameClocks = [
  { skewMs: 0, originMs: 0 },
  { skewMs: 0, originMs: 0 },
  { skewMs: 0, originMs: 0 },
] as const;

describe('hop rows of one chain answer', () => {
  test('figures by hand: one clock each, or two same-clock differences, and the one that crosses clocks', () => {
    const rows = hopRows(request, answer(sameClocks));
    expect(rows).toHaveLength(2);
    // Hop 0 → 1: transfer = (1062 − 1002) − (1056 − 1030) = 34; cross-clock = 1030 − 1002 = 28; hand-off = 1062 − 1012 = 50; receiver busy = 1056 − 1020 = 36.
    expect(rows[0]).toMatchObject({
      subExperimentIndex: 2,
      endpointIndex: 1,
      burstId: 7,
      indexInBurst: 3,
      chainId: 'c-1',
      hop: 0,
      chainLength: 3,
      transfer: 'storage',
      payloadBytes: 1_000_000,
      senderInstanceId: 'instance-0',
      receiverInstanceId: 'instance-1',
      receiverClass: 'warm',
      storeService: 'local',
      putMs: 10,
      getMs: 10,
      deleteMs: 2,
      authMs: 0,
      handoffRttMs: 50,
      receiverBusyMs: 36,
      transferMs: 34,
      transferCrossClockMs: 28,
      ok: true,
      errorCode: null,
    });
    // 1,000,000 bytes · 8 / 34 ms / 1000 = 235.29... Mb/s.
    expect(rows[0]?.bandwidthMbps).toBeCloseTo(8_000_000 / 34 / 1000, 9);
    // Hop 1 → 2: transfer = (1055 − 1030) − (1052 − 1050) = 23; cross-clock = 1050 − 1030 = 20; the receiver's first request: cold.
    expect(rows[1]).toMatchObject({ hop: 1, receiverClass: 'cold', putMs: 8, getMs: 5, deleteMs: 1, handoffRttMs: 15, receiverBusyMs: 7, transferMs: 23, transferCrossClockMs: 20 });
  });

  test('skew between instances moves only the cross-clock figure; monotonic origins move nothing', () => {
    const skewed = hopRows(
      request,
      answer([
        { skewMs: 0, originMs: 400 },
        { skewMs: 250, originMs: -90_000 },
        { skewMs: -40, originMs: 7 },
      ]),
    );
    const plain = hopRows(request, answer(sameClocks));
    for (const hop of [0, 1] as const) {
      const { transferCrossClockMs: skewedCross, ...skewedRest } = skewed[hop] as NonNullable<(typeof skewed)[number]>;
      const { transferCrossClockMs: plainCross, ...plainRest } = plain[hop] as NonNullable<(typeof plain)[number]>;
      expect(skewedRest).toEqual(plainRest);
      // The receiver's clock minus the sender's: 250 − 0 for hop 0 → 1, −40 − 250 for hop 1 → 2.
      expect(skewedCross).toBeCloseTo((plainCross as number) + (hop === 0 ? 250 : -290), 9);
    }
  });

  test('a failure is a row with its error, never a gap', () => {
    // The last hop never answered: hop 1 → 2 has no receiver, hop 0 → 1 still has its figures.
    const broken = answer(sameClocks, { hop2: null });
    ((broken.chain.next as { body: { chain: { errors: unknown[] } } }).body.chain.errors as unknown[]).push({ stage: 'next-hop', code: 'TIMEOUT', message: 'no answer within 60000 ms', status: null });
    const rows = hopRows(request, broken);
    expect(rows.map((r) => [r.hop, r.ok, r.errorCode])).toEqual([
      [0, true, null],
      [1, false, 'TIMEOUT'],
    ]);
    expect(rows[1]).toMatchObject({ receiverInstanceId: null, receiverClass: 'unknown', transferMs: null, bandwidthMbps: null, errorMessage: 'hop 1 next-hop: no answer within 60000 ms' });

    // No hop answered: both rows carry the client's own error.
    const none = hopRows({ ...request, record: { ...request.record, errorCode: 'ECONNREFUSED', errorMessage: 'connect ECONNREFUSED' } }, null);
    expect(none.map((r) => [r.hop, r.ok, r.errorCode, r.chainId])).toEqual([
      [0, false, 'ECONNREFUSED', null],
      [1, false, 'ECONNREFUSED', null],
    ]);
  });
});
