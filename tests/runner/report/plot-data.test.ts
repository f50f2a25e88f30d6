import { describe, expect, test } from '@jest/globals';
import { burstPoints, TIMELINE_MAX_BURSTS, TIMELINE_TARGET_BINS, timelineSeries } from '../../../runner/report/burst-series.js';
import { runPlotDefinitions } from '../../../runner/report/run-plots.js';
import { timelineSpec } from '../../../runner/report/specs/timeline-spec.js';
import { statisticsRows } from '../../../runner/stats/index.js';
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

describe('timeline of a long study', () => {
  // Sub-experiment 0: 30 single-request bursts 100 ms apart (latency = burst id); sub-experiment 1: 3 bursts.
  const long = [
    ...Array.from({ length: 30 }, (_, burstId) => recordFixture({ burstId, latencyMs: burstId + 1, dispatchedMs: 1000 + burstId * 100 })),
    failedRecordFixture('TIMEOUT', { burstId: 29, latencyMs: 3000, dispatchedMs: 3900.5 }),
    ...[0, 1, 2].map((burstId) => recordFixture({ subExperimentIndex: 1, subExperiment: 'cold', burstId, latencyMs: 400, requestClass: 'cold', dispatchedMs: 1000 + burstId * 1000 })),
  ];

  test('up to the limit, one point per burst and outcome', () => {
    const series = timelineSeries(long, 30);
    expect(series).toMatchObject({ binMs: null, binned: [] });
    expect(series.points).toEqual(burstPoints(long));
    expect(series.points).toHaveLength(34);
  });

  test('beyond it, consecutive bursts share a time bin: a point per bin and outcome over all its requests', () => {
    // 2900 ms of bursts in at most 10 bins: 290 ms, rounded up to a nice 500 ms.
    const series = timelineSeries(long, 20, 10);
    expect(series.binMs).toBe(500);
    expect(series.binned).toEqual([0]);
    const binned = series.points.filter((p) => p.subExperimentIndex === 0);
    // Bins [1000, 1500) … [3500, 4000): five bursts each (latencies 1–5, 6–10, …), the timeout in the last.
    expect(binned).toEqual([
      { subExperimentIndex: 0, burstId: 0, outcome: 'warm', dispatchedS: 1, requests: 5, medianMs: 3, minMs: 1, maxMs: 5 },
      { subExperimentIndex: 0, burstId: 5, outcome: 'warm', dispatchedS: 1.5, requests: 5, medianMs: 8, minMs: 6, maxMs: 10 },
      { subExperimentIndex: 0, burstId: 10, outcome: 'warm', dispatchedS: 2, requests: 5, medianMs: 13, minMs: 11, maxMs: 15 },
      { subExperimentIndex: 0, burstId: 15, outcome: 'warm', dispatchedS: 2.5, requests: 5, medianMs: 18, minMs: 16, maxMs: 20 },
      { subExperimentIndex: 0, burstId: 20, outcome: 'warm', dispatchedS: 3, requests: 5, medianMs: 23, minMs: 21, maxMs: 25 },
      { subExperimentIndex: 0, burstId: 25, outcome: 'warm', dispatchedS: 3.5, requests: 5, medianMs: 28, minMs: 26, maxMs: 30 },
      { subExperimentIndex: 0, burstId: 29, outcome: 'error', dispatchedS: 3.9005, requests: 1, medianMs: 3000, minMs: 3000, maxMs: 3000 },
    ]);
    // The short sub-experiment keeps its bursts.
    expect(series.points.filter((p) => p.subExperimentIndex === 1)).toHaveLength(3);
  });

  test('a burst is never split between bins: its first dispatch places all its requests', () => {
    const straddling = [
      ...Array.from({ length: 10 }, (_, burstId) => recordFixture({ burstId, dispatchedMs: burstId * 100 })),
      recordFixture({ burstId: 4, latencyMs: 99, dispatchedMs: 560 }),
    ];
    const { points } = timelineSeries(straddling, 5, 2);
    expect(points.map((p) => [p.burstId, p.requests])).toEqual([
      [0, 6],
      [5, 5],
    ]);
  });

  test('the chart says when and how it aggregates, and its data stays bounded however many bursts', () => {
    const many = Array.from({ length: 20_000 }, (_, burstId) => recordFixture({ burstId, latencyMs: 10 + (burstId % 7), dispatchedMs: burstId * 50 }));
    const spec = JSON.parse(JSON.stringify(timelineSpec(many)));
    expect(spec.data.values.length).toBeLessThanOrEqual(TIMELINE_TARGET_BINS);
    expect(spec.data.values.reduce((n: number, d: { requests: number }) => n + d.requests, 0)).toBe(20_000);
    expect(spec.title.subtitle).toEqual([
      'point: median of the burst’s requests; bar: fastest to slowest; ✕: failed requests (time to failure)',
      `more than ${TIMELINE_MAX_BURSTS.toLocaleString('en-US')} bursts, drawn in time bins of 1 s (point: median of the bin’s requests): warm`,
    ]);
    const caption = runPlotDefinitions({ requests: many, rows: statisticsRows(many), experiment: null }).find((p) => p.name === 'timeline')?.caption;
    expect(caption).toMatch(/drawn in time bins/);
    expect(typeof JSON.parse(JSON.stringify(timelineSpec(long))).title.subtitle).toBe('string');
  });
});
