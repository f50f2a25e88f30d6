import { describe, expect, test } from '@jest/globals';
import type { ResolvedIat } from '../../../experiments/schema/index.js';
import { createRng, iatMoments, sampleIatMs, type Rng } from '../../../runner/schedule/index.js';

const N = 200_000;

/** Sample mean and variance, plus the fourth central moment the variance's standard error needs. */
function sampleMoments(iat: ResolvedIat, seed: number) {
  const rng = createRng(seed, 0);
  const xs = Float64Array.from({ length: N }, () => sampleIatMs(iat, rng));
  const mean = xs.reduce((sum, x) => sum + x, 0) / N;
  let m2 = 0;
  let m4 = 0;
  for (const x of xs) {
    const d2 = (x - mean) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  return { xs, mean, variance: m2 / (N - 1), m4: m4 / N };
}

/** A generator that always returns `u`, for hand computation. */
const constant = (u: number): Rng => ({ next: () => u });

const ln = Math.log;
const stellar = (iatSeconds: number): ResolvedIat => ({
  distribution: 'shifted-exponential',
  shiftMs: iatSeconds * 1000,
  scaleMs: ln(iatSeconds) * 1000,
  parametrisation: 'stellar',
});

describe('IAT samples by hand', () => {
  test('fixed is the value', () => {
    expect(sampleIatMs({ distribution: 'fixed', ms: 250 }, constant(0.9))).toBe(250);
  });

  test('exponential is −mean·ln(1 − u), so u = 0 gives 0 and never log(0)', () => {
    expect(sampleIatMs({ distribution: 'exponential', meanMs: 100 }, constant(0))).toBe(0);
    expect(sampleIatMs({ distribution: 'exponential', meanMs: 100 }, constant(0.5))).toBeCloseTo(100 * ln(2), 10);
    expect(Number.isFinite(sampleIatMs({ distribution: 'exponential', meanMs: 100 }, constant(1 - 2 ** -32)))).toBe(true);
  });

  test('native shifted-exponential keeps the fraction; stellar truncates to whole ms', () => {
    const native: ResolvedIat = { distribution: 'shifted-exponential', shiftMs: 3000, scaleMs: 1000 * ln(3), parametrisation: 'native' };
    // u = 1/2: 3000 + 1098.612…·ln 2 = 3761.50…
    expect(sampleIatMs(native, constant(0.5))).toBeCloseTo(3000 + 1000 * ln(3) * ln(2), 9);
    expect(sampleIatMs(stellar(3), constant(0.5))).toBe(3761);
  });

  test('uniform is min + (max − min)·u', () => {
    expect(sampleIatMs({ distribution: 'uniform', minMs: 100, maxMs: 300 }, constant(0.25))).toBe(150);
  });
});

describe('theoretical moments', () => {
  test('STeLLAR IAT 3 s: mean IAT + ln(IAT) s, less half a ms of truncation; variance ln(IAT)² s² + 1/12 ms²', () => {
    const { meanMs, varianceMs2 } = iatMoments(stellar(3));
    expect(meanMs).toBeCloseTo(3000 + 1000 * ln(3) - 0.5, 2);
    expect(varianceMs2).toBeCloseTo((1000 * ln(3)) ** 2 + 1 / 12, 0);
  });

  test('STeLLAR IAT 600 s: 600 s + Exp(mean 6.4 s)', () => {
    expect(iatMoments(stellar(600)).meanMs).toBeCloseTo(600_000 + 6396.9 - 0.5, 0);
  });
});

/**
 * Sample moments against theory. The seed is fixed, so the test is deterministic; the tolerance
 * of 4 standard errors says how far a correct sampler could plausibly land (a two-sided 4σ miss
 * has probability 6·10⁻⁵), while a wrong parametrisation (say scale vs rate, or a lost half ms of
 * truncation at scale 10 ms) lands tens of standard errors away. SE(mean) = σ/√n and
 * SE(s²) = √((μ4 − σ⁴)/n), with μ4 estimated from the sample.
 */
describe.each<[string, ResolvedIat]>([
  ['exponential, mean 1000 ms', { distribution: 'exponential', meanMs: 1000 }],
  ['shifted-exponential native, 500 + Exp(250)', { distribution: 'shifted-exponential', shiftMs: 500, scaleMs: 250, parametrisation: 'native' }],
  ['STeLLAR stochastic IAT 3 s', stellar(3)],
  ['STeLLAR IAT 1.1 s (scale 95 ms)', stellar(1.1)],
  ['stellar truncation with a fractional shift and a small scale', { distribution: 'shifted-exponential', shiftMs: 2000.5, scaleMs: 10, parametrisation: 'stellar' }],
  ['uniform [100, 300)', { distribution: 'uniform', minMs: 100, maxMs: 300 }],
])('%s: %j', (_label, iat) => {
  const sample = sampleMoments(iat, 20_241_123);
  const theory = iatMoments(iat);

  test('sample mean within 4 standard errors of the theoretical mean', () => {
    expect(Math.abs(sample.mean - theory.meanMs)).toBeLessThan(4 * Math.sqrt(theory.varianceMs2 / N));
  });

  test('sample variance within 4 standard errors of the theoretical variance', () => {
    const se = Math.sqrt((sample.m4 - sample.variance ** 2) / N);
    expect(Math.abs(sample.variance - theory.varianceMs2)).toBeLessThan(4 * se);
  });

  test('samples never fall below the distribution\'s floor', () => {
    const floor = iat.distribution === 'shifted-exponential' ? Math.trunc(iat.shiftMs) : iat.distribution === 'uniform' ? iat.minMs : 0;
    expect(sample.xs.reduce((min, x) => Math.min(min, x), Infinity)).toBeGreaterThanOrEqual(floor);
  });

  if (iat.distribution === 'shifted-exponential' && iat.parametrisation === 'stellar') {
    test('every sample is a whole number of ms', () => {
      expect(sample.xs.every((x) => Number.isInteger(x))).toBe(true);
    });
  }
});

test('fixed IATs have no spread', () => {
  const rng = createRng(1, 0);
  const iat: ResolvedIat = { distribution: 'fixed', ms: 42 };
  expect(Array.from({ length: 5 }, () => sampleIatMs(iat, rng))).toEqual([42, 42, 42, 42, 42]);
  expect(iatMoments(iat)).toEqual({ meanMs: 42, varianceMs2: 0 });
});
