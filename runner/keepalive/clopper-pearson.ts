/**
 * Exact (Clopper–Pearson) confidence interval of a binomial proportion: the set of p for which
 * k successes in n trials is not in either 2.5% tail. Chosen over Wilson because keep-alive bins
 * are small (tens of samples) and sit at P near 0 or 1 on both sides of the keep-alive, exactly
 * where Wilson's coverage dips below the nominal 95%; Clopper–Pearson never covers less than
 * 95% (it is conservative), which is the honest side to err on for a published curve.
 *
 * Bounds, with α = 1 − level:
 *   lower: 0 when k = 0, else the p with P(X ≥ k | n, p) = α/2
 *   upper: 1 when k = n, else the p with P(X ≤ k | n, p) = α/2
 * (equivalently the α/2 and 1 − α/2 quantiles of Beta(k, n − k + 1) and Beta(k + 1, n − k)).
 * The edge cases have closed forms, used as they are: k = 0 gives upper 1 − (α/2)^(1/n), k = n
 * gives lower (α/2)^(1/n). Otherwise the binomial tail, summed exactly in log space, is inverted
 * by bisection to 1e-14; each step costs O(n), fine for the bins of a keep-alive study.
 */

export const BINOMIAL_CI_LEVEL = 0.95;

export interface BinomialInterval {
  readonly lower: number;
  readonly upper: number;
  readonly level: number;
}

const TOLERANCE = 1e-14;
const MAX_STEPS = 200;

export function clopperPearson(successes: number, trials: number, level: number = BINOMIAL_CI_LEVEL): BinomialInterval {
  if (!Number.isInteger(trials) || trials < 0) throw new RangeError(`trials must be a non-negative integer, got ${trials}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > trials) {
    throw new RangeError(`successes must be an integer in [0, ${trials}], got ${successes}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  // No trials, no information: every p is consistent with the data.
  if (trials === 0) return { lower: 0, upper: 1, level };
  const tail = (1 - level) / 2;
  const n = trials;
  const k = successes;
  const lower = k === 0 ? 0 : k === n ? tail ** (1 / n) : solveDecreasing(binomialCdfOf(k - 1, n), 1 - tail);
  const upper = k === n ? 1 : k === 0 ? 1 - tail ** (1 / n) : solveDecreasing(binomialCdfOf(k, n), tail);
  return { lower, upper, level };
}

/** P(X ≤ m) for X ~ Binomial(n, p). */
export function binomialCdf(m: number, n: number, p: number): number {
  return binomialCdfOf(m, n)(p);
}

/**
 * p ↦ P(X ≤ m) for X ~ Binomial(n, p), 0 ≤ m, with log C(n, j) computed once for every p the
 * bisection tries. Summed in log space (log-sum-exp) so (1 − p)^n underflowing does not zero the
 * sum; relative error grows with n (about 1e-12 at n = 2000), far below what a 95% bound needs.
 */
function binomialCdfOf(m: number, n: number): (p: number) => number {
  if (m >= n) return () => 1;
  const logChoose = new Float64Array(m + 1);
  for (let j = 1; j <= m; j++) logChoose[j] = logChoose[j - 1]! + Math.log((n - j + 1) / j);
  const logTerms = new Float64Array(m + 1);
  return (p) => {
    if (p <= 0) return 1;
    if (p >= 1) return 0;
    const logP = Math.log(p);
    const logQ = Math.log1p(-p);
    let max = -Infinity;
    for (let j = 0; j <= m; j++) {
      const term = logChoose[j]! + j * logP + (n - j) * logQ;
      logTerms[j] = term;
      if (term > max) max = term;
    }
    let sum = 0;
    for (let j = 0; j <= m; j++) sum += Math.exp(logTerms[j]! - max);
    return Math.min(1, Math.exp(max + Math.log(sum)));
  };
}

/** The p in (0, 1) where a function decreasing in p equals `target`, by bisection. */
function solveDecreasing(f: (p: number) => number, target: number): number {
  let low = 0;
  let high = 1;
  for (let step = 0; step < MAX_STEPS && high - low > TOLERANCE; step++) {
    const middle = (low + high) / 2;
    if (f(middle) > target) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}
