import type { ResolvedIat } from '../../experiments/schema/index.js';
import type { Rng } from './rng.js';

/**
 * Inter-arrival times: one sample per round, and the theoretical moments the samples must match.
 * Exponential draws use the inverse CDF with 1 − u, which lies in (0, 1], so log(0) never occurs.
 */

/** One IAT in ms. `stellar` shifted-exponential samples are whole ms, like STeLLAR's Go code. */
export function sampleIatMs(iat: ResolvedIat, rng: Rng): number {
  switch (iat.distribution) {
    case 'fixed':
      return iat.ms;
    case 'exponential':
      return exponential(iat.meanMs, rng);
    case 'shifted-exponential': {
      const ms = iat.shiftMs + exponential(iat.scaleMs, rng);
      // STeLLAR: time.Duration(seconds*1000) * time.Millisecond, a conversion that truncates.
      return iat.parametrisation === 'stellar' ? Math.trunc(ms) : ms;
    }
    case 'uniform':
      return iat.minMs + (iat.maxMs - iat.minMs) * rng.next();
  }
}

export interface IatMoments {
  readonly meanMs: number;
  readonly varianceMs2: number;
}

/** Mean and variance of the distribution `sampleIatMs` draws from, truncation included. */
export function iatMoments(iat: ResolvedIat): IatMoments {
  switch (iat.distribution) {
    case 'fixed':
      return { meanMs: iat.ms, varianceMs2: 0 };
    case 'exponential':
      return { meanMs: iat.meanMs, varianceMs2: iat.meanMs ** 2 };
    case 'shifted-exponential':
      return iat.parametrisation === 'stellar'
        ? truncatedShiftedExponentialMoments(iat.shiftMs, iat.scaleMs)
        : { meanMs: iat.shiftMs + iat.scaleMs, varianceMs2: iat.scaleMs ** 2 };
    case 'uniform':
      return { meanMs: (iat.minMs + iat.maxMs) / 2, varianceMs2: (iat.maxMs - iat.minMs) ** 2 / 12 };
  }
}

function exponential(meanMs: number, rng: Rng): number {
  // 0 − x rather than −x: u = 0 then gives 0, not −0.
  return 0 - meanMs * Math.log(1 - rng.next());
}

/**
 * Moments of ⌊shift + X⌋ with X ~ Exp(mean s): the truncation takes about half a ms off the mean
 * and adds about 1/12 ms² of variance, which 200,000 samples can tell. Exactly, with
 * shift = n + f (f its fraction), q = e^(−1/s) and Z = ⌊f + X⌋:
 *   P(Z ≥ k) = P(X ≥ k − f) = e^(f/s)·q^k for k ≥ 1
 *   E[Z]  = Σ P(Z ≥ k)          = e^(f/s)·q/(1 − q)
 *   E[Z²] = Σ (2k − 1)·P(Z ≥ k) = e^(f/s)·(2q/(1 − q)² − q/(1 − q))
 */
function truncatedShiftedExponentialMoments(shiftMs: number, scaleMs: number): IatMoments {
  const whole = Math.trunc(shiftMs);
  if (scaleMs <= 0) return { meanMs: whole, varianceMs2: 0 };
  const fraction = shiftMs - whole;
  const q = Math.exp(-1 / scaleMs);
  const oneMinusQ = -Math.expm1(-1 / scaleMs);
  const lift = Math.exp(fraction / scaleMs);
  const meanZ = (lift * q) / oneMinusQ;
  const meanZ2 = lift * ((2 * q) / oneMinusQ ** 2 - q / oneMinusQ);
  return { meanMs: whole + meanZ, varianceMs2: meanZ2 - meanZ ** 2 };
}
