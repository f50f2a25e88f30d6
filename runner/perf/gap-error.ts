import { quantileSorted, sortAscending } from '../stats/index.js';

/** How far a schedule's arrivals strayed from their plan, in ms. */
export interface GapErrorFigures {
  /** Gaps compared: arrivals − 1. */
  readonly gaps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/**
 * |actual gap − planned gap| for each pair of consecutive arrivals, where arrival i was planned at
 * `plannedMs[i]` (any origin: only differences count) and seen at `arrivedMs[i]` (another clock,
 * another origin). Gaps, not offsets: the two clocks' origins never have to be matched, and a
 * late arrival counts against both of its gaps, as a listener on the server would feel it.
 */
export function gapErrorsMs(plannedMs: readonly number[], arrivedMs: readonly number[]): number[] {
  if (plannedMs.length !== arrivedMs.length) {
    throw new Error(`${arrivedMs.length} arrivals for ${plannedMs.length} planned requests: some requests never reached the server`);
  }
  const errors: number[] = [];
  for (let i = 1; i < plannedMs.length; i++) {
    const planned = (plannedMs[i] as number) - (plannedMs[i - 1] as number);
    const actual = (arrivedMs[i] as number) - (arrivedMs[i - 1] as number);
    errors.push(Math.abs(actual - planned));
  }
  return errors;
}

/** p50, p99 (type 7) and max of the gap errors; NaN for all three with no gap. */
export function summarizeGapErrors(errorsMs: readonly number[]): GapErrorFigures {
  if (errorsMs.length === 0) return { gaps: 0, p50Ms: Number.NaN, p99Ms: Number.NaN, maxMs: Number.NaN };
  const sorted = sortAscending(errorsMs);
  return {
    gaps: sorted.length,
    p50Ms: quantileSorted(sorted, 0.5),
    p99Ms: quantileSorted(sorted, 0.99),
    maxMs: sorted.at(-1) as number,
  };
}
