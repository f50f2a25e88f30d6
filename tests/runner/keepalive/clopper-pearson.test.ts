import { describe, expect, test } from '@jest/globals';
import { binomialCdf, clopperPearson } from '../../../runner/keepalive/clopper-pearson.js';

/**
 * Reference bounds from scipy.stats.beta.ppf(0.025, k, n − k + 1) and beta.ppf(0.975, k + 1, n − k)
 * (scipy 1.17), which R's binom.test(k, n)$conf.int also gives (e.g. 3/10: 0.06673951 0.65245285).
 */
const REFERENCE: readonly [k: number, n: number, lower: number, upper: number][] = [
  [3, 10, 0.06673951117773447, 0.6524528500599973],
  [5, 20, 0.08657146910143461, 0.49104587170795744],
  [17, 40, 0.27042903126886286, 0.5910994195730367],
  [1, 100, 0.00025314603297742064, 0.054459385392080645],
];

/** P(X ≥ k) by direct summation of C(n, j) p^j (1 − p)^(n − j): a second, naive formula. */
function upperTail(k: number, n: number, p: number): number {
  let sum = 0;
  let choose = 1;
  for (let j = 0; j <= n; j++) {
    if (j > 0) choose = (choose * (n - j + 1)) / j;
    if (j >= k) sum += choose * p ** j * (1 - p) ** (n - j);
  }
  return sum;
}

describe('Clopper–Pearson 95% interval', () => {
  test('k = 0 of n = 10: [0, 1 − 0.025^(1/10)] = [0, 0.30849710781876]', () => {
    const ci = clopperPearson(0, 10);
    expect(ci.lower).toBe(0);
    expect(ci.upper).toBeCloseTo(1 - 0.025 ** 0.1, 14);
    expect(ci.upper).toBeCloseTo(0.3084971078187607, 12);
    expect(ci.level).toBe(0.95);
  });

  test('k = 10 of n = 10: [0.025^(1/10), 1] = [0.69150289218124, 1]', () => {
    const ci = clopperPearson(10, 10);
    expect(ci.lower).toBeCloseTo(0.6915028921812392, 12);
    expect(ci.upper).toBe(1);
  });

  test('one trial: 1 of 1 is [0.025, 1], 0 of 1 is [0, 0.975]', () => {
    expect(clopperPearson(1, 1).lower).toBeCloseTo(0.025, 14);
    expect(clopperPearson(0, 1).upper).toBeCloseTo(0.975, 14);
  });

  test.each(REFERENCE)('k = %i of n = %i matches the Beta quantiles to 1e-10', (k, n, lower, upper) => {
    const ci = clopperPearson(k, n);
    expect(Math.abs(ci.lower - lower)).toBeLessThan(1e-10);
    expect(Math.abs(ci.upper - upper)).toBeLessThan(1e-10);
  });

  test('at each bound the tail beyond k is exactly 2.5%, by a naive second formula (k = 3, n = 10)', () => {
    const { lower, upper } = clopperPearson(3, 10);
    expect(upperTail(3, 10, lower)).toBeCloseTo(0.025, 12);
    expect(1 - upperTail(4, 10, upper)).toBeCloseTo(0.025, 12);
  });

  test('another level is honoured: 90% is narrower than 95%', () => {
    const ninety = clopperPearson(3, 10, 0.9);
    const ninetyFive = clopperPearson(3, 10);
    expect(ninety.lower).toBeGreaterThan(ninetyFive.lower);
    expect(ninety.upper).toBeLessThan(ninetyFive.upper);
    expect(upperTail(3, 10, ninety.lower)).toBeCloseTo(0.05, 12);
  });

  test('no trials gives [0, 1]; impossible counts are refused', () => {
    expect(clopperPearson(0, 0)).toEqual({ lower: 0, upper: 1, level: 0.95 });
    expect(() => clopperPearson(11, 10)).toThrow('successes must be an integer in [0, 10], got 11');
    expect(() => clopperPearson(1.5, 10)).toThrow('successes must be an integer');
    expect(() => clopperPearson(1, -1)).toThrow('trials must be a non-negative integer');
    expect(() => clopperPearson(1, 2, 1)).toThrow('level must be in (0, 1)');
  });

  test('large n stays finite and sensible (k = 5000 of 10000 is about 0.5 ± 0.0099)', () => {
    const ci = clopperPearson(5000, 10_000);
    expect(ci.lower).toBeCloseTo(0.4901, 3);
    expect(ci.upper).toBeCloseTo(0.5099, 3);
  });

  test('the binomial CDF: P(X ≤ 1 | 3, ½) = 4/8, P(X ≤ 2 | 4, 0.3) = 0.9163; a sum whose first terms underflow is still right', () => {
    expect(binomialCdf(1, 3, 0.5)).toBeCloseTo(0.5, 15);
    // 0.7^4 + 4·0.3·0.7^3 + 6·0.09·0.49 = 0.2401 + 0.4116 + 0.2646
    expect(binomialCdf(2, 4, 0.3)).toBeCloseTo(0.9163, 14);
    expect(binomialCdf(4, 4, 0.3)).toBe(1);
    // (1 − p)^2000 underflows to 0 in plain arithmetic. By symmetry P(X ≤ 999) = (1 − P(X = 1000))/2,
    // with P(X = 1000) = C(2000, 1000)/2^2000 computed exactly in integers (scipy: 0.49108049442707286).
    let choose = 1n;
    for (let j = 1n; j <= 1000n; j++) choose = (choose * (2001n - j)) / j;
    const pMiddle = Number((choose * 10n ** 18n) / 2n ** 2000n) / 1e18;
    expect(binomialCdf(999, 2000, 0.5)).toBeCloseTo((1 - pMiddle) / 2, 11);
    expect(binomialCdf(999, 2000, 0.5)).toBeCloseTo(0.49108049442707286, 11);
    expect(binomialCdf(1999, 2000, 0.5)).toBeCloseTo(1, 10);
  });
});
