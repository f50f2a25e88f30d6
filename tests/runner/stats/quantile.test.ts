import { describe, expect, test } from '@jest/globals';
import { medianSorted, quantileSorted, sortAscending } from '../../../runner/stats/quantile.js';

describe('type-7 quantiles (numpy.percentile default)', () => {
  // Hand computation: h = (n − 1)·p, Q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
  test.each([
    ['min', [1, 2, 3, 4], 0, 1],
    ['max', [1, 2, 3, 4], 1, 4],
    ['even-n median: h = 1.5 → 2 + 0.5·1', [1, 2, 3, 4], 0.5, 2.5],
    ['p25: h = 0.75 → 1 + 0.75·1', [1, 2, 3, 4], 0.25, 1.75],
    ['p90: h = 2.7 → 3 + 0.7·1', [1, 2, 3, 4], 0.9, 3.7],
    ['odd-n median is the middle value', [1, 2, 3], 0.5, 2],
    ['p99 of three: h = 1.98 → 2 + 0.98·1', [1, 2, 3], 0.99, 2.98],
    ['numpy docs example: percentile([15, 20, 35, 40, 50], 40) = 29', [15, 20, 35, 40, 50], 0.4, 29],
    ['ties: p50 of [5, 5, 5, 7], h = 1.5 between two 5s', [5, 5, 5, 7], 0.5, 5],
    ['ties: p90 of [5, 5, 5, 7], h = 2.7 → 5 + 0.7·2', [5, 5, 5, 7], 0.9, 6.4],
    ['n = 1: every quantile is the value', [42], 0.999, 42],
    ['n = 2: p99, h = 0.99 → 10 + 0.99·10', [10, 20], 0.99, 19.9],
  ])('%s', (_label, sorted, p, expected) => {
    expect(quantileSorted(sorted, p)).toBeCloseTo(expected, 12);
  });

  test('an exact order statistic next to an infinite one does not turn into NaN', () => {
    expect(quantileSorted([1, Number.POSITIVE_INFINITY], 0)).toBe(1);
  });

  test('median', () => {
    expect(medianSorted([1, 3, 8, 10])).toBe(5.5);
  });

  test.each([
    [[], 0.5, 'at least one value'],
    [[1], -0.1, 'must be in [0, 1]'],
    [[1], 1.5, 'must be in [0, 1]'],
    [[1], Number.NaN, 'must be in [0, 1]'],
  ])('bad input %j at %p is a bug and throws', (sorted, p, message) => {
    expect(() => quantileSorted(sorted, p)).toThrow(message);
  });
});

describe('sortAscending', () => {
  test('sorts numerically, not as text, and leaves the input alone', () => {
    const input = [10, 9, 100, -1.5];
    expect(sortAscending(input)).toEqual([-1.5, 9, 10, 100]);
    expect(input).toEqual([10, 9, 100, -1.5]);
  });
});
