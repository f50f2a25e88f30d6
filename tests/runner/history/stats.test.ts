import { describe, expect, it } from '@jest/globals';
import { mannWhitney, quantileCi, quantileCiRanks } from '../../../runner/history/index.js';
import { medianCiRanks } from '../../../runner/stats/median-ci.js';

describe('Mann–Whitney U', () => {
  it('uses the exact distribution for small samples without ties (values as scipy.stats.mannwhitneyu gives)', () => {
    // n1 = n2 = 3: 20 arrangements; U counts of 0..9 are 1,1,2,3,3,3,3,2,1,1.
    expect(mannWhitney([1, 2, 3], [4, 5, 6])).toEqual({ u: 0, pValue: 0.1, method: 'exact', probabilityGreater: 0 });
    expect(mannWhitney([4, 5, 6], [1, 2, 3])).toMatchObject({ u: 9, pValue: 0.1 });
    // U = 3 (3>2, 5>2, 5>4): P(U ≤ 3) = 7/20, two-sided 0.7.
    expect(mannWhitney([1, 3, 5], [2, 4, 6])?.pValue).toBeCloseTo(0.7, 12);
  });

  it('uses the normal approximation with continuity correction for larger samples', () => {
    // a = 1..40, b = 1.5..40.5: U = Σ(k−1) = 780, mean 800, variance 40·40·81/12 = 10800,
    // z = (20 − 0.5)/√10800 = 0.18764, p = 2(1 − Φ(z)) = 0.85116.
    const a = Array.from({ length: 40 }, (_, i) => i + 1);
    const b = a.map((v) => v + 0.5);
    const result = mannWhitney(a, b);
    expect(result).toMatchObject({ u: 780, method: 'normal' });
    expect(result?.pValue).toBeCloseTo(0.85116, 4);
  });

  it('corrects for ties with midranks', () => {
    // All values equal: no evidence of a shift at all.
    expect(mannWhitney([5, 5, 5, 5], [5, 5, 5])).toMatchObject({ u: 6, pValue: 1, method: 'normal', probabilityGreater: 0.5 });
    // Ties across groups: ranks 1..6 with midranks; a = [1, 2, 2], b = [2, 3, 3]:
    // sorted 1(a) 2(a) 2(a) 2(b) 3(b) 3(b) → ranks 1, 3, 3, 3, 5.5, 5.5; R1 = 7, U = 7 − 6 = 1.
    expect(mannWhitney([1, 2, 2], [2, 3, 3])?.u).toBe(1);
  });

  it('is robust to one enormous value, as latency tails need', () => {
    const before = Array.from({ length: 50 }, (_, i) => 100 + i);
    const after = [...before.slice(0, 49), 1e9];
    expect(mannWhitney(after, before)?.pValue).toBeGreaterThan(0.9);
  });
});

describe('quantile confidence interval', () => {
  it('matches the median interval of the run statistics for p = ½', () => {
    for (const n of [6, 10, 25, 101, 1000]) {
      const ranks = quantileCiRanks(n, 0.5);
      const median = medianCiRanks(n);
      expect([ranks?.lowerRank, ranks?.upperRank]).toEqual([median?.lowerRank, median?.upperRank]);
      expect(ranks?.coverage).toBeCloseTo(median?.coverage ?? 0, 10);
    }
    // n = 10: ranks 2 and 9, coverage 1 − 2·11/1024.
    expect(quantileCiRanks(10, 0.5)).toEqual({ lowerRank: 2, upperRank: 9, coverage: 1 - 22 / 1024 });
  });

  it('gives p99 an interval only from n = 368 on (0.99^n ≤ 2.5% needs n ≥ 368)', () => {
    expect(quantileCiRanks(367, 0.99)).toBeNull();
    const ranks = quantileCiRanks(368, 0.99);
    expect(ranks?.upperRank).toBe(368);
    expect(ranks?.coverage).toBeGreaterThanOrEqual(0.95);
    const sorted = Array.from({ length: 1000 }, (_, i) => i + 1);
    const ci = quantileCi(sorted, 0.99);
    expect(ci !== null && ci.lower < 990 && ci.upper > 990).toBe(true);
    expect(ci?.coverage).toBeGreaterThanOrEqual(0.95);
  });
});
