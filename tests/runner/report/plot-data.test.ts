import { describe, expect, test } from '@jest/globals';
import { burstPoints } from '../../../runner/report/burst-series.js';
import { ecdfPoints, keptRanks } from '../../../runner/report/ecdf.js';
import { histogramBins, niceStep } from '../../../runner/report/histogram-bins.js';
import { subExperimentLabels } from '../../../runner/report/sub-experiment-labels.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

describe('empirical CDF points', () => {
  test('small samples: every order statistic at i/n, after a leading zero at the minimum', () => {
    expect(ecdfPoints([30, 10, 20, 40])).toEqual([
      { latencyMs: 10, fraction: 0 },
      { latencyMs: 10, fraction: 0.25 },
      { latencyMs: 20, fraction: 0.5 },
      { latencyMs: 30, fraction: 0.75 },
      { latencyMs: 40, fraction: 1 },
    ]);
    expect(ecdfPoints([])).toEqual([]);
  });

  test('large samples are thinned in the body but keep every point of the tail, and the maximum', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => i + 1);
    const points = ecdfPoints(values, 600);
    expect(points.length).toBeLessThanOrEqual(600);
    expect(points.at(-1)).toEqual({ latencyMs: 100_000, fraction: 1 });
    // The top 299 order statistics are all there: p99.7 and up is drawn exactly.
    const tail = points.filter((p) => p.fraction > 0.997);
    expect(tail).toHaveLength(299);
    // Fractions never go down, and the thinned body is within 2/600 of the true ECDF everywhere.
    for (let i = 1; i < points.length; i += 1) expect((points[i]?.fraction ?? 0) >= (points[i - 1]?.fraction ?? 0)).toBe(true);
    const ranks = keptRanks(100_000, 599);
    const gaps = ranks.slice(1).map((rank, i) => rank - (ranks[i] ?? 0));
    expect(Math.max(...gaps) / 100_000).toBeLessThan(2 / 600);
  });
});

describe('histogram bins', () => {
  test('nice widths near the square-root rule, edges on multiples of the width', () => {
    const values = [12, 13.5, 14, 18, 19.9, 20, 25, 31, 38];
    const bins = histogramBins(values);
    // 9 values → 3 bins wanted over 26 ms → 8.67 ms raw → 10 ms.
    expect(bins).toEqual([
      { startMs: 10, endMs: 20, count: 5 },
      { startMs: 20, endMs: 30, count: 2 },
      { startMs: 30, endMs: 40, count: 2 },
    ]);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(values.length);
  });

  test('never more than the cap, and identical values still get a bar', () => {
    const spread = Array.from({ length: 10_000 }, (_, i) => (i % 997) * 1.37);
    expect(histogramBins(spread, 40).length).toBeLessThanOrEqual(40);
    expect(histogramBins([5, 5, 5])).toEqual([{ startMs: 5, endMs: 5.5, count: 3 }]);
  });

  test('niceStep picks 1, 2 or 5 × 10^k nearest on a log scale', () => {
    expect(niceStep(0.3)).toBe(0.2);
    expect(niceStep(3.5)).toBe(5);
    expect(niceStep(8.67)).toBe(10);
    expect(niceStep(140)).toBe(100);
    expect(() => niceStep(0)).toThrow(RangeError);
  });
});

describe('burst points for the timeline', () => {
  test('one point per burst and outcome: median, range, first dispatch in seconds; failures apart', () => {
    const burst = (latencyMs: number, dispatchedMs: number, overrides = {}) => recordFixture({ burstId: 2, latencyMs, dispatchedMs, ...overrides });
    const points = burstPoints([
      burst(30, 1000.5),
      burst(10, 1000.25),
      burst(20, 1000.75),
      burst(400, 1001, { requestClass: 'cold' }),
      failedRecordFixture('TIMEOUT', { burstId: 2, latencyMs: 3000, dispatchedMs: 1001.5 }),
    ]);
    expect(points).toEqual([
      { subExperimentIndex: 0, burstId: 2, outcome: 'warm', dispatchedS: 1.00025, requests: 3, medianMs: 20, minMs: 10, maxMs: 30 },
      { subExperimentIndex: 0, burstId: 2, outcome: 'cold', dispatchedS: 1.001, requests: 1, medianMs: 400, minMs: 400, maxMs: 400 },
      { subExperimentIndex: 0, burstId: 2, outcome: 'error', dispatchedS: 1.0015, requests: 1, medianMs: 3000, minMs: 3000, maxMs: 3000 },
    ]);
  });
});

describe('sub-experiment labels', () => {
  test('titles, made unique with the index when two sub-experiments share one', () => {
    const labels = subExperimentLabels([
      { subExperimentIndex: 2, subExperiment: 'cold' },
      { subExperimentIndex: 0, subExperiment: 'cold' },
      { subExperimentIndex: 1, subExperiment: 'warm' },
    ]);
    expect([...labels]).toEqual([
      [0, 'cold (#0)'],
      [1, 'warm'],
      [2, 'cold (#2)'],
    ]);
  });
});
