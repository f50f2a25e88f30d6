import { logAddExp, standardNormalCdf } from './normal.js';

/**
 * Distribution-free 95% confidence interval of the median from order statistics (Le Boudec,
 * "Performance Evaluation of Computer and Communication Systems", thm. 2.1). With x_(1) ≤ … ≤ x_(n)
 * and B ~ Binomial(n, ½), [x_(j), x_(k)] with k = n − j + 1 covers the true median with probability
 * 1 − 2·P(B ≤ j − 1). We take the largest j whose coverage is still ≥ 95%, i.e. the largest j with
 * P(B ≤ j − 1) ≤ 0.025, and report the coverage actually achieved (it is above 95% because B is discrete).
 *
 * Ranks here are 1-based, as in the theorem; the values are read at 0-based indices j − 1 and k − 1.
 * SeBS used the normal-approximation ranks directly as 0-based indices, which shifts its interval up
 * by one rank; tests pin n = 6, 10, 20 and 1000 against hand and exact integer computations.
 *
 * Up to EXACT_RANKS_MAX_N the binomial sum is exact up to floating point (summed in log space so
 * 2^−n does not underflow). Above it the normal approximation j = ⌊(n − 1.96·√n)/2⌋ is used and the
 * coverage comes from the normal distribution (with continuity correction); the interval then carries
 * a note saying so. At such n the two differ by at most one rank out of thousands.
 */

export const MEDIAN_CI_LEVEL = 0.95;
/** Below 6 samples even [x_(1), x_(n)] covers the median with less than 95% (n = 5: 1 − 2/32 = 93.75%). */
export const MEDIAN_CI_MIN_N = 6;
export const EXACT_RANKS_MAX_N = 100_000;
export const N_TOO_SMALL = 'n too small';
export const NORMAL_APPROXIMATION_NOTE = `ranks and coverage from the normal approximation (n > ${EXACT_RANKS_MAX_N})`;

const TAIL_PROBABILITY = (1 - MEDIAN_CI_LEVEL) / 2;

export interface MedianCiRanks {
  /** 1-based ranks j and k = n − j + 1 of the order statistics that bound the interval. */
  readonly lowerRank: number;
  readonly upperRank: number;
  /** 1 − 2·P(Binomial(n, ½) ≤ j − 1). */
  readonly coverage: number;
  readonly exact: boolean;
}

export interface MedianCi {
  readonly level: typeof MEDIAN_CI_LEVEL;
  readonly lower: number;
  readonly upper: number;
  readonly lowerRank: number;
  readonly upperRank: number;
  readonly coverage: number;
}

/** Either an interval (with a note when it is approximate) or the reason there is none. */
export type MedianCiResult = { readonly ci: MedianCi; readonly note: string | null } | { readonly ci: null; readonly note: string };

/** The ranks for a sample of n; null when n is too small for any interval to reach 95%. */
export function medianCiRanks(n: number): MedianCiRanks | null {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`sample size must be a non-negative integer, got ${n}`);
  if (n < MEDIAN_CI_MIN_N) return null;
  if (n > EXACT_RANKS_MAX_N) return normalApproximationRanks(n);
  const { lowerRank, tail } = exactLowerRank(n);
  return { lowerRank, upperRank: n - lowerRank + 1, coverage: 1 - 2 * tail, exact: true };
}

/** The interval for an ascending sample. */
export function medianCi(sorted: ArrayLike<number>): MedianCiResult {
  const ranks = medianCiRanks(sorted.length);
  if (ranks === null) return { ci: null, note: N_TOO_SMALL };
  const ci: MedianCi = {
    level: MEDIAN_CI_LEVEL,
    lower: sorted[ranks.lowerRank - 1] as number,
    upper: sorted[ranks.upperRank - 1] as number,
    lowerRank: ranks.lowerRank,
    upperRank: ranks.upperRank,
    coverage: ranks.coverage,
  };
  return { ci, note: ranks.exact ? null : NORMAL_APPROXIMATION_NOTE };
}

/** Walks the binomial CDF up from P(B = 0) = 2^−n until it would pass the 2.5% tail. Needs n ≥ MEDIAN_CI_MIN_N. */
function exactLowerRank(n: number): { lowerRank: number; tail: number } {
  const logAlpha = Math.log(TAIL_PROBABILITY);
  let logPmf = -n * Math.LN2;
  let logCdf = logPmf;
  let m = 0;
  // The CDF passes ½ by m = n/2, so the loop ends well before m reaches n.
  for (;;) {
    logPmf += Math.log((n - m) / (m + 1));
    const next = logAddExp(logCdf, logPmf);
    if (next > logAlpha) break;
    logCdf = next;
    m += 1;
  }
  // logCdf is log P(B ≤ m) with m = j − 1.
  return { lowerRank: m + 1, tail: Math.exp(logCdf) };
}

function normalApproximationRanks(n: number): MedianCiRanks {
  const sd = Math.sqrt(n) / 2;
  const lowerRank = Math.floor((n - 1.96 * Math.sqrt(n)) / 2);
  const tail = standardNormalCdf((lowerRank - 1 + 0.5 - n / 2) / sd);
  return { lowerRank, upperRank: n - lowerRank + 1, coverage: 1 - 2 * tail, exact: false };
}
