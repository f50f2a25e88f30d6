import { logAddExp } from '../../stats/normal.js';

/**
 * Distribution-free confidence interval of the p-quantile from order statistics, the same method
 * the run statistics use for the median, for any p (the history needs p = 0.99): with B the number
 * of observations below the true quantile, B ~ Binomial(n, p), and [x₍ₗ₎, x₍ᵤ₎] covers the quantile
 * with probability P(l ≤ B < u). l is the largest rank whose lower tail P(B ≤ l − 1) stays within
 * (1 − level)/2 and u the smallest whose upper tail P(B ≥ u) does. No interval exists when a tail
 * cannot be cut at all: for p = 0.99 and 95% that needs n ≥ 367 for an upper bound.
 */
export interface QuantileCi {
  readonly lower: number;
  readonly upper: number;
  /** 1-based ranks of the bounds in the sorted sample. */
  readonly lowerRank: number;
  readonly upperRank: number;
  /** Coverage achieved, ≥ level. */
  readonly coverage: number;
}

export function quantileCiRanks(n: number, p: number, level = 0.95): { lowerRank: number; upperRank: number; coverage: number } | null {
  if (!Number.isInteger(n) || n < 1) return null;
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be between 0 and 1, got ${p}`);
  const tail = (1 - level) / 2;
  // log P(B = k) for k = 0..n, walked up from P(B = 0) = (1 − p)^n.
  const logPmf = new Float64Array(n + 1);
  logPmf[0] = n * Math.log1p(-p);
  for (let k = 0; k < n; k++) logPmf[k + 1] = (logPmf[k] as number) + Math.log((n - k) / (k + 1)) + Math.log(p) - Math.log1p(-p);
  // Lower rank: the largest l with P(B ≤ l − 1) ≤ tail.
  let lowerCdf = -Infinity;
  let l = 0;
  while (l < n && logAddExp(lowerCdf, logPmf[l] as number) <= Math.log(tail)) {
    lowerCdf = logAddExp(lowerCdf, logPmf[l] as number);
    l += 1;
  }
  // Upper rank: the smallest u with P(B ≥ u) ≤ tail.
  let upperTail = -Infinity;
  let u = n + 1;
  while (u > 1 && logAddExp(upperTail, logPmf[u - 1] as number) <= Math.log(tail)) {
    upperTail = logAddExp(upperTail, logPmf[u - 1] as number);
    u -= 1;
  }
  if (l < 1 || u > n || l >= u) return null;
  return { lowerRank: l, upperRank: u, coverage: 1 - Math.exp(lowerCdf) - Math.exp(upperTail) };
}

export function quantileCi(sorted: readonly number[], p: number, level = 0.95): QuantileCi | null {
  const ranks = quantileCiRanks(sorted.length, p, level);
  if (ranks === null) return null;
  return { lower: sorted[ranks.lowerRank - 1] as number, upper: sorted[ranks.upperRank - 1] as number, ...ranks };
}
