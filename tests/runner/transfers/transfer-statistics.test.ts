import { describe, expect, test } from '@jest/globals';
import { TransferStatistics, transferPlotData, type TransferRow } from '../../../runner/transfers/index.js';

/** Statistics of hop rows and the plot's points, against hand-computed values. */
const row = (overrides: Partial<TransferRow>): TransferRow => ({
  subExperiment: 'storage-1mb',
  subExperimentIndex: 0,
  endpointIndex: 0,
  burstId: 0,
  indexInBurst: 0,
  chainId: 'c',
  hop: 0,
  chainLength: 3,
  transfer: 'storage',
  payloadBytes: 1_000_000,
  senderInstanceId: 'a',
  receiverInstanceId: 'b',
  receiverClass: 'warm',
  storeService: 'local',
  putMs: 1,
  getMs: 2,
  deleteMs: 0.5,
  authMs: 0,
  handoffRttMs: 50,
  receiverBusyMs: 10,
  transferMs: 10,
  transferCrossClockMs: 7,
  bandwidthMbps: 800,
  ok: true,
  errorCode: null,
  errorMessage: null,
  ...overrides,
});

describe('transfer statistics', () => {
  test('per hop and receiver class, over successful transfers; failures counted by code; the cross-clock median apart', () => {
    const statistics = new TransferStatistics();
    for (const [transferMs, putMs, cross] of [
      [10, 1, 100],
      [20, 3, -5],
      [30, 2, 7],
      [40, 4, 9],
    ] as const) {
      statistics.add(row({ transferMs, putMs, transferCrossClockMs: cross }));
    }
    statistics.add(row({ receiverClass: 'cold', transferMs: 100, putMs: 9, handoffRttMs: 300, transferCrossClockMs: 1000 }));
    statistics.add(row({ receiverClass: 'unknown', ok: false, transferMs: null, errorCode: 'TIMEOUT', errorMessage: 'x' }));
    statistics.add(row({ hop: 1, transferMs: 5 }));

    const rows = statistics.rows();
    expect(rows.map((r) => [r.hop, r.class, r.transferMs.count, r.transferMs.errors])).toEqual([
      [0, 'all', 5, 1],
      [0, 'cold', 1, 0],
      [0, 'warm', 4, 0],
      [0, 'unknown', 0, 1],
      [1, 'all', 1, 0],
      [1, 'warm', 1, 0],
    ]);
    const all = rows[0];
    // Successful transfer_ms 10, 20, 30, 40, 100: median 30; 1,000,000 B · 8 / 30 ms / 1000.
    expect(all?.transferMs).toMatchObject({ p50Ms: 30, minMs: 10, maxMs: 100, meanMs: 40 });
    expect(all?.bandwidthAtMedianMbps).toBeCloseTo(8_000_000 / 30 / 1000, 9);
    // Medians of 1, 3, 2, 4, 9 / 50 × 4, 300 / 100, −5, 7, 9, 1000.
    expect(all).toMatchObject({ putMedianMs: 3, getMedianMs: 2, handoffRttMedianMs: 50, crossClockMedianMs: 9, errorCounts: { TIMEOUT: 1 } });
    expect(rows[2]?.transferMs.p50Ms).toBe(25);
    expect(rows[3]).toMatchObject({ putMedianMs: null, crossClockMedianMs: null, bandwidthAtMedianMbps: null, errorCounts: { TIMEOUT: 1 } });
  });

  test("the plot's point per mode and size: each hop's median and p99, weighted by its count", () => {
    const statistics = new TransferStatistics();
    for (const ms of [10, 10]) statistics.add(row({ hop: 0, transferMs: ms }));
    for (const ms of [20, 20, 20, 20, 20, 20]) statistics.add(row({ hop: 1, transferMs: ms }));
    statistics.add(row({ subExperimentIndex: 1, transfer: 'inline', payloadBytes: 1024, transferMs: 3 }));
    const points = transferPlotData(statistics.rows());
    // (10 · 2 + 20 · 6) / 8 = 17.5, for the median and the p99 alike (each hop's values are constant).
    expect(points).toEqual(
      expect.arrayContaining([
        { transfer: 'storage', payloadBytes: 1_000_000, statistic: 'median', transferMs: 17.5 },
        { transfer: 'storage', payloadBytes: 1_000_000, statistic: 'p99', transferMs: 17.5 },
        { transfer: 'inline', payloadBytes: 1024, statistic: 'median', transferMs: 3 },
      ]),
    );
    expect(points).toHaveLength(4);
  });
});
