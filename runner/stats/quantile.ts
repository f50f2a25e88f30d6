/**
 * Percentiles, Hyndman–Fan type 7: linear interpolation between order statistics. It is R's and
 * numpy's default (`np.percentile(x, 99)`, `np.quantile(x, 0.99)`), so anyone can reproduce our
 * numbers from latencies.csv without reading this code.
 *
 * For x sorted ascending, of length n, and p in [0, 1]:
 *   h = (n − 1)·p,  Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋])   (0-based indices)
 * Q(0) is the minimum, Q(1) the maximum, Q(0.5) the usual median (mean of the middle two for even n).
 */

/** A sorted copy; the input is left alone because callers often keep records in completion order. */
export function sortAscending(values: ArrayLike<number>): number[] {
  return Array.from(sortedCopy(values));
}

/** As sortAscending, kept as a typed array (8 bytes a value, for the large samples of a long study). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  // A typed array sorts numerically (and fast) without a comparator.
  return Float64Array.from(values).sort();
}

/** The type-7 quantile of an ascending sample. Throws on an empty sample or p outside [0, 1]: both are bugs in the caller. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantileSorted needs at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const below = Math.floor(h);
  const lower = sorted[below] as number;
  // On an exact order statistic (p = 1 included) there is nothing above to interpolate towards.
  if (h === below) return lower;
  const upper = sorted[below + 1] as number;
  return lower + (h - below) * (upper - lower);
}

/** The median of an ascending sample (type 7, so the mean of the middle pair for even n). */
export function medianSorted(sorted: ArrayLike<number>): number {
  return quantileSorted(sorted, 0.5);
}
