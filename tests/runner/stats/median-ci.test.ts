import { describe, expect, test } from '@jest/globals';
import { EXACT_RANKS_MAX_N, medianCi, medianCiRanks, N_TOO_SMALL, NORMAL_APPROXIMATION_NOTE } from '../../../runner/stats/median-ci.js';

/** Independent check with exact integers: the largest j with Σ_{i<j} C(n, i) ≤ 0.025·2^n, and its coverage. */
function exactRanksByBigInt(n: number): { lowerRank: number; upperRank: number; coverage: number } {
  const total = 2n ** BigInt(n);
  let binomial = 1n; // C(n, 0)
  let cumulative = 0n; // Σ_{i<j} C(n, i)
  let j = 0;
  // P(B ≤ j) ≤ 1/40  ⇔  40·Σ_{i≤j} C(n, i) ≤ 2^n
  while (40n * (cumulative + binomial) <= total) {
    cumulative += binomial;
    binomial = (binomial * BigInt(n - j)) / BigInt(j + 1);
    j += 1;
  }
  // Coverage 1 − 2·cumulative/2^n, kept exact until the final division.
  const scale = 10n ** 15n;
  const coverage = Number(((total - 2n * cumulative) * scale) / total) / 1e15;
  return { lowerRank: j, upperRank: n - j + 1, coverage };
}

const oneTo = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

describe('order-statistic 95% CI of the median', () => {
  test('n = 5 is too small: even [x_(1), x_(5)] covers only 1 − 2/32 = 93.75%', () => {
    expect(medianCiRanks(5)).toBeNull();
    expect(medianCi(oneTo(5))).toEqual({ ci: null, note: N_TOO_SMALL });
    expect(medianCi([])).toEqual({ ci: null, note: 'n too small' });
  });

  test('n = 6: ranks (1, 6), coverage 1 − 2/64 = 0.96875', () => {
    expect(medianCi([3, 1, 4, 1, 5, 9].sort((a, b) => a - b))).toEqual({
      ci: { level: 0.95, lower: 1, upper: 9, lowerRank: 1, upperRank: 6, coverage: 0.96875 },
      note: null,
    });
  });

  test('n = 10: ranks (2, 9), coverage 1 − 2·11/1024', () => {
    const result = medianCi([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(result.ci).toMatchObject({ lower: 20, upper: 90, lowerRank: 2, upperRank: 9 });
    expect(result.ci?.coverage).toBeCloseTo(1 - (2 * 11) / 1024, 12);
  });

  test('n = 20: ranks (6, 15); P(B ≤ 5) = 21700/2^20 ≤ 2.5% < P(B ≤ 6) = 60460/2^20', () => {
    const ranks = medianCiRanks(20);
    expect(ranks).toMatchObject({ lowerRank: 6, upperRank: 15, exact: true });
    expect(ranks?.coverage).toBeCloseTo(1 - (2 * 21700) / 2 ** 20, 12);
  });

  test('ranks are 1-based: the interval of 1..n is [j, k] itself (SeBS read them as 0-based, one rank too high)', () => {
    const { ci } = medianCi(oneTo(1000));
    expect(ci?.lower).toBe(ci?.lowerRank);
    expect(ci?.upper).toBe(ci?.upperRank);
  });

  test('n = 1000 agrees with exact integer arithmetic', () => {
    const expected = exactRanksByBigInt(1000);
    const ranks = medianCiRanks(1000);
    // Independently: the normal approximation ⌊(1000 − 1.96·√1000)/2⌋ = 469 lands on the same rank here.
    expect(expected.lowerRank).toBe(469);
    expect(ranks).toMatchObject({ lowerRank: expected.lowerRank, upperRank: expected.upperRank, exact: true });
    expect(ranks?.coverage).toBeCloseTo(expected.coverage, 10);
    expect(ranks?.coverage).toBeGreaterThanOrEqual(0.95);
  });

  test('every n from 6 to 400 agrees with exact integer arithmetic', () => {
    for (let n = 6; n <= 400; n += 1) {
      const expected = exactRanksByBigInt(n);
      const ranks = medianCiRanks(n);
      expect([n, ranks?.lowerRank, ranks?.upperRank]).toEqual([n, expected.lowerRank, expected.upperRank]);
      expect(ranks?.coverage).toBeCloseTo(expected.coverage, 10);
    }
  });

  test(`exact up to n = ${EXACT_RANKS_MAX_N}, within one rank of the normal approximation there`, () => {
    const n = EXACT_RANKS_MAX_N;
    const ranks = medianCiRanks(n);
    expect(ranks?.exact).toBe(true);
    expect(Math.abs((ranks?.lowerRank ?? 0) - Math.floor((n - 1.96 * Math.sqrt(n)) / 2))).toBeLessThanOrEqual(1);
    expect(ranks?.coverage).toBeGreaterThanOrEqual(0.95);
    expect(ranks?.coverage).toBeLessThan(0.951);
  });

  test('above that, the normal approximation, marked as such', () => {
    const n = 250_001;
    const ranks = medianCiRanks(n);
    // ⌊(250001 − 1.96·√250001)/2⌋ = ⌊(250001 − 980.00196)/2⌋ = 124510
    expect(ranks).toMatchObject({ lowerRank: 124_510, upperRank: n - 124_510 + 1, exact: false });
    expect(ranks?.coverage).toBeGreaterThan(0.95);
    expect(ranks?.coverage).toBeLessThan(0.951);
    const sample = oneTo(n);
    expect(medianCi(sample)).toMatchObject({ ci: { lower: 124_510, upper: 125_492 }, note: NORMAL_APPROXIMATION_NOTE });
  });

  test.each([-1, 2.5, Number.NaN])('sample size %p is a bug and throws', (n) => {
    expect(() => medianCiRanks(n)).toThrow('non-negative integer');
  });
});
