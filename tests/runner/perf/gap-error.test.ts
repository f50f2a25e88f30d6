import { describe, expect, test } from '@jest/globals';
import { gapErrorsMs, summarizeGapErrors } from '../../../runner/perf/gap-error.js';

describe('schedule gap errors', () => {
  test('|actual − planned| per consecutive pair, whatever the two clocks\' origins', () => {
    const planned = [100, 200, 300, 400];
    // Another clock, origin 5000: on time, 2 ms late, on time again (two gaps off by 2), then 0.5 early.
    const arrived = [5100, 5202, 5300, 5399.5];
    expect(gapErrorsMs(planned, arrived)).toEqual([2, 2, 0.5]);
  });

  test('uneven plans compare gap with gap', () => {
    expect(gapErrorsMs([0, 10, 250], [7, 17.25, 256])).toEqual([0.25, 1.25]);
  });

  test('a missing arrival is an error, not a shifted comparison', () => {
    expect(() => gapErrorsMs([1, 2, 3], [1, 2])).toThrow('2 arrivals for 3 planned requests');
  });

  test('p50, p99 (type 7) and max', () => {
    const errors = Array.from({ length: 101 }, (_, i) => i / 10);
    expect(summarizeGapErrors(errors)).toEqual({ gaps: 101, p50Ms: 5, p99Ms: 9.9, maxMs: 10 });
    expect(summarizeGapErrors([])).toEqual({ gaps: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN });
  });
});
