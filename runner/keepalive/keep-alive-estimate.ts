import type { ColdProbabilityPoint } from './cold-probability.js';

/**
 * The estimated keep-alive: the idle time at which P(cold | idle) crosses 50%, by linear
 * interpolation between the two idle times that bracket the crossing. Pure.
 *
 * Points without samples are skipped. A crossing runs from a point strictly below 50% to the next
 * point strictly above it (or the reverse, downwards); points exactly at 50% in between belong to
 * the crossing, and the estimate is then the middle of the idle times where the curve sits at 50%.
 *
 * Outcomes:
 * - `crossed`: exactly one crossing, upwards. estimateMs and the bracketing idle times.
 * - `not-crossed`: P stays on one side. `below`: the keep-alive is longer than the longest idle
 *   time tested; `above`: shorter than the shortest; `at-threshold`: every point is exactly 50%.
 *   No estimate: extrapolating past the tested range would be a guess.
 * - `ambiguous`: several crossings (noise, or a platform that evicts in more than one way) or a
 *   single downward one (P falling with idle time is not a keep-alive). No single estimate; every
 *   crossing is listed and the bracket spans them all. More samples per idle time, or idle times
 *   closer together, resolve it.
 * - `no-data`: no point has samples.
 */

export const KEEP_ALIVE_THRESHOLD = 0.5;

export interface Crossing {
  readonly direction: 'up' | 'down';
  /** Idle times of the last point on the starting side and the first point on the other side. */
  readonly bracketMs: readonly [number, number];
  readonly atIdleMs: number;
}

export type KeepAliveEstimate =
  | { readonly kind: 'crossed'; readonly estimateMs: number; readonly bracketMs: readonly [number, number]; readonly crossings: readonly Crossing[]; readonly note: string }
  | { readonly kind: 'not-crossed'; readonly side: 'below' | 'above' | 'at-threshold'; readonly testedMs: readonly [number, number]; readonly crossings: readonly []; readonly note: string }
  | { readonly kind: 'ambiguous'; readonly bracketMs: readonly [number, number]; readonly crossings: readonly Crossing[]; readonly note: string }
  | { readonly kind: 'no-data'; readonly note: string };

type Side = -1 | 0 | 1;

export function estimateKeepAlive(points: readonly ColdProbabilityPoint[]): KeepAliveEstimate {
  const curve = [...points]
    .filter((point): point is ColdProbabilityPoint & { pCold: number } => point.pCold !== null)
    .sort((a, b) => a.idleMs - b.idleMs);
  if (curve.length === 0) return { kind: 'no-data', note: 'no idle time has any sample' };
  const side = (p: number): Side => (p < KEEP_ALIVE_THRESHOLD ? -1 : p > KEEP_ALIVE_THRESHOLD ? 1 : 0);

  const crossings: Crossing[] = [];
  let last: number | null = null; // index of the last point strictly off 50%
  for (let i = 0; i < curve.length; i++) {
    const here = side(curve[i]!.pCold);
    if (here === 0) continue;
    if (last !== null && side(curve[last]!.pCold) !== here) crossings.push(crossingBetween(curve, last, i));
    last = i;
  }

  const testedMs = [curve[0]!.idleMs, curve[curve.length - 1]!.idleMs] as const;
  const range = `${formatMs(testedMs[0])} to ${formatMs(testedMs[1])}`;
  if (crossings.length === 0) {
    const sides = new Set(curve.map((point) => side(point.pCold)));
    const where = sides.has(-1) ? 'below' : sides.has(1) ? 'above' : 'at-threshold';
    const note =
      where === 'below'
        ? `P(cold) stays at or below 50% from ${range}: the keep-alive is longer than the longest idle time tested`
        : where === 'above'
          ? `P(cold) stays at or above 50% from ${range}: the keep-alive is shorter than the shortest idle time tested`
          : `P(cold) is exactly 50% at every idle time tested (${range})`;
    return { kind: 'not-crossed', side: where, testedMs, crossings: [], note };
  }
  const only = crossings[0]!;
  if (crossings.length === 1 && only.direction === 'up') {
    return {
      kind: 'crossed',
      estimateMs: only.atIdleMs,
      bracketMs: only.bracketMs,
      crossings,
      note: `P(cold) crosses 50% once, between ${formatMs(only.bracketMs[0])} and ${formatMs(only.bracketMs[1])}: keep-alive ≈ ${formatMs(only.atIdleMs)}`,
    };
  }
  const bracketMs = [crossings[0]!.bracketMs[0], crossings[crossings.length - 1]!.bracketMs[1]] as const;
  const note =
    crossings.length === 1
      ? `P(cold) falls through 50% between ${formatMs(bracketMs[0])} and ${formatMs(bracketMs[1])}: not a keep-alive shape, no estimate`
      : `P(cold) crosses 50% ${crossings.length} times between ${formatMs(bracketMs[0])} and ${formatMs(bracketMs[1])}: no single estimate; sample more per idle time`;
  return { kind: 'ambiguous', bracketMs, crossings, note };
}

/** The crossing from point `from` to point `to`, both strictly off 50% on opposite sides. */
function crossingBetween(curve: readonly (ColdProbabilityPoint & { pCold: number })[], from: number, to: number): Crossing {
  const a = curve[from]!;
  const b = curve[to]!;
  const direction = b.pCold > a.pCold ? 'up' : 'down';
  // Points at exactly 50% between them: the curve sits on the threshold from the first to the last.
  const atThreshold = curve.slice(from + 1, to);
  const atIdleMs =
    atThreshold.length > 0
      ? (atThreshold[0]!.idleMs + atThreshold[atThreshold.length - 1]!.idleMs) / 2
      : a.idleMs + ((KEEP_ALIVE_THRESHOLD - a.pCold) * (b.idleMs - a.idleMs)) / (b.pCold - a.pCold);
  return { direction, bracketMs: [a.idleMs, b.idleMs], atIdleMs };
}

function formatMs(ms: number): string {
  if (ms >= 60_000) return `${Number((ms / 60_000).toFixed(2))} min`;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(2))} s`;
  return `${Number(ms.toFixed(1))} ms`;
}
