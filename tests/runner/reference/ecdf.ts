import { sortAscending } from './quantile.js';

/**
 * Points of the empirical CDF, drawn with step-after interpolation: F(x_(i)) = i/n, plus a leading
 * (x_(1), 0) so the curve rises at the minimum instead of starting in mid-air.
 *
 * Large samples are thinned so an SVG stays small: the top ECDF_TAIL_SHARE of the kept points are
 * the highest order statistics, every one of them (the tail is what a cold-start study is read for),
 * and the body is every k-th order statistic. A thinned step then sits at most 2/maxPoints below the
 * true ECDF, far under a pixel at the chart's height.
 */

export interface EcdfPoint {
  readonly latencyMs: number;
  readonly fraction: number;
}

export const ECDF_MAX_POINTS = 600;
const ECDF_TAIL_SHARE = 0.5;

export function ecdfPoints(valuesMs: readonly number[], maxPoints = ECDF_MAX_POINTS): EcdfPoint[] {
  const sorted = sortAscending(valuesMs);
  const n = sorted.length;
  if (n === 0) return [];
  const points: EcdfPoint[] = [{ latencyMs: sorted[0] as number, fraction: 0 }];
  for (const rank of keptRanks(n, Math.max(2, maxPoints - 1))) {
    points.push({ latencyMs: sorted[rank - 1] as number, fraction: rank / n });
  }
  return points;
}

/** 1-based ranks to draw, ascending; always includes 1 and n. */
export function keptRanks(n: number, maxPoints: number): number[] {
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i + 1);
  const tailCount = Math.floor(maxPoints * ECDF_TAIL_SHARE);
  const firstTailRank = n - tailCount + 1;
  const bodyPoints = maxPoints - tailCount;
  const step = Math.ceil((firstTailRank - 1) / bodyPoints);
  const ranks: number[] = [];
  for (let rank = 1; rank < firstTailRank; rank += step) ranks.push(rank);
  for (let rank = firstTailRank; rank <= n; rank += 1) ranks.push(rank);
  return ranks;
}
