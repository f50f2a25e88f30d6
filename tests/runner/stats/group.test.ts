import { describe, expect, test } from '@jest/globals';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { compareFactorValues, mixedFactorRows, statisticsRows, statisticsRowsBy } from '../../../runner/stats/group.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

const warm = (latencyMs: number, overrides: Partial<RequestRecord> = {}): RequestRecord => recordFixture({ latencyMs, ...overrides });
const cold = (latencyMs: number, overrides: Partial<RequestRecord> = {}): RequestRecord =>
  recordFixture({ latencyMs, requestClass: 'cold', coldStart: true, ...overrides });
const second = { subExperiment: 'cold', subExperimentIndex: 1 };

// Sub-experiment 1 comes first on purpose: rows follow the index, not the arrival order.
const records: RequestRecord[] = [
  cold(200, second),
  cold(220, second),
  cold(300, { serviceTimeMs: 1 }),
  warm(40, { serviceTimeMs: 1 }),
  warm(50, { serviceTimeMs: 101, desiredServiceTimeMs: 100 }),
  warm(60, { serviceTimeMs: 99, desiredServiceTimeMs: 100 }),
  failedRecordFixture('TIMEOUT'),
  failedRecordFixture('HTTP_500'),
  failedRecordFixture('TIMEOUT'),
];

describe('statisticsRows', () => {
  const rows = statisticsRows(records);

  test('one row per sub-experiment and class, unknown only where present', () => {
    expect(rows.map((r) => [r.subExperimentIndex, r.subExperiment, r.class])).toEqual([
      [0, 'warm', 'all'],
      [0, 'warm', 'cold'],
      [0, 'warm', 'warm'],
      [0, 'warm', 'unknown'],
      [1, 'cold', 'all'],
      [1, 'cold', 'cold'],
      [1, 'cold', 'warm'],
    ]);
    expect(rows.every((r) => r.factor === null && r.factorValue === null)).toBe(true);
  });

  test("'all' of sub-experiment 0: 4 ok latencies [40, 50, 60, 300], 3 errors by code", () => {
    expect(rows[0]).toMatchObject({
      count: 4,
      errors: 3,
      minMs: 40,
      p50Ms: 55, // h = 1.5 between 50 and 60
      maxMs: 300,
      meanMs: 112.5,
      desiredServiceTimesMs: [0, 100],
      achievedServiceTimeMedianMs: 50, // [1, 1, 99, 101]
      errorCounts: { HTTP_500: 1, TIMEOUT: 2 },
    });
    expect(Object.keys(rows[0]?.errorCounts ?? {})).toEqual(['HTTP_500', 'TIMEOUT']);
  });

  test('cold and warm use only their own requests', () => {
    expect(rows[1]).toMatchObject({ class: 'cold', count: 1, errors: 0, p50Ms: 300, achievedServiceTimeMedianMs: 1, errorCounts: {} });
    expect(rows[2]).toMatchObject({ class: 'warm', count: 3, errors: 0, p50Ms: 50, achievedServiceTimeMedianMs: 99, desiredServiceTimesMs: [0, 100] });
  });

  test('the failed requests (unclassified) form the unknown row: errors only', () => {
    expect(rows[3]).toMatchObject({ class: 'unknown', count: 0, errors: 3, p50Ms: null, achievedServiceTimeMedianMs: null, errorCounts: { HTTP_500: 1, TIMEOUT: 2 } });
  });

  test('an empty class is still reported, with nulls', () => {
    expect(rows[6]).toMatchObject({ subExperimentIndex: 1, class: 'warm', count: 0, errors: 0, meanMs: null, desiredServiceTimesMs: [] });
  });

  test('no records, no rows', () => {
    expect(statisticsRows([])).toEqual([]);
  });
});

describe('statisticsRowsBy', () => {
  test('splits each sub-experiment by a field, values in numeric order', () => {
    const bySize = statisticsRowsBy(
      [warm(10, { burstSize: 10 }), warm(20, { burstSize: 2 }), warm(30, { burstSize: 10 }), cold(400, { ...second, burstSize: 2 })],
      'burstSize',
    );
    expect(bySize.map((r) => [r.subExperimentIndex, r.factor, r.factorValue, r.class, r.count, r.p50Ms])).toEqual([
      [0, 'burstSize', 2, 'all', 1, 20],
      [0, 'burstSize', 2, 'cold', 0, null],
      [0, 'burstSize', 2, 'warm', 1, 20],
      [0, 'burstSize', 10, 'all', 2, 20],
      [0, 'burstSize', 10, 'cold', 0, null],
      [0, 'burstSize', 10, 'warm', 2, 20],
      [1, 'burstSize', 2, 'all', 1, 400],
      [1, 'burstSize', 2, 'cold', 1, 400],
      [1, 'burstSize', 2, 'warm', 0, null],
    ]);
  });

  test('a text field, with the failed requests (no runtime reported) last', () => {
    const byRuntime = statisticsRowsBy([warm(5, { runtime: 'python3.12' }), warm(6, { runtime: 'node20' }), failedRecordFixture('ECONNRESET')], 'runtime');
    expect([...new Set(byRuntime.map((r) => r.factorValue))]).toEqual(['node20', 'python3.12', null]);
  });
});

describe('mixedFactorRows', () => {
  test('splits only the sub-experiments that mix service times or burst sizes', () => {
    // Sub-experiment 0 mixes desired 0 and 100 ms at one burst size; sub-experiment 1 has one of each.
    const rows = mixedFactorRows(records.filter((r) => r.ok));
    expect(rows.map((r) => [r.subExperimentIndex, r.factor, r.factorValue, r.class, r.count, r.p50Ms])).toEqual([
      [0, 'desiredServiceTimeMs', 0, 'all', 2, 170], // [40, 300]
      [0, 'desiredServiceTimeMs', 0, 'cold', 1, 300],
      [0, 'desiredServiceTimeMs', 0, 'warm', 1, 40],
      [0, 'desiredServiceTimeMs', 100, 'all', 2, 55], // [50, 60]
      [0, 'desiredServiceTimeMs', 100, 'cold', 0, null],
      [0, 'desiredServiceTimeMs', 100, 'warm', 2, 55],
    ]);
  });

  test('burst sizes cycled within a sub-experiment get their own rows too', () => {
    const rows = mixedFactorRows([warm(10, { burstSize: 1 }), warm(30, { burstSize: 5 }), cold(400, { ...second, burstSize: 5 })]);
    expect(rows.map((r) => [r.subExperimentIndex, r.factor, r.factorValue, r.class])).toEqual([
      [0, 'burstSize', 1, 'all'],
      [0, 'burstSize', 1, 'cold'],
      [0, 'burstSize', 1, 'warm'],
      [0, 'burstSize', 5, 'all'],
      [0, 'burstSize', 5, 'cold'],
      [0, 'burstSize', 5, 'warm'],
    ]);
  });

  test('nothing mixed, no rows', () => {
    expect(mixedFactorRows([warm(10), cold(20, second)])).toEqual([]);
  });
});

describe('compareFactorValues', () => {
  test('numbers numerically, false before true, null last', () => {
    expect([10, null, 2, 1].sort(compareFactorValues)).toEqual([1, 2, 10, null]);
    expect([true, null, false].sort(compareFactorValues)).toEqual([false, true, null]);
    expect(['b', 'a', 3].sort(compareFactorValues)).toEqual([3, 'a', 'b']);
  });
});
