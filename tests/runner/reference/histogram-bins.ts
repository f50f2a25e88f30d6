/**
 * Histogram bins computed here rather than by vega-lite's bin transform: vega-lite bins over the
 * whole data set before faceting, so a warm panel (tens of ms) would share bins sized for the cold
 * panel (seconds) and collapse into one bar. Each group gets its own "nice" bin width (1, 2 or 5 × 10^k)
 * near the square-root rule's, widened until there are at most HISTOGRAM_MAX_BINS bins.
 */

export interface HistogramBin {
  readonly startMs: number;
  readonly endMs: number;
  readonly count: number;
}

export const HISTOGRAM_MAX_BINS = 40;

export function histogramBins(valuesMs: readonly number[], maxBins = HISTOGRAM_MAX_BINS): HistogramBin[] {
  if (valuesMs.length === 0) return [];
  let minMs = Infinity;
  let maxMs = -Infinity;
  for (const value of valuesMs) {
    if (value < minMs) minMs = value;
    if (value > maxMs) maxMs = value;
  }
  const wantedBins = Math.min(maxBins, Math.max(1, Math.ceil(Math.sqrt(valuesMs.length))));
  // A sample of identical values still gets a bar of visible width around them.
  let widthMs = niceStep(maxMs > minMs ? (maxMs - minMs) / wantedBins : Math.max(Math.abs(minMs) * 0.1, 0.001));
  const binsFor = (width: number): number => Math.floor((maxMs - Math.floor(minMs / width) * width) / width) + 1;
  while (binsFor(widthMs) > maxBins) widthMs = nextNiceStep(widthMs);
  const firstStartMs = Math.floor(minMs / widthMs) * widthMs;
  const binCount = binsFor(widthMs);
  const counts = new Array<number>(binCount).fill(0);
  for (const value of valuesMs) {
    const bin = Math.min(binCount - 1, Math.floor((value - firstStartMs) / widthMs));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts.map((count, i) => ({
    startMs: roundToStep(firstStartMs + i * widthMs, widthMs),
    endMs: roundToStep(firstStartMs + (i + 1) * widthMs, widthMs),
    count,
  }));
}

const NICE_FACTORS = [1, 2, 5, 10];

/** The 1, 2 or 5 × 10^k closest to `raw` (on a log scale). */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) throw new RangeError(`bin width must be a positive number, got ${raw}`);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const distance = (factor: number): number => Math.abs(Math.log(factor * magnitude) - Math.log(raw));
  const best = NICE_FACTORS.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  return best * magnitude;
}

/** The next nice step above `step` (itself nice): 1 → 2 → 5 → 10. */
function nextNiceStep(step: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const factor = Math.round(step / magnitude);
  return factor === 1 ? 2 * magnitude : factor === 2 ? 5 * magnitude : 10 * magnitude;
}

/** Removes float noise (0.30000000000000004) from bin edges so labels and JSON read cleanly. */
function roundToStep(value: number, stepMs: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(stepMs)) + 1);
  return Number(value.toFixed(decimals));
}
