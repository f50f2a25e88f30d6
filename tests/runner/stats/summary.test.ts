import { describe, expect, test } from '@jest/globals';
import { summarize } from '../../../runner/stats/summary.js';

describe('summarize', () => {
  test('1..6, every field by hand', () => {
    const summary = summarize([6, 2, 4, 1, 5, 3], 1);
    // mean 21/6; squared deviations 6.25+2.25+0.25+0.25+2.25+6.25 = 17.5, /(n−1) = 3.5
    expect(summary).toMatchObject({ count: 6, errors: 1, minMs: 1, maxMs: 6, meanMs: 3.5, medianCiNote: null });
    expect(summary.stddevMs).toBeCloseTo(Math.sqrt(3.5), 12);
    const expectedPercentiles = {
      p25Ms: 2.25, // h = 1.25
      p50Ms: 3.5, // h = 2.5
      p75Ms: 4.75, // h = 3.75
      p90Ms: 5.5, // h = 4.5
      p95Ms: 5.75, // h = 4.75
      p99Ms: 5.95, // h = 4.95
      p999Ms: 5.995, // h = 4.995
    };
    for (const [field, expected] of Object.entries(expectedPercentiles)) {
      expect([field, summary[field as keyof typeof expectedPercentiles]]).toEqual([field, expect.closeTo(expected, 12)]);
    }
    expect(summary.tailToMedian).toBeCloseTo(5.95 / 3.5, 12);
    expect(summary.medianCi).toEqual({ level: 0.95, lower: 1, upper: 6, lowerRank: 1, upperRank: 6, coverage: 0.96875 });
  });

  test('odd n: [5, 1, 3] has median 3, mean 3, sd 2', () => {
    expect(summarize([5, 1, 3], 0)).toMatchObject({ count: 3, p50Ms: 3, meanMs: 3, stddevMs: 2, medianCi: null, medianCiNote: 'n too small' });
  });

  test('n = 1: every percentile is the value, no spread, no interval', () => {
    expect(summarize([42], 0)).toEqual({
      count: 1,
      errors: 0,
      minMs: 42,
      meanMs: 42,
      stddevMs: null,
      p25Ms: 42,
      p50Ms: 42,
      p75Ms: 42,
      p90Ms: 42,
      p95Ms: 42,
      p99Ms: 42,
      p999Ms: 42,
      maxMs: 42,
      tailToMedian: 1,
      medianCi: null,
      medianCiNote: 'n too small',
    });
  });

  test('n = 2: median is the midpoint, sd = |a − b|/√2', () => {
    const summary = summarize([20, 10], 0);
    expect(summary).toMatchObject({ count: 2, minMs: 10, maxMs: 20, meanMs: 15, p50Ms: 15 });
    expect(summary.stddevMs).toBeCloseTo(10 / Math.SQRT2, 12);
    expect(summary.p99Ms).toBeCloseTo(19.9, 12); // h = 0.99
  });

  test('ties: seven equal values have sd 0 and a zero-width interval', () => {
    expect(summarize([7, 7, 7, 7, 7, 7, 7], 0)).toMatchObject({
      stddevMs: 0,
      p50Ms: 7,
      p99Ms: 7,
      tailToMedian: 1,
      medianCi: { lower: 7, upper: 7, lowerRank: 1, upperRank: 7, coverage: 1 - 2 / 128 },
    });
  });

  test('all errors: counted, every latency field null', () => {
    expect(summarize([], 3)).toEqual({
      count: 0,
      errors: 3,
      minMs: null,
      meanMs: null,
      stddevMs: null,
      p25Ms: null,
      p50Ms: null,
      p75Ms: null,
      p90Ms: null,
      p95Ms: null,
      p99Ms: null,
      p999Ms: null,
      maxMs: null,
      tailToMedian: null,
      medianCi: null,
      medianCiNote: 'n too small',
    });
  });

  test('a zero median has no tail-to-median ratio', () => {
    expect(summarize([0, 0, 0, 5], 0)).toMatchObject({ p50Ms: 0, tailToMedian: null });
  });

  test('the input is not reordered', () => {
    const latencies = [3, 1, 2];
    summarize(latencies, 0);
    expect(latencies).toEqual([3, 1, 2]);
  });
});
