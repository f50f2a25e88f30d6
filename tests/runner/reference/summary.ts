import { type MedianCi, medianCi, N_TOO_SMALL } from './median-ci.js';
import { quantileSorted, sortAscending } from './quantile.js';

/**
 * The statistics of one group of requests. Latency fields are in ms over successful requests only
 * (`count` of them); failed requests are only counted (`errors`), since a timeout's "latency" is the
 * timeout we chose, not the platform's. Every latency field is null when there is no successful sample.
 */
export interface LatencySummary {
  readonly count: number;
  readonly errors: number;
  readonly minMs: number | null;
  readonly meanMs: number | null;
  /** Sample standard deviation (n − 1); null below two samples. */
  readonly stddevMs: number | null;
  readonly p25Ms: number | null;
  readonly p50Ms: number | null;
  readonly p75Ms: number | null;
  readonly p90Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly p999Ms: number | null;
  readonly maxMs: number | null;
  /** p99 / p50 (STeLLAR's tail-to-median ratio); null when p50 is 0 or there are no samples. */
  readonly tailToMedian: number | null;
  readonly medianCi: MedianCi | null;
  /** Why there is no interval, or how it was approximated; null for an exact interval. */
  readonly medianCiNote: string | null;
}

/** Percentiles reported, as `[field, p]`; type-7 quantiles (see quantile.ts). */
export const PERCENTILES = [
  ['p25Ms', 0.25],
  ['p50Ms', 0.5],
  ['p75Ms', 0.75],
  ['p90Ms', 0.9],
  ['p95Ms', 0.95],
  ['p99Ms', 0.99],
  ['p999Ms', 0.999],
] as const satisfies readonly (readonly [keyof LatencySummary, number])[];

/** Summarises successful latencies (any order) plus a count of failed requests. */
export function summarize(latenciesMs: readonly number[], errors: number): LatencySummary {
  const sorted = sortAscending(latenciesMs);
  const n = sorted.length;
  if (n === 0) return emptySummary(errors);

  const meanMs = sorted.reduce((sum, x) => sum + x, 0) / n;
  // Two passes (mean first, then squared deviations) keep precision when latencies are large and close together.
  const stddevMs = n < 2 ? null : Math.sqrt(sorted.reduce((sum, x) => sum + (x - meanMs) ** 2, 0) / (n - 1));
  const [p25Ms, p50Ms, p75Ms, p90Ms, p95Ms, p99Ms, p999Ms] = PERCENTILES.map(([, p]) => quantileSorted(sorted, p)) as [
    number, number, number, number, number, number, number,
  ];
  const { ci, note } = medianCi(sorted);
  return {
    count: n,
    errors,
    minMs: sorted[0] as number,
    meanMs,
    stddevMs,
    p25Ms,
    p50Ms,
    p75Ms,
    p90Ms,
    p95Ms,
    p99Ms,
    p999Ms,
    maxMs: sorted[n - 1] as number,
    tailToMedian: p50Ms === 0 ? null : p99Ms / p50Ms,
    medianCi: ci,
    medianCiNote: note,
  };
}

function emptySummary(errors: number): LatencySummary {
  return {
    count: 0,
    errors,
    minMs: null,
    meanMs: null,
    stddevMs: null,
    p25Ms: null,
    p50Ms: null,
    p75Ms: null,
    p90Ms: null,
    p95Ms: null,
    p99Ms: null,
    p999Ms: null,
    maxMs: null,
    tailToMedian: null,
    medianCi: null,
    medianCiNote: N_TOO_SMALL,
  };
}
